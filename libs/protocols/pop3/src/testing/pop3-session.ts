import type { Pop3ServerOptions } from '../lib/server/pop3-server-options';
import type { InMemoryPop3Backend } from './in-memory-backend';
import { Pop3TestClient } from './pop3-test-client';
import { startPop3Server, type Pop3ServerFixture } from './server-fixture';

/**
 * Runs `body` with a client connected (greeting read) to a fresh server that allows plaintext
 * passwords unless the options say otherwise; `login` signs in as alice first. Closes everything.
 */
export async function withPop3Session(
  body: (client: Pop3TestClient, fixture: Pop3ServerFixture) => Promise<void>,
  options: Partial<Pop3ServerOptions> & { login?: boolean } = {},
  backend?: InMemoryPop3Backend,
): Promise<Pop3ServerFixture> {
  const { login = true, ...serverOptions } = options;
  const fixture = await startPop3Server({ allowPlaintextAuth: true, ...serverOptions }, backend);
  const client = await Pop3TestClient.connect(fixture.port, { tls: serverOptions.implicitTls });
  try {
    await client.readLine();
    if (login) {
      await client.command('USER alice');
      const status = await client.command('PASS secret pass');
      if (!status.startsWith('+OK')) throw new Error(`login failed: ${status}`);
    }
    await body(client, fixture);
  } finally {
    await client.close();
    await fixture.close();
  }
  return fixture;
}
