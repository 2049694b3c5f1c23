import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type FolderChangeKind = 'append' | 'flags' | 'expunge' | 'folder';

@Entity('folder_change')
export class FolderChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid' }) folderId!: string;
  @Column({ type: 'bigint' }) modseq!: string;
  @Column({ type: 'varchar' }) kind!: FolderChangeKind;
  @Column({ type: 'bigint', nullable: true }) uid!: string | null;
  @Column({ type: 'timestamptz' }) changedAt!: Date;
}
