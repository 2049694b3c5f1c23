import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CONNECTOR_SCOPES, type ConnectorScope, type UpdateSmtpConnectorRequest } from '@estafette/contracts';
import { MAX_MESSAGE_SIZE_KB } from '../common/limits';
import { IsSmartHost, IsTopologyName, OptionalNotNull } from '../common/topology-validators';
import { AddressSpaceDto } from './address-space.dto';

export class UpdateSmtpConnectorDto implements UpdateSmtpConnectorRequest {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsTopologyName()
  name?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalNotNull()
  @IsUUID()
  routingGroupId?: string;

  @ApiPropertyOptional({ type: [AddressSpaceDto], description: 'Replaces the whole list' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AddressSpaceDto)
  addressSpaces?: AddressSpaceDto[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Null: deliver by DNS MX' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @IsSmartHost()
  smartHost?: string | null;

  @ApiPropertyOptional({ enum: CONNECTOR_SCOPES })
  @OptionalNotNull()
  @IsIn([...CONNECTOR_SCOPES])
  scope?: ConnectorScope;

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  bridgeheadServerIds?: string[];

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_MESSAGE_SIZE_KB)
  maxMessageSizeKb?: number | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}
