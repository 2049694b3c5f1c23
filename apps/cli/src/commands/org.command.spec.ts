import { describe, expect, it } from 'vitest';
import { runAgainst, signedInApi } from '../testing/fake-api';

const ORG = { id: 'o1', name: 'First Organization', maxMessageSizeKb: 10240, maxRecipientsPerMessage: 5000 };

describe('estafette org', () => {
  it('shows the organisation as a property sheet', async () => {
    const api = signedInApi().json('GET', '/api/organization', ORG);
    const run = await runAgainst(api, ['org', 'show']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      [
        'Name:                        First Organization',
        'Max message size (KB):       10240',
        'Max recipients per message:  5000',
        'ID:                          o1',
        '',
      ].join('\n'),
    );
  });

  it('prints the API object with --json', async () => {
    const api = signedInApi().json('GET', '/api/organization', ORG);
    const run = await runAgainst(api, ['org', 'show', '--json']);
    expect(JSON.parse(run.stdout)).toEqual(ORG);
  });

  it('sends only the settings given to PATCH /api/organization', async () => {
    const api = signedInApi().on('PATCH', '/api/organization', (req) => ({
      body: { ...ORG, ...(req.body as object) },
    }));
    const run = await runAgainst(api, ['org', 'set', '--name', 'Contoso', '--max-message-size', '20480']);
    expect(run.code).toBe(0);
    expect(api.calls()).toEqual([
      expect.objectContaining({ method: 'PATCH', body: { name: 'Contoso', maxMessageSizeKb: 20480 } }),
    ]);
    expect(run.stdout).toContain('Name:                        Contoso');
  });

  it('maps --max-recipients', async () => {
    const api = signedInApi().on('PATCH', '/api/organization', (req) => ({
      body: { ...ORG, ...(req.body as object) },
    }));
    await runAgainst(api, ['org', 'set', '--max-recipients', '250']);
    expect(api.calls()[0].body).toEqual({ maxRecipientsPerMessage: 250 });
  });

  it('refuses a set without changes or with a bad number before calling the server', async () => {
    const api = signedInApi();
    const empty = await runAgainst(api, ['org', 'set']);
    expect(empty).toMatchObject({ code: 2, stdout: '' });
    expect(empty.stderr).toBe('estafette: nothing to change: give --name, --max-message-size or --max-recipients\n');
    const bad = await runAgainst(api, ['org', 'set', '--max-message-size', '10MB']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^estafette: option '--max-message-size <kb>' argument '10MB' is invalid\. expected a whole number of at least 1\n$/,
    );
    expect(api.requests).toEqual([]);
  });

  it("reports the API's field errors on one line", async () => {
    const api = signedInApi().on('PATCH', '/api/organization', () => ({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'name: name must not contain \\ / " < > | * ? :',
        errors: [{ field: 'name', message: 'name must not contain \\ / " < > | * ? :' }],
      },
    }));
    const run = await runAgainst(api, ['org', 'set', '--name', 'a/b']);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe('estafette: name: name must not contain \\ / " < > | * ? :\n');
  });
});
