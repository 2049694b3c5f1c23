import { ApiProperty } from '@nestjs/swagger';
import type { RoutingGroupDto } from '@estafette/contracts';

/** OpenAPI description of RoutingGroupDto. */
export class RoutingGroupResponse implements RoutingGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) administrativeGroupId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) masterServerId!: string | null;
  @ApiProperty({ type: [String], description: 'Servers whose routingGroupId is this group, oldest first' })
  memberServerIds!: string[];
}
