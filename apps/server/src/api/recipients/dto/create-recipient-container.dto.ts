import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import type { CreateRecipientContainerRequest } from '@estafette/contracts';
import { IsOptionalNotNull } from './validators';

/** Container names appear in paths and LDAP DNs: keep the separators out. */
export const CONTAINER_NAME = /^[^\\/"<>|*?:,=+;#]+$/;

export class CreateRecipientContainerDto implements CreateRecipientContainerRequest {
  @ApiProperty({ example: 'Sales' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(CONTAINER_NAME, { message: 'name must not contain \\ / " < > | * ? : , = + ; #' })
  name!: string;

  @ApiPropertyOptional({ nullable: true, description: 'Parent container; absent or null for a top-level container' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(1024)
  description?: string;
}
