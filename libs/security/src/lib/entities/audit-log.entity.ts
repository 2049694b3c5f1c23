import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  @Column({ type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ type: 'varchar' }) actorName!: string;
  @Column({ type: 'varchar' }) clientAddress!: string;
  @Column({ type: 'varchar' }) action!: string;
  @Column({ type: 'varchar' }) objectType!: string;
  @Column({ type: 'varchar', nullable: true }) objectId!: string | null;
  @Column({ type: 'varchar' }) objectName!: string;
  @Column({ type: 'jsonb', nullable: true }) before!: object | null;
  @Column({ type: 'jsonb', nullable: true }) after!: object | null;
}
