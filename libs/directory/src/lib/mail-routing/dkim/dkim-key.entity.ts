import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('dkim_key')
export class DkimKeyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** ASCII (A-label), lower-case. */
  @Column({ type: 'varchar' }) domain!: string;
  @Column({ type: 'varchar' }) selector!: string;
  @Column({ type: 'varchar' }) algorithm!: 'rsa-sha256';
  @Column({ type: 'text' }) privateKeyPem!: string;
  /** Base64 DER SubjectPublicKeyInfo: the p= tag of the DNS record. */
  @Column({ type: 'text' }) publicKey!: string;
  @Column({ type: 'boolean' }) active!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
