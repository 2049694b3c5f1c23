import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { CreateRoutingGroupRequest } from '@estafette/contracts';
import { IsTopologyName } from '../common/topology-validators';

export class CreateRoutingGroupDto implements CreateRoutingGroupRequest {
  @ApiProperty({ example: 'Paris Routing Group' })
  @IsTopologyName()
  name!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The administrative group that holds the routing group (fixed once created)',
  })
  @IsUUID()
  administrativeGroupId!: string;
}
