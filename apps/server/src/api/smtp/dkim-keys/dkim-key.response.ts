import { ApiProperty } from '@nestjs/swagger';
import type { DkimKeyDto } from '@estafette/directory';

/** OpenAPI description of DkimKeyDto. */
export class DkimKeyResponse implements DkimKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'example.com' }) domain!: string;
  @ApiProperty({ example: 'estafette2026' }) selector!: string;
  @ApiProperty({ enum: ['rsa-sha256'] }) algorithm!: 'rsa-sha256';
  @ApiProperty({ description: 'the key outbound mail from the domain is signed with' }) active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: 'estafette2026._domainkey.example.com' }) dnsName!: string;
  @ApiProperty({ example: 'v=DKIM1; k=rsa; p=MIIBIjANBg…' }) dnsRecord!: string;
}
