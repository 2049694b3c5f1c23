import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('public_folder')
export class PublicFolderEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ type: 'boolean' }) mailEnabled!: boolean;
  @Column({ type: 'varchar', nullable: true }) alias!: string | null;
  @Column({ type: 'varchar', nullable: true }) displayName!: string | null;
  @Column({ type: 'boolean' }) hiddenFromAddressLists!: boolean;
  @Column({ type: 'uuid', nullable: true }) publicStoreId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
