import { describe, expect, it } from 'vitest';
import type { CreateRecipientRequest } from '@estafette/contracts';
import { directoryApi, runAgainst } from '../testing/fake-api';
import { recipient } from '../testing/fixtures';
import { aliasFromName } from './group.command';

describe('aliasFromName', () => {
  it('keeps the characters an alias may hold', () => {
    expect(aliasFromName('Sales Team (EU)')).toBe('SalesTeamEU');
    expect(aliasFromName('R&D.Paris')).toBe('R&D.Paris');
    expect(aliasFromName('.. odd .. name ..')).toBe('odd.name');
    expect(aliasFromName('Équipe')).toBe('quipe');
    expect(aliasFromName('() ')).toBe('');
  });
});

describe('estafette group', () => {
  const alice = recipient('user', 'alice');
  const bob = recipient('user', 'bob');
  const partner = recipient('contact', 'partner', { primarySmtpAddress: 'p@partner.example' });

  it('creates a distribution group from member aliases and ids', async () => {
    const api = directoryApi([alice, bob, partner]).on('POST', '/api/recipients', (req) => {
      const body = req.body as CreateRecipientRequest;
      return {
        status: 201,
        body: recipient('group', body.alias, { displayName: body.displayName, memberIds: body.memberIds }),
      };
    });
    const run = await runAgainst(api, [
      'group',
      'add',
      'Sales Team',
      '--member',
      'alice',
      partner.id,
      '--member',
      'BOB',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(api.calls().find((r) => r.method === 'POST')?.body).toEqual({
      kind: 'group',
      alias: 'SalesTeam',
      displayName: 'Sales Team',
      groupType: 'distribution',
      memberIds: [alice.id, partner.id, bob.id],
    });
    expect(run.stdout).toMatch(/^Members: +3$/m);
  });

  it('takes an explicit alias and refuses an unknown member before creating anything', async () => {
    const api = directoryApi([alice]);
    const run = await runAgainst(api, ['group', 'add', 'Ops', '--alias', 'ops-team', '--member', 'alice', 'ghost']);
    expect(run).toMatchObject({ code: 1, stderr: 'estafette: no recipient with alias or id "ghost"\n' });
    expect(api.calls().some((r) => r.method === 'POST')).toBe(false);
  });

  it('lists the members of a group named by display name', async () => {
    const sales = recipient('group', 'SalesTeam', { displayName: 'Sales Team', memberIds: [alice.id, partner.id] });
    const run = await runAgainst(directoryApi([alice, partner, sales]), ['group', 'members', 'sales team']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'ALIAS    KIND     DISPLAY NAME  EMAIL',
        'alice    user     alice         alice@test.example',
        'partner  contact  partner       p@partner.example',
        '',
      ].join('\n'),
    );
  });

  it('lists whom a query-based group reaches with --expanded', async () => {
    const everyone = recipient('query-group', 'everyone', { displayName: 'Everyone' });
    const api = directoryApi([alice, everyone]).json('GET', `/api/recipients/${everyone.id}/expanded-members`, [alice]);
    const run = await runAgainst(api, ['group', 'members', 'Everyone', '--expanded']);
    expect(run.stdout).toBe('ALIAS  KIND  DISPLAY NAME  EMAIL\nalice  user  alice         alice@test.example\n');
    const notGroup = await runAgainst(api, ['group', 'members', alice.id]);
    expect(notGroup).toMatchObject({
      code: 1,
      stderr: `estafette: ${alice.id} is a user, not a group or query-based group\n`,
    });
  });

  it('says when a group has no members', async () => {
    const empty = recipient('group', 'empty');
    const run = await runAgainst(directoryApi([empty]), ['group', 'members', 'empty']);
    expect(run).toMatchObject({ code: 0, stdout: 'the group has no members\n' });
  });
});
