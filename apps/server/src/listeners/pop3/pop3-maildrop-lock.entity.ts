import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A POP3 maildrop lock with its lease (migration 1764300600000). */
@Entity('pop3_maildrop_lock')
export class Pop3MaildropLockEntity {
  @PrimaryColumn({ type: 'uuid' }) mailboxId!: string;
  @Column({ type: 'varchar', length: 100 }) holder!: string;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
}
