import { ApiProperty } from '@nestjs/swagger';
import {
  AUTH_METHODS,
  PROTOCOL_NAMES,
  type AuthMethod,
  type ProtocolName,
  type VirtualServerDto,
} from '@estafette/contracts';
import { VirtualServerSettingsDto } from './virtual-server-settings.dto';

/** OpenAPI description of VirtualServerDto. */
export class VirtualServerResponse implements VirtualServerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) serverId!: string;
  @ApiProperty({ enum: PROTOCOL_NAMES }) protocol!: ProtocolName;
  @ApiProperty() name!: string;
  @ApiProperty() bindAddress!: string;
  @ApiProperty() port!: number;
  @ApiProperty({ type: Number, nullable: true }) tlsPort!: number | null;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ enum: AUTH_METHODS, isArray: true }) authMethods!: AuthMethod[];
  @ApiProperty({ type: VirtualServerSettingsDto }) settings!: VirtualServerSettingsDto;
}
