import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startPop3Server } from '../../testing/server-fixture';
import { Pop3TestClient } from '../../testing/pop3-test-client';

describe('APOP', () => {
  it('is off by default: no timestamp in the greeting, the command refused', async () => {
    const fixture = await startPop3Server();
    const client = await Pop3TestClient.connect(fixture.port);
    expect(await client.readLine()).not.toMatch(/</);
    expect(await client.command('APOP alice 0123456789abcdef0123456789abcdef')).toBe(
      '-ERR APOP is not enabled on this server',
    );
    await client.close();
    await fixture.close();
  });

  it('when enabled, checks the MD5 digest of the greeting timestamp and the secret', async () => {
    const fixture = await startPop3Server({ apop: true });
    const client = await Pop3TestClient.connect(fixture.port);
    const greeting = (await client.readLine()) ?? '';
    const banner = /<[^>]+>/.exec(greeting)?.[0] ?? '';
    expect(banner).toMatch(/^<\d+\.\d+\.\d+@pop\.test\.example>$/);
    const digest = (secret: string) =>
      createHash('md5')
        .update(banner + secret)
        .digest('hex');
    expect(await client.command(`APOP alice ${digest('wrong')}`)).toMatch(/^-ERR \[AUTH\]/);
    expect(await client.command('APOP alice nothex')).toBe('-ERR Usage: APOP name digest');
    expect(await client.command(`APOP alice ${digest('secret pass')}`)).toMatch(/^\+OK alice's maildrop/);
    await client.close();
    await fixture.close();
  });
});
