import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NextHopKind, QueueItemState, RouteTarget } from '../routing/next-hop';

/** One copy of a queued message for one recipient, in the link queue of its next hop. */
@Entity('queue_item')
export class QueueItemEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'varchar' }) messageId!: string;
  @Column({ type: 'varchar' }) recipient!: string;
  @Column({ type: 'varchar' }) envelopeRecipient!: string;
  @Column({ type: 'varchar', nullable: true }) originalRecipient!: string | null;
  @Column({ type: 'varchar', nullable: true }) notify!: string | null;
  @Column({ type: 'uuid', nullable: true }) recipientId!: string | null;
  @Column({ type: 'varchar' }) state!: QueueItemState;
  @Column({ type: 'boolean' }) frozen!: boolean;
  @Column({ type: 'varchar', nullable: true }) nextHop!: string | null;
  @Column({ type: 'varchar', nullable: true }) nextHopKind!: NextHopKind | null;
  @Column({ type: 'jsonb', nullable: true }) route!: RouteTarget | null;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ type: 'timestamptz' }) nextAttemptAt!: Date;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
  @Column({ type: 'timestamptz' }) delayNotifyAt!: Date;
  @Column({ type: 'boolean' }) delayNotified!: boolean;
  @Column({ type: 'varchar', nullable: true }) status!: string | null;
  @Column({ type: 'text', nullable: true }) diagnostic!: string | null;
  @Column({ type: 'varchar', nullable: true }) remoteMta!: string | null;
  @Column({ type: 'boolean' }) reportPending!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'boolean' }) inDoubt!: boolean;
  @Column({ type: 'varchar', nullable: true }) lockedBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) lockedUntil!: Date | null;
}
