import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AUTH_METHODS, type AuthMethod, type UpdateVirtualServerRequest } from '@estafette/contracts';
import { IsIpAddress, IsTopologyName, OptionalNotNull } from '../common/topology-validators';
import { VirtualServerSettingsDto } from './virtual-server-settings.dto';

/** The protocol is fixed once created. */
export class UpdateVirtualServerDto implements UpdateVirtualServerRequest {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsTopologyName()
  name?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsIpAddress()
  bindAddress?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 65535 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(65535)
  port?: number;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  tlsPort?: number | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ enum: AUTH_METHODS, isArray: true })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(AUTH_METHODS.length)
  @IsIn([...AUTH_METHODS], { each: true })
  authMethods?: AuthMethod[];

  @ApiPropertyOptional({ type: VirtualServerSettingsDto, description: 'Merged key by key into the stored settings' })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => VirtualServerSettingsDto)
  settings?: VirtualServerSettingsDto;
}
