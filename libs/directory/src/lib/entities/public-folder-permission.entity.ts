import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FolderPrincipal, FolderRole } from '@estafette/contracts';

@Entity('public_folder_permission')
export class PublicFolderPermissionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) folderId!: string;
  @Column({ type: 'varchar' }) principal!: FolderPrincipal;
  @Column({ type: 'uuid', nullable: true }) recipientId!: string | null;
  @Column({ type: 'varchar' }) role!: FolderRole;
}
