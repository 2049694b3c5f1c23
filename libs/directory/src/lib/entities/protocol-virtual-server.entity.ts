import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AuthMethod, ProtocolName, VirtualServerSettings } from '@estafette/contracts';

@Entity('protocol_virtual_server')
export class ProtocolVirtualServerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) serverId!: string;
  @Column({ type: 'varchar' }) protocol!: ProtocolName;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ type: 'varchar' }) bindAddress!: string;
  @Column({ type: 'integer' }) port!: number;
  @Column({ type: 'integer', nullable: true }) tlsPort!: number | null;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ type: 'text', array: true }) authMethods!: AuthMethod[];
  @Column({ type: 'jsonb' }) settings!: VirtualServerSettings;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
