import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsUUID, Max, Min } from 'class-validator';
import type { CreateRoutingGroupConnectorRequest } from '@estafette/contracts';
import { IsTopologyName, OptionalNotNull } from '../common/topology-validators';

export class CreateRoutingGroupConnectorDto implements CreateRoutingGroupConnectorRequest {
  @ApiProperty({ example: 'Paris to London' })
  @IsTopologyName()
  name!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  sourceRoutingGroupId!: string;

  @ApiProperty({ format: 'uuid', description: 'Must differ from the source' })
  @IsUUID()
  targetRoutingGroupId!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 1 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  cost?: number;

  @ApiPropertyOptional({ type: [String], description: 'Member servers of the source group; empty: any member' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  sourceBridgeheadIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Member servers of the target group; empty: any member' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  targetBridgeheadIds?: string[];

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}
