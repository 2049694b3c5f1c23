import { Pop3Server } from '../lib/server/pop3-server';
import type { Pop3ServerOptions } from '../lib/server/pop3-server-options';
import { InMemoryPop3Backend, standardPop3Backend } from './in-memory-backend';
import { testCertificate } from './test-certificate';

export interface Pop3ServerFixture {
  server: Pop3Server<string>;
  backend: InMemoryPop3Backend;
  port: number;
  errors: Error[];
  close(): Promise<void>;
}

/** A POP3 server on 127.0.0.1 and a free port, with a test certificate and the standard backend. */
export async function startPop3Server(
  options: Partial<Pop3ServerOptions> = {},
  backend: InMemoryPop3Backend = standardPop3Backend(),
): Promise<Pop3ServerFixture> {
  const errors: Error[] = [];
  const server = new Pop3Server<string>(
    {
      host: '127.0.0.1',
      port: 0,
      serverName: 'pop.test.example',
      tls: await testCertificate(),
      closeTimeoutMs: 500,
      ...options,
    },
    backend,
    (error) => {
      // A client that resets the connection is not the server's fault.
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') errors.push(error);
    },
  );
  const port = await server.listen();
  return { server, backend, port, errors, close: () => server.close() };
}
