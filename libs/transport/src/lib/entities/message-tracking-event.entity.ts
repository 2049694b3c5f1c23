import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TrackingEventKind } from '../tracking/tracking-event';

/** One line of the message tracking log. */
@Entity('message_tracking_event')
export class MessageTrackingEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'varchar' }) event!: TrackingEventKind;
  @Column({ type: 'varchar', nullable: true }) queueId!: string | null;
  @Column({ type: 'varchar' }) messageId!: string;
  @Column({ type: 'varchar' }) sender!: string;
  @Column({ type: 'varchar', nullable: true }) recipient!: string | null;
  @Column({ type: 'varchar' }) server!: string;
  @Column({ type: 'varchar', nullable: true }) status!: string | null;
  @Column({ type: 'text' }) detail!: string;
}
