import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An accepted message in transit: its envelope and the blob holding its bytes (namespace 'queue'). */
@Entity('queued_message')
export class QueuedMessageEntity {
  @PrimaryColumn({ type: 'varchar' }) id!: string;
  @Column({ type: 'char' }) blobSha256!: string;
  @Column({ type: 'bigint' }) size!: string;
  @Column({ type: 'varchar', nullable: true }) mailFrom!: string | null;
  @Column({ type: 'varchar', nullable: true }) dsnEnvelopeId!: string | null;
  @Column({ type: 'varchar', nullable: true }) dsnRet!: 'FULL' | 'HDRS' | null;
  @Column({ type: 'uuid', nullable: true }) authenticatedRecipientId!: string | null;
  @Column({ type: 'varchar' }) entryPoint!: 'smtp' | 'submission' | 'internal';
  @Column({ type: 'varchar' }) clientAddress!: string;
  @Column({ type: 'varchar' }) clientHostname!: string;
  @Column({ type: 'varchar' }) heloName!: string;
  @Column({ type: 'varchar' }) messageIdHeader!: string;
  @Column({ type: 'varchar' }) subject!: string;
  @Column({ type: 'integer' }) hopCount!: number;
  @Column({ type: 'boolean' }) isReport!: boolean;
  @Column({ type: 'timestamptz' }) receivedAt!: Date;
  @Column({ type: 'varchar' }) receivedBy!: string;
  @Column({ type: 'varchar' }) state!: 'categorize' | 'routed';
  @Column({ type: 'boolean' }) frozen!: boolean;
  @Column({ type: 'timestamptz' }) nextAttemptAt!: Date;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'varchar', nullable: true }) lockedBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
}
