import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AddressSpace, ConnectorScope } from '@estafette/contracts';

@Entity('smtp_connector')
export class SmtpConnectorEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ type: 'uuid' }) routingGroupId!: string;
  @Column({ type: 'jsonb' }) addressSpaces!: AddressSpace[];
  @Column({ type: 'varchar', nullable: true }) smartHost!: string | null;
  @Column({ type: 'varchar' }) scope!: ConnectorScope;
  @Column({ type: 'uuid', array: true }) bridgeheadServerIds!: string[];
  @Column({ type: 'integer', nullable: true }) maxMessageSizeKb!: number | null;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
