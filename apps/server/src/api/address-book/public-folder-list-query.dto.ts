import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class PublicFolderListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Whose children to list (default: the root 'Public Folders')" })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}
