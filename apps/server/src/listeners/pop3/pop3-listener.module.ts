import { Module, type DynamicModule } from '@nestjs/common';
import { DirectoryModule } from '@estafette/directory';
import { SERVER_CONFIG, type ServerConfig } from '../../config/server-config';
import { Pop3ListenerManager } from './pop3-listener.manager';
import { Pop3MaildropLockRepository } from './pop3-maildrop-lock.repository';

/**
 * The POP3 listeners of this server. Needs the directory (virtual servers), SecurityModule
 * (MailLoginService), StoreModule (mailboxes, messages, blobs) and SmtpListenerModule's global
 * ListenerRegistry and TLS material.
 */
@Module({})
export class Pop3ListenerModule {
  static forRoot(config: ServerConfig): DynamicModule {
    return {
      module: Pop3ListenerModule,
      imports: [DirectoryModule],
      providers: [{ provide: SERVER_CONFIG, useValue: config }, Pop3ListenerManager, Pop3MaildropLockRepository],
      exports: [Pop3ListenerManager],
    };
  }
}
