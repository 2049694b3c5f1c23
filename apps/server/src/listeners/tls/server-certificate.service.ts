import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ServerService } from '@estafette/directory';
import { AuditLogService, type Actor } from '@estafette/security';
import { SERVER_CONFIG, type ServerConfig } from '../../config/server-config';
import { checkCertificate, type CertificateFacts } from './certificate-check';
import type { InstallCertificateRequest, ServerCertificateDto } from './certificate.model';
import { ServerCertificateRepository } from './server-certificate.repository';
import { TlsMaterialService } from './tls-material.service';

function toDto(
  serverId: string,
  source: ServerCertificateDto['source'],
  facts: CertificateFacts | null,
): ServerCertificateDto {
  return {
    serverId,
    source,
    subject: facts?.subject ?? null,
    issuer: facts?.issuer ?? null,
    fingerprintSha256: facts?.fingerprintSha256 ?? null,
    notBefore: facts?.notBefore.toISOString() ?? null,
    notAfter: facts?.notAfter.toISOString() ?? null,
    dnsNames: facts?.dnsNames ?? [],
  };
}

/**
 * A server's TLS certificate. Installing one stores it for that server; its listeners pick it up
 * within a few seconds (SmtpListenerManager polls), open sessions keep theirs. Removing it returns
 * the server to its self-signed certificate. The private key is never shown or audited.
 */
@Injectable()
export class ServerCertificateService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly certificates: ServerCertificateRepository,
    private readonly material: TlsMaterialService,
    private readonly servers: ServerService,
    private readonly audit: AuditLogService,
  ) {}

  async get(serverId: string): Promise<ServerCertificateDto> {
    const server = await this.servers.get(serverId);
    const installed = await this.certificates.findByServer(serverId);
    if (installed) {
      const check = checkCertificate(installed.certificatePem, installed.privateKeyPem, new Date(0));
      return toDto(serverId, 'administrator', check.ok ? check.facts : null);
    }
    // Another server's self-signed certificate lives in its own data directory: only its name is known here.
    const isThisServer = server.name.toLowerCase() === this.config.hostname.toLowerCase();
    return toDto(serverId, 'self-signed', isThisServer ? (await this.material.current(serverId)).facts : null);
  }

  async install(actor: Actor, serverId: string, request: InstallCertificateRequest): Promise<ServerCertificateDto> {
    const server = await this.servers.get(serverId);
    const check = checkCertificate(request.certificatePem, request.privateKeyPem);
    if (!check.ok) throw new BadRequestException(check.error);
    return this.db.transaction(async (manager) => {
      const before = await this.certificates.findByServer(serverId, manager);
      await this.certificates.save(manager, {
        serverId,
        certificatePem: check.certificatePem,
        privateKeyPem: check.privateKeyPem,
        subject: check.facts.subject,
        issuer: check.facts.issuer,
        fingerprintSha256: check.facts.fingerprintSha256,
        notBefore: check.facts.notBefore,
        notAfter: check.facts.notAfter,
      });
      const after = toDto(serverId, 'administrator', check.facts);
      await this.audit.record(manager, actor, {
        action: 'install-certificate',
        objectType: 'server',
        objectId: serverId,
        objectName: server.name,
        before: before
          ? { fingerprintSha256: before.fingerprintSha256, subject: before.subject }
          : { source: 'self-signed' },
        after,
      });
      return after;
    });
  }

  async remove(actor: Actor, serverId: string): Promise<void> {
    const server = await this.servers.get(serverId);
    await this.db.transaction(async (manager) => {
      const before = await this.certificates.findByServer(serverId, manager);
      if (!before || !(await this.certificates.delete(manager, serverId)))
        throw new NotFoundException(`server ${server.name} has no installed certificate (it uses its self-signed one)`);
      await this.audit.record(manager, actor, {
        action: 'remove-certificate',
        objectType: 'server',
        objectId: serverId,
        objectName: server.name,
        before: { fingerprintSha256: before.fingerprintSha256, subject: before.subject },
        after: { source: 'self-signed' },
      });
    });
  }
}
