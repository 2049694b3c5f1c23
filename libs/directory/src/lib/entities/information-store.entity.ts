import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { StoreKind } from '@estafette/contracts';

@Entity('information_store')
export class InformationStoreEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) storageGroupId!: string;
  @Column({ type: 'varchar' }) kind!: StoreKind;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ type: 'integer', nullable: true }) issueWarningKb!: number | null;
  @Column({ type: 'integer', nullable: true }) prohibitSendKb!: number | null;
  @Column({ type: 'integer', nullable: true }) prohibitSendReceiveKb!: number | null;
  @Column({ type: 'integer' }) deletedItemRetentionDays!: number;
  @Column({ type: 'boolean' }) mounted!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
