import { describe, expect, it } from 'vitest';
import type { CreateRecipientRequest } from '@estafette/contracts';
import { directoryApi, runAgainst } from '../testing/fake-api';
import { recipient } from '../testing/fixtures';

describe('estafette contact add', () => {
  it('creates a contact with its outside address', async () => {
    const api = directoryApi([]).on('POST', '/api/recipients', (req) => {
      const body = req.body as CreateRecipientRequest;
      return {
        status: 201,
        body: recipient('contact', body.alias, {
          targetAddress: body.targetAddress ?? null,
          primarySmtpAddress: body.targetAddress ?? null,
        }),
      };
    });
    const run = await runAgainst(api, [
      'contact',
      'add',
      'partner',
      '--email',
      'jane@partner.example',
      '--name',
      'Jane (Partner)',
    ]);
    expect(run.code).toBe(0);
    expect(api.calls()[0].body).toEqual({
      kind: 'contact',
      alias: 'partner',
      displayName: 'Jane (Partner)',
      targetAddress: 'jane@partner.example',
    });
    expect(run.stdout).toMatch(/^Target address: +jane@partner\.example$/m);
  });

  it('needs --email', async () => {
    const run = await runAgainst(directoryApi([]), ['contact', 'add', 'partner']);
    expect(run).toMatchObject({ code: 2, stderr: "estafette: required option '--email <address>' not specified\n" });
  });
});
