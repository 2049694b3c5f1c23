import { ApiProperty } from '@nestjs/swagger';
import type { StorageGroupDto } from '@estafette/contracts';

/** OpenAPI description of StorageGroupDto. */
export class StorageGroupResponse implements StorageGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) serverId!: string;
  @ApiProperty() name!: string;
}
