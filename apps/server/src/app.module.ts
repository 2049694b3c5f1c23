import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DirectoryAccountLookup, DirectoryModule } from '@estafette/directory';
import { ACCOUNT_LOOKUP, SecurityModule } from '@estafette/security';
import { StoreModule } from '@estafette/store';
import { TransportModule } from '@estafette/transport';
import { ApiModule } from './api/api.module';
import { FirstRunService } from './bootstrap/first-run.service';
import { SERVER_CONFIG, type ServerConfig } from './config/server-config';
import { openDataSource } from './database/data-source.factory';
import { ImapListenerModule } from './listeners/imap/imap-listener.module';
import { Pop3ListenerModule } from './listeners/pop3/pop3-listener.module';
import { SmtpListenerModule } from './listeners/smtp/smtp-listener.module';
import { PgliteMaintenance } from './database/pglite-maintenance.service';
import { pgliteNotificationsOf } from './database/pglite-pool';

/** Composes the bounded contexts; nothing else lives here. */
@Module({})
export class AppModule {
  static forRoot(config: ServerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({}),
          dataSourceFactory: () => openDataSource(config),
        }),
        SecurityModule.forRoot({ provide: ACCOUNT_LOOKUP, useClass: DirectoryAccountLookup }),
        DirectoryModule,
        StoreModule.forRoot({
          dataDir: config.inMemoryDatabase ? null : config.dataDir,
          databaseUrl: config.databaseUrl,
          pglite: pgliteNotificationsOf,
        }),
        TransportModule.forRoot({ serverName: config.hostname }),
        SmtpListenerModule.forRoot(config),
        Pop3ListenerModule.forRoot(config),
        ImapListenerModule.forRoot(config),
        ApiModule,
      ],
      providers: [{ provide: SERVER_CONFIG, useValue: config }, FirstRunService, PgliteMaintenance],
      exports: [SERVER_CONFIG],
    };
  }
}
