import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The certificate an administrator installed on a server (migration 1764300200100). */
@Entity('server_certificate')
export class ServerCertificateEntity {
  @PrimaryColumn({ type: 'uuid' }) serverId!: string;
  @Column({ type: 'text' }) certificatePem!: string;
  @Column({ type: 'text' }) privateKeyPem!: string;
  @Column({ type: 'varchar' }) subject!: string;
  @Column({ type: 'varchar' }) issuer!: string;
  @Column({ type: 'varchar' }) fingerprintSha256!: string;
  @Column({ type: 'timestamptz' }) notBefore!: Date;
  @Column({ type: 'timestamptz' }) notAfter!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
