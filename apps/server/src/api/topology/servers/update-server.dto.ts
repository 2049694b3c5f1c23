import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { UpdateServerRequest } from '@estafette/contracts';
import { OptionalNotNull } from '../common/topology-validators';

export class UpdateServerDto implements UpdateServerRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Move the server to this administrative group' })
  @OptionalNotNull()
  @IsUUID()
  administrativeGroupId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Move the server to this routing group' })
  @OptionalNotNull()
  @IsUUID()
  routingGroupId?: string;
}
