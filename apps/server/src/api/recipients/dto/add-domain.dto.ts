import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { AddDomainRequest } from '@estafette/contracts';

export class AddDomainDto implements AddDomainRequest {
  /** Syntax (RFC 5321 Domain, IDN allowed) is checked by the service with @estafette/mime. */
  @ApiProperty({ example: 'example.org' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  domain!: string;
}
