import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_CONFIG, type ServerConfig } from '../../config/server-config';
import { certificateFacts, type CertificateFacts } from './certificate-check';
import { selfSignedCertificate, type PemPair } from './self-signed-certificate';
import { ServerCertificateRepository } from './server-certificate.repository';

export interface TlsMaterial extends PemPair {
  source: 'administrator' | 'self-signed';
  /** Changes whenever the material does: the listeners compare it to reload. */
  fingerprintSha256: string;
  facts: CertificateFacts;
}

/**
 * The key and certificate this server's listeners present: the one an administrator installed
 * (PUT /api/servers/:id/certificate), otherwise a self-signed one kept in `<dataDir>/tls`. With an
 * in-memory database the data directory is a temporary one, removed at shutdown.
 */
@Injectable()
export class TlsMaterialService implements OnApplicationShutdown {
  private selfSigned: Promise<PemPair> | null = null;
  private temporaryDir: string | null = null;

  constructor(
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly certificates: ServerCertificateRepository,
  ) {}

  /** The material for the server `serverId` (this process's Server object). */
  async current(serverId: string): Promise<TlsMaterial> {
    const installed = await this.certificates.findByServer(serverId);
    const pair = installed
      ? { certificatePem: installed.certificatePem, privateKeyPem: installed.privateKeyPem }
      : await this.ownSelfSigned();
    const facts = certificateFacts(new X509Certificate(pair.certificatePem));
    return {
      ...pair,
      source: installed ? 'administrator' : 'self-signed',
      fingerprintSha256: facts.fingerprintSha256,
      facts,
    };
  }

  /** Cheap check for the listeners' poll: the installed certificate's fingerprint, or 'self-signed'. */
  async version(serverId: string): Promise<string> {
    return (await this.certificates.findFingerprint(serverId)) ?? 'self-signed';
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.temporaryDir) await rm(this.temporaryDir, { recursive: true, force: true });
  }

  private ownSelfSigned(): Promise<PemPair> {
    this.selfSigned ??= (async () => {
      let dir: string;
      if (this.config.inMemoryDatabase) {
        this.temporaryDir = await mkdtemp(join(tmpdir(), 'estafette-tls-'));
        dir = this.temporaryDir;
      } else {
        dir = join(this.config.dataDir, 'tls');
      }
      return selfSignedCertificate(dir, this.config.hostname);
    })().catch((error: unknown) => {
      this.selfSigned = null;
      throw error;
    });
    return this.selfSigned;
  }
}
