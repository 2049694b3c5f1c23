import { ApiProperty } from '@nestjs/swagger';
import type { MailboxFolderStatsDto, MailboxStatsDto } from '@estafette/contracts';
import type { FolderRole, MailboxFolderStats, MailboxStats, QuotaState } from '@estafette/store';

class MailboxStoreResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() mounted!: boolean;
}

class MailboxFolderStatsResponse implements MailboxFolderStats, MailboxFolderStatsDto {
  @ApiProperty({ description: 'full path, "/"-separated', example: 'Inbox/Projects' }) name!: string;
  @ApiProperty({
    nullable: true,
    enum: ['inbox', 'sent', 'drafts', 'trash', 'junk', 'outbox', 'calendar', 'contacts', 'tasks'],
  })
  role!: FolderRole | null;
  @ApiProperty() itemCount!: number;
  @ApiProperty() sizeBytes!: number;
}

/** OpenAPI shape of GET /api/mailboxes/:recipientId/stats. */
export class MailboxStatsResponse implements MailboxStats, MailboxStatsDto {
  @ApiProperty({ format: 'uuid' }) recipientId!: string;
  @ApiProperty() alias!: string;
  @ApiProperty({ type: MailboxStoreResponse, nullable: true }) store!: MailboxStoreResponse | null;
  @ApiProperty({ description: 'false until the first delivery or logon creates the mailbox' }) mailboxExists!: boolean;
  @ApiProperty({ type: [MailboxFolderStatsResponse] }) folders!: MailboxFolderStatsResponse[];
  @ApiProperty() totalItems!: number;
  @ApiProperty() totalBytes!: number;
  @ApiProperty({ enum: ['ok', 'warning', 'prohibit-send', 'prohibit-send-receive'] }) quotaState!: QuotaState;
  @ApiProperty({ nullable: true, format: 'date-time' }) lastLogonAt!: string | null;
}
