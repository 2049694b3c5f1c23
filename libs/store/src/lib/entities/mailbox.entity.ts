import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('mailbox')
export class MailboxEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', nullable: true }) recipientId!: string | null;
  @Column({ type: 'uuid' }) informationStoreId!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) lastLogonAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastQuotaWarningAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) disconnectedAt!: Date | null;
}
