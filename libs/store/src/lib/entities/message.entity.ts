import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BodyStructure, MessageEnvelope } from '@estafette/mime';

/** The full-text index of a message is in table message_fulltext, written by MessageRepository in SQL. */
@Entity('message')
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) folderId!: string;
  @Column({ type: 'bigint' }) uid!: string;
  @Column({ type: 'bigint' }) modseq!: string;
  @Column({ type: 'text', array: true }) flags!: string[];
  @Column({ type: 'timestamptz' }) internalDate!: Date;
  @Column({ type: 'integer' }) size!: number;
  @Column({ type: 'uuid' }) informationStoreId!: string;
  @Column({ type: 'varchar' }) blobSha256!: string;
  @Column({ type: 'text', nullable: true }) messageId!: string | null;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text' }) fromAddress!: string;
  @Column({ type: 'text' }) toAddresses!: string;
  @Column({ type: 'text' }) ccAddresses!: string;
  @Column({ type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ type: 'text', nullable: true }) inReplyTo!: string | null;
  @Column({ type: 'text', array: true }) messageReferences!: string[];
  @Column({ type: 'jsonb' }) envelope!: MessageEnvelope;
  @Column({ type: 'jsonb' }) bodyStructure!: BodyStructure;
  @Column({ type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
  /** The transport's name for the delivery that stored this row (exactly-once local delivery). */
  @Column({ type: 'text', nullable: true }) deliveryKey!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}
