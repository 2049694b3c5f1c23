import { describe, expect, it } from 'vitest';
import { runAgainst, signedInApi } from './testing/fake-api';

describe('the command line', () => {
  it('prints help and the version on stdout with exit code 0', async () => {
    const help = await runAgainst(signedInApi(), ['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: estafette \[options\] \[command\]/);
    for (const group of [
      'login',
      'logout',
      'org',
      'user',
      'contact',
      'group',
      'domain',
      'policy',
      'server',
      'store',
      'audit',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^  ${group}\\b`, 'm'));
    }
    expect(await runAgainst(signedInApi(), ['--version'])).toMatchObject({ code: 0, stdout: '0.0.0-test\n' });
  });

  it('answers an unknown command or option with one line and the usage exit code', async () => {
    const unknown = await runAgainst(signedInApi(), ['usr', 'list']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toBe("estafette: unknown command 'usr' (Did you mean user?)\n");
    const option = await runAgainst(signedInApi(), ['org', 'show', '--jsn']);
    expect(option).toMatchObject({ code: 2, stderr: "estafette: unknown option '--jsn' (Did you mean --json?)\n" });
  });

  it('shows the subcommands of a group named without one, as a usage error', async () => {
    const run = await runAgainst(signedInApi(), ['user']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Usage: estafette user \[options\] \[command\]/);
  });

  it('refuses a server URL that is not one before sending anything', async () => {
    const api = signedInApi();
    const run = await runAgainst(api, ['org', 'show', '--url', 'ftp://x']);
    expect(run).toMatchObject({ code: 2, stderr: 'estafette: "ftp://x" is not an http or https URL\n' });
    expect(api.requests).toEqual([]);
  });

  it('takes the connection options before the command name too', async () => {
    const api = signedInApi().json('GET', '/api/organization', {
      id: 'o',
      name: 'N',
      maxMessageSizeKb: 1,
      maxRecipientsPerMessage: 1,
    });
    const run = await runAgainst(api, ['--url', 'http://elsewhere.test:8080/', '--json', 'org', 'show']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'N' });
    expect(api.requests.map((r) => r.path)).toEqual(['/api/auth/token', '/api/organization', '/api/auth/logout']);
  });
});
