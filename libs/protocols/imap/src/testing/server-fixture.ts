import { ImapServer } from '../lib/server/imap-server';
import type { ImapServerOptions } from '../lib/server/imap-server-options';
import { InMemoryImapBackend } from './in-memory-backend';
import { ImapTestClient } from './imap-test-client';
import { testCertificate } from './test-certificate';

export interface ImapServerFixture {
  readonly server: ImapServer;
  readonly backend: InMemoryImapBackend;
  readonly port: number;
  /** Unexpected errors the server reported (a spec expects none). */
  readonly errors: unknown[];
  connect(options?: { tls?: boolean }): Promise<ImapTestClient>;
  close(): Promise<void>;
}

/**
 * A server on an ephemeral loopback port with TLS material and an in-memory backend holding
 * alice/secret and bob/hunter2 (bob has IMAP disabled when `bobDisabled`).
 */
export async function startImapServer(options: Partial<ImapServerOptions> = {}): Promise<ImapServerFixture> {
  const backend = new InMemoryImapBackend();
  backend.addUser('alice', 'secret');
  backend.addUser('bob', 'hunter2', { imapEnabled: false });
  const errors: unknown[] = [];
  const server = new ImapServer(backend, {
    port: 0,
    host: '127.0.0.1',
    hostname: 'imap.test.example',
    tls: await testCertificate(),
    onError: (error) => errors.push(error),
    ...options,
  });
  const port = await server.listen();
  const clients: ImapTestClient[] = [];
  return {
    server,
    backend,
    port,
    errors,
    async connect(connectOptions = {}) {
      const client = await ImapTestClient.connect(port, connectOptions);
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await server.close(1000);
    },
  };
}

/** A server and one connected client whose greeting has been read; optionally logged in as alice. */
export async function startSession(
  options: Partial<ImapServerOptions> & { login?: boolean } = {},
): Promise<{ fixture: ImapServerFixture; client: ImapTestClient; greeting: string }> {
  const { login, ...serverOptions } = options;
  const fixture = await startImapServer({ allowPlaintextAuth: true, ...serverOptions });
  const client = await fixture.connect();
  const greeting = (await client.readLine()) ?? '';
  if (login) {
    const done = (await client.command('login0 LOGIN alice secret')).pop() ?? '';
    if (!done.startsWith('login0 OK')) throw new Error(`login failed: ${done}`);
  }
  return { fixture, client, greeting };
}
