import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('web_session')
export class WebSessionEntity {
  /** SHA-256 of the session id held in the cookie. */
  @PrimaryColumn({ type: 'char', length: 64 }) idHash!: string;
  @Column({ type: 'uuid' }) recipientId!: string;
  @Column({ type: 'char', length: 64 }) csrfToken!: string;
  @Column({ type: 'varchar' }) clientAddress!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
}
