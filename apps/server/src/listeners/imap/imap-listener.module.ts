import { Module, type DynamicModule } from '@nestjs/common';
import { DirectoryModule } from '@estafette/directory';
import { SERVER_CONFIG, type ServerConfig } from '../../config/server-config';
import { ImapBackendAdapter } from './imap-backend.adapter';
import { ImapListenerManager } from './imap-listener.manager';
import { ImapMessageRepository } from './imap-message.repository';
import { ImapSearchService } from './search/imap-search.service';

/**
 * The IMAP4 listeners of this server. Needs the directory (virtual servers), SecurityModule
 * (MailLoginService, the account lookup), StoreModule (folders, messages, ACL, quotas, blobs, change
 * notifications) and SmtpListenerModule's global ListenerRegistry and TLS material.
 */
@Module({})
export class ImapListenerModule {
  static forRoot(config: ServerConfig): DynamicModule {
    return {
      module: ImapListenerModule,
      imports: [DirectoryModule],
      providers: [
        { provide: SERVER_CONFIG, useValue: config },
        ImapBackendAdapter,
        ImapListenerManager,
        ImapMessageRepository,
        ImapSearchService,
      ],
      exports: [ImapBackendAdapter, ImapListenerManager],
    };
  }
}
