import { Logger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express from 'express';
import { AppModule } from './app.module';
import type { ServerConfig } from './config/server-config';
import { ESTAFETTE_VERSION } from './config/version';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { apiValidationPipe } from './http/validation.pipe';

export interface CreateAppOptions {
  logger?: LogLevel[] | false;
  /** Where the built admin console lives (dist/admin/browser by default). */
  adminDir?: string;
}

function findAdminDir(): string | undefined {
  const candidates = [resolve(process.cwd(), 'dist/admin/browser'), resolve(__dirname, '../../../../admin/browser')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/** Builds the Nest application: API under /api, OpenAPI at /api/docs, the console at /admin. */
export async function createApp(config: ServerConfig, options: CreateAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? ['error', 'warn', 'log'],
    bodyParser: true,
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(cookieParser());
  app.setGlobalPrefix('api');
  app.useGlobalPipes(apiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Estafette API')
      .setDescription('Administration of the Estafette organisation: topology, recipients, policies, address lists.')
      .setVersion(ESTAFETTE_VERSION)
      .addBearerAuth()
      .addCookieAuth('estafette_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  const adminDir = options.adminDir ?? findAdminDir();
  const http = app.getHttpAdapter().getInstance() as express.Express;
  if (adminDir) {
    http.use('/admin', express.static(adminDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes of the console all load its index.html.
    http.get(/^\/admin(\/.*)?$/, (_req, res) => res.sendFile(join(adminDir, 'index.html')));
  } else {
    new Logger('HTTP').warn('the admin console is not built (npm run build); /admin is not served');
  }
  http.get('/', (_req, res) => res.redirect('/admin/'));
  return app;
}
