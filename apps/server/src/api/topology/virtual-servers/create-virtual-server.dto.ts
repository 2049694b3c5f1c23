import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import {
  AUTH_METHODS,
  PROTOCOL_NAMES,
  type AuthMethod,
  type CreateVirtualServerRequest,
  type ProtocolName,
} from '@estafette/contracts';
import { IsIpAddress, IsTopologyName, OptionalNotNull } from '../common/topology-validators';
import { VirtualServerSettingsDto } from './virtual-server-settings.dto';

export class CreateVirtualServerDto implements CreateVirtualServerRequest {
  @ApiProperty({ enum: PROTOCOL_NAMES })
  @IsIn([...PROTOCOL_NAMES])
  protocol!: ProtocolName;

  @ApiProperty({ example: 'Submission SMTP Virtual Server', description: 'Unique per server and protocol' })
  @IsTopologyName()
  name!: string;

  @ApiPropertyOptional({ default: '0.0.0.0', description: 'An IPv4 or IPv6 address; 0.0.0.0 or :: for all' })
  @OptionalNotNull()
  @IsIpAddress()
  bindAddress?: string;

  @ApiProperty({ minimum: 0, maximum: 65535, description: '0: any free port (tests)' })
  @IsInt()
  @Min(0)
  @Max(65535)
  port!: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Implicit TLS port (465, 995, 993, 636, 443, 563); null: none',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  tlsPort?: number | null;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ enum: AUTH_METHODS, isArray: true, description: 'Defaults to the protocol’s usual methods' })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(AUTH_METHODS.length)
  @IsIn([...AUTH_METHODS], { each: true })
  authMethods?: AuthMethod[];

  @ApiPropertyOptional({ type: VirtualServerSettingsDto })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => VirtualServerSettingsDto)
  settings?: VirtualServerSettingsDto;
}
