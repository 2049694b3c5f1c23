import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('recipient_address')
export class RecipientAddressEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', nullable: true }) recipientId!: string | null;
  @Column({ type: 'uuid', nullable: true }) publicFolderId!: string | null;
  @Column({ type: 'varchar' }) address!: string;
  /** Lower-cased address with an ASCII (punycode) domain: the uniqueness and lookup key. */
  @Column({ type: 'varchar' }) addressKey!: string;
  @Column({ type: 'boolean' }) isPrimary!: boolean;
  @Column({ type: 'boolean' }) fromPolicy!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
