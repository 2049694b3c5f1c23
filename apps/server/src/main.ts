import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadServerConfig } from './config/server-config';

async function main(): Promise<void> {
  const config = loadServerConfig();
  const app = await createApp(config);
  await app.listen(config.ports.http, config.bind);
  const logger = new Logger('Estafette');
  const url = `http://${config.bind === '0.0.0.0' ? 'localhost' : config.bind}:${config.ports.http}`;
  logger.log(
    `server ${config.hostname} is up; database: ${config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`}`,
  );
  logger.log(`admin console: ${url}/admin   API: ${url}/api   OpenAPI: ${url}/api/docs`);
  const p = config.ports;
  logger.log(
    `ports: SMTP ${p.smtp}, submission ${p.submission}, SMTPS ${p.smtps}, IMAP ${p.imap}, IMAPS ${p.imaps}, ` +
      `POP3 ${p.pop3}, POP3S ${p.pop3s}, NNTP ${p.nntp}, LDAP ${p.ldap}, HTTP ${p.http}`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`estafette: ${error.message}\n`);
  } else {
    process.stderr.write(
      `estafette: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
