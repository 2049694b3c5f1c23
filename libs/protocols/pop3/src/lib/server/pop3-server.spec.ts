import { afterEach, describe, expect, it, vi } from 'vitest';
import { Pop3TestClient } from '../../testing/pop3-test-client';
import { startPop3Server, type Pop3ServerFixture } from '../../testing/server-fixture';

describe('Pop3Server', () => {
  let fixture: Pop3ServerFixture | undefined;
  afterEach(async () => fixture?.close());

  async function loggedIn(port: number, tls = false): Promise<Pop3TestClient> {
    const client = await Pop3TestClient.connect(port, { tls });
    await client.readLine();
    await client.command('USER alice');
    const status = await client.command('PASS secret pass');
    if (!status.startsWith('+OK')) throw new Error(status);
    return client;
  }

  it('refuses a second session on a locked maildrop with [IN-USE] (RFC 2449 §8.1.1)', async () => {
    fixture = await startPop3Server({ allowPlaintextAuth: true });
    const first = await loggedIn(fixture.port);
    const second = await Pop3TestClient.connect(fixture.port);
    await second.readLine();
    await second.command('USER alice');
    expect(await second.command('PASS secret pass')).toBe('-ERR [IN-USE] Maildrop is locked by another session');
    await first.command('QUIT');
    await second.command('USER alice');
    expect(await second.command('PASS secret pass')).toMatch(/^\+OK/);
    await second.close();
  });

  it('speaks TLS from the first byte on an implicit-TLS listener (port 995)', async () => {
    fixture = await startPop3Server({ implicitTls: true });
    const client = await loggedIn(fixture.port, true);
    expect(client.encrypted).toBe(true);
    expect((await client.multiline('CAPA')).lines).not.toContain('STLS');
    await client.close();
  });

  it('logs an idle client out without applying its deletions', async () => {
    fixture = await startPop3Server({ allowPlaintextAuth: true, idleTimeoutMs: 200 });
    const client = await loggedIn(fixture.port);
    await client.command('DELE 1');
    expect(await client.readLine()).toBe('-ERR Autologout: idle for too long');
    expect(await client.readLine()).toBeNull();
    const backend = fixture.backend;
    await vi.waitFor(() => expect(backend.locked.size).toBe(0));
    expect(backend.maildrops.get('alice')).toHaveLength(3);
  });

  it('answers an overlong line with one -ERR and reads the next line normally', async () => {
    fixture = await startPop3Server({ allowPlaintextAuth: true, maxLineBytes: 64 });
    const client = await Pop3TestClient.connect(fixture.port);
    await client.readLine();
    client.write(`USER ${'x'.repeat(5000)}\r\nNOOP\r\n`);
    expect(await client.readLine()).toBe('-ERR Line too long (at most 64 octets)');
    expect(await client.readLine()).toBe('-ERR NOOP is not valid in this state');
    await client.close();
  });

  it('answers pipelined commands in order, one response each', async () => {
    fixture = await startPop3Server({ allowPlaintextAuth: true });
    const client = await Pop3TestClient.connect(fixture.port);
    await client.readLine();
    client.write('USER alice\r\nPASS secret pass\r\n' + 'STAT\r\n'.repeat(500) + 'QUIT\r\n');
    const lines: string[] = [];
    for (let line = await client.readLine(); line !== null; line = await client.readLine()) lines.push(line);
    expect(lines).toHaveLength(503);
    expect(lines.slice(2, 502).every((l) => l === '+OK 3 144')).toBe(true);
    expect(lines[502]).toBe('+OK Bye (3 messages left)');
  });

  it('refuses connections past maxConnections', async () => {
    fixture = await startPop3Server({ maxConnections: 1 });
    const first = await Pop3TestClient.connect(fixture.port);
    await first.readLine();
    const second = await Pop3TestClient.connect(fixture.port);
    expect(await second.readLine()).toBe('-ERR [SYS/TEMP] Too many connections, try again later');
    await first.close();
  });

  it('drains on close: stops accepting, ends idle sessions after the timeout, releases locks', async () => {
    fixture = await startPop3Server({ allowPlaintextAuth: true, closeTimeoutMs: 100 });
    const client = await loggedIn(fixture.port);
    await client.command('DELE 1');
    const closing = fixture.server.close();
    expect(await client.readLine()).toBe('-ERR [SYS/TEMP] Server shutting down, try again later');
    await closing;
    expect(fixture.server.sessionCount).toBe(0);
    expect(fixture.backend.locked.size).toBe(0);
    expect(fixture.backend.maildrops.get('alice')).toHaveLength(3);
    await expect(Pop3TestClient.connect(fixture.port)).rejects.toThrow();
  });
});
