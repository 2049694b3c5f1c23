import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { CreateDkimKeyRequest } from '@estafette/directory';

export class CreateDkimKeyDto implements CreateDkimKeyRequest {
  /** Must be an authoritative domain; checked by the service. */
  @ApiProperty({ example: 'example.com' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  domain!: string;

  /** DNS labels (RFC 6376 §3.1); checked by the service. */
  @ApiProperty({ example: 'estafette2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(63)
  selector!: string;
}
