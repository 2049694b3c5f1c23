import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One grantee's rights on a mailbox folder (RFC 4314 letters); grantee null is "anyone". */
@Entity('folder_acl')
export class FolderAclEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) folderId!: string;
  @Column({ type: 'uuid', nullable: true }) granteeId!: string | null;
  @Column({ type: 'varchar' }) rights!: string;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
