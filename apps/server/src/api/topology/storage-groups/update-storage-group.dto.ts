import { ApiPropertyOptional } from '@nestjs/swagger';
import type { UpdateStorageGroupRequest } from '@estafette/contracts';
import { IsTopologyName, OptionalNotNull } from '../common/topology-validators';

export class UpdateStorageGroupDto implements UpdateStorageGroupRequest {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsTopologyName()
  name?: string;
}
