import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AdminRole, RoleScopeType } from '@estafette/contracts';

@Entity('role_assignment')
export class RoleAssignmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) recipientId!: string;
  @Column({ type: 'varchar' }) role!: AdminRole;
  @Column({ type: 'varchar' }) scopeType!: RoleScopeType;
  @Column({ type: 'uuid', nullable: true }) scopeId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
