import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean } from 'class-validator';
import type { SmtpRelayRestrictions } from '@estafette/contracts';
import { IsCidrEach } from '../common/topology-validators';

/** Exchange 2003 default: only the (empty) list below, plus authenticated clients. Never an open relay by default. */
export class SmtpRelayDto implements SmtpRelayRestrictions {
  @ApiProperty({ description: 'Let clients that authenticated relay to any domain' })
  @IsBoolean()
  allowAuthenticatedRelay!: boolean;

  @ApiProperty({
    type: [String],
    example: ['192.0.2.0/24'],
    description: 'Addresses or CIDR networks that may relay without authenticating',
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsCidrEach()
  relayFrom!: string[];
}
