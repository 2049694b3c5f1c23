import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import type { CreatePublicFolderRequest } from '@estafette/contracts';
import { FOLDER_NAME_MESSAGE, FOLDER_NAME_PATTERN } from './folder-name';

export class CreatePublicFolderDto implements CreatePublicFolderRequest {
  @ApiProperty({ format: 'uuid', description: "Parent folder; the root 'Public Folders' for a top-level folder" })
  @IsUUID()
  parentId!: string;

  @ApiProperty({ maxLength: 128 })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  @Matches(FOLDER_NAME_PATTERN, { message: FOLDER_NAME_MESSAGE })
  name!: string;

  @ApiPropertyOptional({ maxLength: 1024 })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  description?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Owner (default: the caller)' })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;
}
