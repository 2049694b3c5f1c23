import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import { CONNECTOR_SCOPES, type ConnectorScope, type CreateSmtpConnectorRequest } from '@estafette/contracts';
import { MAX_MESSAGE_SIZE_KB } from '../common/limits';
import { IsSmartHost, IsTopologyName, OptionalNotNull } from '../common/topology-validators';
import { AddressSpaceDto } from './address-space.dto';

export class CreateSmtpConnectorDto implements CreateSmtpConnectorRequest {
  @ApiProperty({ example: 'Internet' })
  @IsTopologyName()
  name!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  routingGroupId!: string;

  @ApiProperty({ type: [AddressSpaceDto], description: 'At least one' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AddressSpaceDto)
  addressSpaces!: AddressSpaceDto[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '[192.0.2.25]:587',
    description: 'Null: deliver by DNS MX',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @IsSmartHost()
  smartHost?: string | null;

  @ApiPropertyOptional({ enum: CONNECTOR_SCOPES, default: 'organization' })
  @OptionalNotNull()
  @IsIn([...CONNECTOR_SCOPES])
  scope?: ConnectorScope;

  @ApiPropertyOptional({ type: [String], description: 'Member servers of the routing group; empty: any member' })
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

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}
