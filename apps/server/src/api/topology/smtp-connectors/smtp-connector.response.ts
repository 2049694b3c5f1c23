import { ApiProperty } from '@nestjs/swagger';
import type { ConnectorScope, SmtpConnectorDto } from '@estafette/contracts';
import { CONNECTOR_SCOPES } from '@estafette/contracts';
import { AddressSpaceDto } from './address-space.dto';

/** OpenAPI description of SmtpConnectorDto. */
export class SmtpConnectorResponse implements SmtpConnectorDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) routingGroupId!: string;
  @ApiProperty({ type: [AddressSpaceDto] }) addressSpaces!: AddressSpaceDto[];
  @ApiProperty({ type: String, nullable: true }) smartHost!: string | null;
  @ApiProperty({ enum: CONNECTOR_SCOPES }) scope!: ConnectorScope;
  @ApiProperty({ type: [String] }) bridgeheadServerIds!: string[];
  @ApiProperty({ type: Number, nullable: true }) maxMessageSizeKb!: number | null;
  @ApiProperty() enabled!: boolean;
}
