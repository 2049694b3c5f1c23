import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DirectoryAccountLookup, DirectoryModule } from '@estafette/directory';
import { ACCOUNT_LOOKUP, SecurityModule } from '@estafette/security';
import { StoreModule, type Clock } from '@estafette/store';
import { FirstRunService } from '../../../bootstrap/first-run.service';
import { SERVER_CONFIG, type ServerConfig } from '../../../config/server-config';
import { openDataSource } from '../../../database/data-source.factory';
import { pgliteNotificationsOf } from '../../../database/pglite-pool';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../testing/test-database';

@Module({})
class StoreTestModule {}

export interface StoreTestApp {
  app: INestApplicationContext;
  config: ServerConfig;
  close(): Promise<void>;
}

/**
 * The store against a real database (in-memory PGlite, or PostgreSQL with DATABASE_URL), composed as
 * app.module composes it (database, security, directory with first run, store) but with an injected clock
 * and without the listeners.
 */
export async function startStoreTestApp(clock?: Clock): Promise<StoreTestApp> {
  const database: TestDatabase = await createTestDatabase();
  const config = testConfig(database);
  const app = await NestFactory.createApplicationContext(
    {
      module: StoreTestModule,
      imports: [
        TypeOrmModule.forRootAsync({ useFactory: () => ({}), dataSourceFactory: () => openDataSource(config) }),
        SecurityModule.forRoot({ provide: ACCOUNT_LOOKUP, useClass: DirectoryAccountLookup }),
        DirectoryModule,
        StoreModule.forRoot({ dataDir: null, databaseUrl: config.databaseUrl, pglite: pgliteNotificationsOf, clock }),
      ],
      providers: [{ provide: SERVER_CONFIG, useValue: config }, FirstRunService],
    },
    { logger: ['error'] },
  );
  return {
    app,
    config,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
