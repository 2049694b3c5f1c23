import { ApiProperty } from '@nestjs/swagger';
import { STORE_KINDS, type InformationStoreDto, type StoreKind } from '@estafette/contracts';

/** OpenAPI description of InformationStoreDto. */
export class InformationStoreResponse implements InformationStoreDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) storageGroupId!: string;
  @ApiProperty({ format: 'uuid' }) serverId!: string;
  @ApiProperty({ enum: STORE_KINDS }) kind!: StoreKind;
  @ApiProperty() name!: string;
  @ApiProperty({ type: Number, nullable: true }) issueWarningKb!: number | null;
  @ApiProperty({ type: Number, nullable: true }) prohibitSendKb!: number | null;
  @ApiProperty({ type: Number, nullable: true }) prohibitSendReceiveKb!: number | null;
  @ApiProperty() deletedItemRetentionDays!: number;
  @ApiProperty() mounted!: boolean;
  @ApiProperty({ description: 'Mailboxes homed on the store' }) mailboxCount!: number;
}
