import { ApiProperty } from '@nestjs/swagger';
import type { RoutingGroupConnectorDto } from '@estafette/contracts';

/** OpenAPI description of RoutingGroupConnectorDto. */
export class RoutingGroupConnectorResponse implements RoutingGroupConnectorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) sourceRoutingGroupId!: string;
  @ApiProperty({ format: 'uuid' }) targetRoutingGroupId!: string;
  @ApiProperty({ minimum: 1, maximum: 100 }) cost!: number;
  @ApiProperty({ type: [String] }) sourceBridgeheadIds!: string[];
  @ApiProperty({ type: [String] }) targetBridgeheadIds!: string[];
  @ApiProperty() enabled!: boolean;
}
