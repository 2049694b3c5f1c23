import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsUUID, Max, Min } from 'class-validator';
import type { UpdateRoutingGroupConnectorRequest } from '@estafette/contracts';
import { IsTopologyName, OptionalNotNull } from '../common/topology-validators';

export class UpdateRoutingGroupConnectorDto implements UpdateRoutingGroupConnectorRequest {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsTopologyName()
  name?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalNotNull()
  @IsUUID()
  sourceRoutingGroupId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalNotNull()
  @IsUUID()
  targetRoutingGroupId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(100)
  cost?: number;

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  sourceBridgeheadIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  targetBridgeheadIds?: string[];

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}
