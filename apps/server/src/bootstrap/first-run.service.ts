import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { OrganizationSetupService, type ListenerDefaults, type SetupResult } from '@estafette/directory';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { ESTAFETTE_VERSION } from '../config/version';

function listenerDefaults(config: ServerConfig): ListenerDefaults[] {
  const p = config.ports;
  return [
    { protocol: 'smtp', port: p.smtp, tlsPort: p.smtps, submissionPort: p.submission },
    { protocol: 'pop3', port: p.pop3, tlsPort: p.pop3s },
    { protocol: 'imap4', port: p.imap, tlsPort: p.imaps },
    { protocol: 'nntp', port: p.nntp, tlsPort: null },
    { protocol: 'ldap', port: p.ldap, tlsPort: null },
    { protocol: 'http', port: p.http, tlsPort: null },
  ];
}

/** Creates the organisation on an empty database and registers this process as a Server object. */
@Injectable()
export class FirstRunService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Setup');
  result: SetupResult | undefined;

  constructor(
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly setup: OrganizationSetupService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const generated = this.config.adminPassword ? undefined : randomBytes(12).toString('base64url');
    this.result = await this.setup.run(
      {
        serverName: this.config.hostname,
        domain: this.config.domain,
        bindAddress: this.config.bind,
        listeners: listenerDefaults(this.config),
        version: ESTAFETTE_VERSION,
      },
      this.config.adminPassword ?? (generated as string),
    );
    if (this.result.createdOrganization) {
      this.logger.log(`created First Organization with the authoritative domain ${this.config.domain}`);
      if (generated) {
        // Printed once: it is stored only as an argon2id hash.
        process.stdout.write(
          `\n  Administrator account: administrator\n  Generated password:    ${generated}\n  (shown once; set ESTAFETTE_ADMIN_PASSWORD to choose it)\n\n`,
        );
      }
    }
    if (this.result.registeredServer) this.logger.log(`registered this server as ${this.config.hostname}`);
  }
}
