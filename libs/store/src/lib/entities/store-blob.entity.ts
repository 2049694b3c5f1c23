import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('store_blob')
export class StoreBlobEntity {
  @PrimaryColumn({ type: 'uuid' }) informationStoreId!: string;
  @PrimaryColumn({ type: 'varchar' }) sha256!: string;
  @Column({ type: 'bigint' }) size!: string;
  @Column({ type: 'integer' }) refcount!: number;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}
