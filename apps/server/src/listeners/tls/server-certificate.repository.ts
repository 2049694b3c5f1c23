import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ServerCertificateEntity } from './server-certificate.entity';

export type ServerCertificateValues = Omit<ServerCertificateEntity, 'updatedAt'>;

/** All SQL over server_certificate. */
@Injectable()
export class ServerCertificateRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByServer(serverId: string, manager: EntityManager = this.db.manager): Promise<ServerCertificateEntity | null> {
    return manager.getRepository(ServerCertificateEntity).findOneBy({ serverId });
  }

  /** What the listeners poll: changes when a certificate is installed or removed. */
  async findFingerprint(serverId: string): Promise<string | null> {
    const rows = await this.db.query<Array<{ fingerprint_sha256: string }>>(
      `SELECT fingerprint_sha256 FROM server_certificate WHERE server_id = $1`,
      [serverId],
    );
    return rows[0]?.fingerprint_sha256 ?? null;
  }

  async save(manager: EntityManager, values: ServerCertificateValues): Promise<ServerCertificateEntity> {
    await manager.query(
      `INSERT INTO server_certificate (server_id, certificate_pem, private_key_pem, subject, issuer, fingerprint_sha256, not_before, not_after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (server_id) DO UPDATE SET certificate_pem = EXCLUDED.certificate_pem,
         private_key_pem = EXCLUDED.private_key_pem, subject = EXCLUDED.subject, issuer = EXCLUDED.issuer,
         fingerprint_sha256 = EXCLUDED.fingerprint_sha256, not_before = EXCLUDED.not_before,
         not_after = EXCLUDED.not_after, updated_at = now()`,
      [
        values.serverId,
        values.certificatePem,
        values.privateKeyPem,
        values.subject,
        values.issuer,
        values.fingerprintSha256,
        values.notBefore,
        values.notAfter,
      ],
    );
    return (await this.findByServer(values.serverId, manager)) as ServerCertificateEntity;
  }

  async delete(manager: EntityManager, serverId: string): Promise<boolean> {
    const result = await manager.getRepository(ServerCertificateEntity).delete({ serverId });
    return (result.affected ?? 0) > 0;
  }
}
