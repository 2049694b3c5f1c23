import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import type { UpdatePublicFolderRequest } from '@estafette/contracts';
import { FOLDER_ALIAS_PATTERN, FOLDER_ALIAS_MAX_LENGTH } from '@estafette/directory';
import { FOLDER_NAME_MESSAGE, FOLDER_NAME_PATTERN } from './folder-name';

export class UpdatePublicFolderDto implements UpdatePublicFolderRequest {
  @ApiPropertyOptional({ maxLength: 128 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  @Matches(FOLDER_NAME_PATTERN, { message: FOLDER_NAME_MESSAGE })
  name?: string;

  @ApiPropertyOptional({ maxLength: 1024 })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Move below this folder' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @ApiPropertyOptional({
    description: 'true: give the folder alias@<default policy domain>; false: remove its addresses',
  })
  @IsOptional()
  @IsBoolean()
  mailEnabled?: boolean;

  @ApiPropertyOptional({ maxLength: FOLDER_ALIAS_MAX_LENGTH, description: 'Default: the folder name without spaces' })
  @IsOptional()
  @IsString()
  @MaxLength(FOLDER_ALIAS_MAX_LENGTH)
  @Matches(FOLDER_ALIAS_PATTERN, {
    message:
      "alias must be a valid address local part (letters, digits, ! # $ % & ' * + / = ? ^ _ ` { | } ~ - and inner dots)",
  })
  alias?: string;

  @ApiPropertyOptional({
    maxLength: 256,
    nullable: true,
    description: 'Name in the address book (default: the folder name)',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  displayName?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  hiddenFromAddressLists?: boolean;
}
