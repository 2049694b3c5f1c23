import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A user's opt-out from a folder that is not theirs (shared with them, or public): such folders count as
 * subscribed otherwise. Read and written in SQL by FolderRepository.
 */
@Entity('folder_unsubscription')
export class FolderUnsubscriptionEntity {
  @PrimaryColumn({ type: 'uuid' }) recipientId!: string;
  @PrimaryColumn({ type: 'uuid' }) folderId!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}
