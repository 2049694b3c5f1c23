import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 'user': a recipient's mailbox; 'public': the content of a public folder store (no recipient). */
export type MailboxKind = 'user' | 'public';

@Entity('mailbox')
export class MailboxEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar' }) kind!: MailboxKind;
  @Column({ type: 'uuid', nullable: true }) recipientId!: string | null;
  @Column({ type: 'uuid' }) informationStoreId!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) lastLogonAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastQuotaWarningAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) disconnectedAt!: Date | null;
}
