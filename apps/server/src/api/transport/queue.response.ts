import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  QUEUE_STATES,
  type QueueDetailDto,
  type QueuedMessageDto,
  type QueuedRecipientDto,
  type QueuedRecipientState,
  type QueueKind,
  type QueueState,
  type QueueSummaryDto,
} from '@estafette/contracts';

const QUEUE_KINDS: QueueKind[] = ['submission', 'local', 'server', 'smart-host', 'mx', 'unreachable'];
const RECIPIENT_STATES: QueuedRecipientState[] = ['pending', 'ready', 'retry', 'delivered', 'relayed', 'failed'];

/** OpenAPI description of QueueSummaryDto. */
export class QueueSummaryResponse implements QueueSummaryDto {
  @ApiProperty({ example: 'domain:fabrikam.example' }) name!: string;
  @ApiProperty({ example: 'fabrikam.example' }) displayName!: string;
  @ApiProperty({ enum: QUEUE_KINDS }) kind!: QueueKind;
  @ApiProperty({ enum: QUEUE_STATES }) state!: QueueState;
  @ApiProperty() messageCount!: number;
  @ApiProperty() recipientCount!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) oldestReceivedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) nextAttemptAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
}

export class QueuedRecipientResponse implements QueuedRecipientDto {
  @ApiProperty() address!: string;
  @ApiProperty() envelopeAddress!: string;
  @ApiProperty({ enum: RECIPIENT_STATES }) state!: QueuedRecipientState;
  @ApiProperty() frozen!: boolean;
  @ApiProperty({ type: String, nullable: true }) queue!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) nextAttemptAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, nullable: true, example: '4.4.1' }) status!: string | null;
  @ApiProperty({ type: String, nullable: true }) diagnostic!: string | null;
}

export class QueuedMessageResponse implements QueuedMessageDto {
  @ApiProperty({ description: 'the queue id of the 250 reply' }) id!: string;
  @ApiProperty() messageId!: string;
  @ApiProperty({ description: "the envelope sender; '' for <>" }) sender!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ enum: ['categorize', 'routed'] }) state!: 'categorize' | 'routed';
  @ApiProperty() frozen!: boolean;
  @ApiProperty({ type: [QueuedRecipientResponse] }) recipients!: QueuedRecipientDto[];
}

export class QueueDetailResponse extends QueueSummaryResponse implements QueueDetailDto {
  @ApiPropertyOptional({ type: [QueuedMessageResponse] }) messages!: QueuedMessageDto[];
}
