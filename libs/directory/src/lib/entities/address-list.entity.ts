import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AddressListKind, RecipientFilter } from '@estafette/contracts';

@Entity('address_list')
export class AddressListEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ type: 'varchar' }) kind!: AddressListKind;
  @Column({ type: 'jsonb', nullable: true }) filter!: RecipientFilter | null;
  @Column({ type: 'boolean' }) system!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
