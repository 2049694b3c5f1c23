import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('credential')
export class CredentialEntity {
  @PrimaryColumn({ type: 'uuid' }) recipientId!: string;
  /** argon2id PHC string. */
  @Column({ type: 'text' }) passwordHash!: string;
  @Column({ type: 'timestamptz' }) passwordChangedAt!: Date;
}
