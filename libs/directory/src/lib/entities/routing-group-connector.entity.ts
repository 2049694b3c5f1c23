import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('routing_group_connector')
export class RoutingGroupConnectorEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar' }) name!: string;
  @Column({ type: 'uuid' }) sourceRoutingGroupId!: string;
  @Column({ type: 'uuid' }) targetRoutingGroupId!: string;
  @Column({ type: 'integer' }) cost!: number;
  @Column({ type: 'uuid', array: true }) sourceBridgeheadIds!: string[];
  @Column({ type: 'uuid', array: true }) targetBridgeheadIds!: string[];
  @Column({ type: 'boolean' }) enabled!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
