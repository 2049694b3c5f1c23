import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { UpdateRoutingGroupRequest } from '@estafette/contracts';
import { IsTopologyName, OptionalNotNull } from '../common/topology-validators';

export class UpdateRoutingGroupDto implements UpdateRoutingGroupRequest {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsTopologyName()
  name?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The routing group master; must be a member server' })
  @OptionalNotNull()
  @IsUUID()
  masterServerId?: string;
}
