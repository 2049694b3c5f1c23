import { ApiProperty } from '@nestjs/swagger';
import type { CreateStorageGroupRequest } from '@estafette/contracts';
import { IsTopologyName } from '../common/topology-validators';

export class CreateStorageGroupDto implements CreateStorageGroupRequest {
  @ApiProperty({ example: 'Second Storage Group', description: 'Unique on the server' })
  @IsTopologyName()
  name!: string;
}
