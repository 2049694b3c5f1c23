import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('server')
export class ServerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ type: 'uuid' }) administrativeGroupId!: string;
  @Column({ type: 'uuid' }) routingGroupId!: string;
  @Column({ type: 'varchar' }) version!: string;
  @Column({ type: 'timestamptz', nullable: true }) lastStartedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
