import { ApiProperty } from '@nestjs/swagger';
import type { ServerDto } from '@estafette/contracts';

/** OpenAPI description of ServerDto. */
export class ServerResponse implements ServerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'mail1.example.com' }) name!: string;
  @ApiProperty({ format: 'uuid' }) administrativeGroupId!: string;
  @ApiProperty({ format: 'uuid' }) routingGroupId!: string;
  @ApiProperty({ description: 'Estafette version the server last started with' }) version!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastStartedAt!: string | null;
}
