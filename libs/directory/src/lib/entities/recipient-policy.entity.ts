import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AddressTemplate, RecipientFilter } from '@estafette/contracts';

@Entity('recipient_policy')
export class RecipientPolicyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ type: 'integer' }) priority!: number;
  @Column({ type: 'boolean' }) isDefault!: boolean;
  @Column({ type: 'jsonb', nullable: true }) filter!: RecipientFilter | null;
  @Column({ type: 'jsonb' }) addressTemplates!: AddressTemplate[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
