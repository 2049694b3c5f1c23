import { SmtpListener } from '../lib/server/smtp-listener';
import type { SmtpListenerOptions } from '../lib/session/listener-options';
import { InMemorySmtpBackend, type InMemoryPrincipal } from './in-memory-backend';
import { testCertificate } from './test-certificate';

export interface ListenerFixture {
  listener: SmtpListener<InMemoryPrincipal>;
  backend: InMemorySmtpBackend;
  port: number;
  errors: Error[];
  close(): Promise<void>;
}

/** The users and mailboxes most protocol tests use. */
export function standardBackend(): InMemorySmtpBackend {
  return new InMemorySmtpBackend({
    localDomains: ['test.example'],
    mailboxes: ['bob@test.example', 'boss@test.example', 'team@test.example'],
    users: [
      {
        username: 'alice',
        password: 'secret',
        addresses: ['alice@test.example', 'a.smith@test.example'],
        sendAs: ['team@test.example'],
        sendOnBehalf: ['boss@test.example'],
      },
    ],
  });
}

/** A listener on 127.0.0.1 and a free port, with a test certificate and the standard in-memory backend. */
export async function startListener(
  options: Partial<SmtpListenerOptions> = {},
  backend: InMemorySmtpBackend = standardBackend(),
): Promise<ListenerFixture> {
  const errors: Error[] = [];
  const listener = new SmtpListener<InMemoryPrincipal>(
    {
      mode: 'mx',
      serverName: 'mx.test.example',
      host: '127.0.0.1',
      port: 0,
      tls: await testCertificate(),
      closeTimeoutMs: 500,
      ...options,
    },
    backend,
    (error) => errors.push(error),
  );
  const port = await listener.listen();
  return { listener, backend, port, errors, close: () => listener.close() };
}
