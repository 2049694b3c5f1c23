import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A message's full-text index row. The vector (tsvector) is written and read only in SQL by
 * MessageRepository and SearchIndexer, so it is not mapped here.
 */
@Entity('message_fulltext')
export class MessageFulltextEntity {
  @PrimaryColumn({ type: 'uuid' }) messageId!: string;
  /** The text waiting for the indexer; NULL once the vector is built. */
  @Column({ type: 'text', nullable: true }) searchText!: string | null;
}
