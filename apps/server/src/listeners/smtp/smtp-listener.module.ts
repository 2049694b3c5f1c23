import { Module, type DynamicModule } from '@nestjs/common';
import { DirectoryModule } from '@estafette/directory';
import { SERVER_CONFIG, type ServerConfig } from '../../config/server-config';
import { ListenerRegistry } from '../listener-registry';
import { ServerCertificateRepository } from '../tls/server-certificate.repository';
import { ServerCertificateService } from '../tls/server-certificate.service';
import { TlsMaterialService } from '../tls/tls-material.service';
import { InboundAuthenticator } from './inbound-auth/inbound-authenticator';
import { SmtpMessageSink } from './message-sink';
import { SendQuota } from './send-quota';
import { SmtpListenerManager } from './smtp-listener.manager';

/**
 * The SMTP listeners of this server (MX, submission, SMTPS) and their TLS material. Global, so that
 * the API (certificates) and later listener modules (IMAP, POP3) reach ListenerRegistry and the TLS
 * services. Needs the directory, SecurityModule (passwords), StoreModule (quotas) and the
 * TransportModule (the queue, DNS); without the transport, mail is refused with 451.
 */
@Module({})
export class SmtpListenerModule {
  static forRoot(config: ServerConfig): DynamicModule {
    return {
      module: SmtpListenerModule,
      global: true,
      imports: [DirectoryModule],
      providers: [
        { provide: SERVER_CONFIG, useValue: config },
        InboundAuthenticator,
        ListenerRegistry,
        SendQuota,
        ServerCertificateRepository,
        ServerCertificateService,
        SmtpListenerManager,
        SmtpMessageSink,
        TlsMaterialService,
      ],
      exports: [
        InboundAuthenticator,
        ListenerRegistry,
        ServerCertificateService,
        SmtpListenerManager,
        SmtpMessageSink,
        TlsMaterialService,
      ],
    };
  }
}
