import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FolderRole } from '../folders/folder-role';

/** bigint columns come back from PostgreSQL as strings; repositories convert them. */
@Entity('folder')
export class FolderEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) mailboxId!: string;
  @Column({ type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ type: 'varchar', nullable: true }) specialUse!: FolderRole | null;
  @Column({ type: 'bigint' }) uidvalidity!: string;
  @Column({ type: 'bigint' }) uidnext!: string;
  @Column({ type: 'bigint' }) highestModseq!: string;
  /** Journal rows at or below this MODSEQ may have been pruned (ChangeJournalRepository). */
  @Column({ type: 'bigint' }) journalFloor!: string;
  @Column({ type: 'integer' }) messageCount!: number;
  @Column({ type: 'bigint' }) sizeBytes!: string;
  @Column({ type: 'boolean' }) subscribed!: boolean;
  /** Set in a public folder store's mailbox: the public folder (directory tree) whose items this folder holds. */
  @Column({ type: 'uuid', nullable: true }) publicFolderId!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
