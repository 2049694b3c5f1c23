import { describe, expect, it } from 'vitest';
import type { AuditEntryDto, AuthoritativeDomainDto, ServerDto } from '@estafette/contracts';
import { runAgainst, signedInApi } from '../testing/fake-api';
import { MAILBOX_STORE, SALES_CONTAINER, USERS_CONTAINER } from '../testing/fixtures';

/** The read-only listings: servers, stores, containers, domains, audit log. */
describe('listing commands', () => {
  it('server list, with the names of the groups', async () => {
    const servers: ServerDto[] = [
      {
        id: 'sv1',
        name: 'MAIL1',
        administrativeGroupId: 'ag',
        routingGroupId: 'rg',
        version: '0.1.0',
        lastStartedAt: '2026-11-28T12:00:00.000Z',
      },
    ];
    const api = signedInApi()
      .json('GET', '/api/servers', servers)
      .json('GET', '/api/administrative-groups', [{ id: 'ag', name: 'First Administrative Group', description: '' }]);
    const run = await runAgainst(api, ['server', 'list']);
    // The routing groups could not be listed (404 here): their ids stay.
    expect(run.stdout).toBe(
      [
        'NAME   ADMINISTRATIVE GROUP        ROUTING GROUP  VERSION  LAST STARTED              ID',
        'MAIL1  First Administrative Group  rg             0.1.0    2026-11-28T12:00:00.000Z  sv1',
        '',
      ].join('\n'),
    );
    expect(JSON.parse((await runAgainst(api, ['server', 'list', '--json'])).stdout)).toEqual(servers);
  });

  it('store list, optionally of one kind', async () => {
    const api = signedInApi()
      .json('GET', '/api/stores', [MAILBOX_STORE])
      .json('GET', '/api/servers', [{ id: MAILBOX_STORE.serverId, name: 'MAIL1' }]);
    const run = await runAgainst(api, ['store', 'list', '--kind', 'mailbox']);
    expect(run.stdout.split('\n')[1]).toMatch(/^Mailbox Store \(MAIL1\) +mailbox +MAIL1 +yes +2 +- +- +s0000000/);
    expect(api.calls()[0].query).toEqual({ kind: 'mailbox' });
    const bad = await runAgainst(api, ['store', 'list', '--kind', 'archive']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^estafette: option '--kind <kind>' argument 'archive' is invalid\. Allowed choices are mailbox, public\.\n$/,
    );
  });

  it('ou list with parent names', async () => {
    const child = { id: 'c3', parentId: SALES_CONTAINER.id, name: 'EMEA', description: '' };
    const run = await runAgainst(
      signedInApi().json('GET', '/api/recipient-containers', [USERS_CONTAINER, SALES_CONTAINER, child]),
      ['ou', 'list'],
    );
    expect(run.stdout.split('\n').slice(0, 4)).toEqual([
      'NAME   PARENT  DESCRIPTION  ID',
      `Users  -       -            ${USERS_CONTAINER.id}`,
      `Sales  -       Sales team   ${SALES_CONTAINER.id}`,
      'EMEA   Sales   -            c3',
    ]);
  });

  it('domain list and add', async () => {
    const domains: AuthoritativeDomainDto[] = [
      { domain: 'test.example', policyIds: ['p0'], isDefaultPrimary: true },
      { domain: 'sales.example', policyIds: ['p0', 'p1'], isDefaultPrimary: false },
    ];
    const api = signedInApi()
      .json('GET', '/api/domains', domains)
      .json('GET', '/api/recipient-policies', [{ id: 'p0', name: 'Default Policy' }])
      .on('POST', '/api/domains', (req) => ({
        status: 201,
        body: { domain: (req.body as { domain: string }).domain, policyIds: ['p0'], isDefaultPrimary: false },
      }));
    const list = await runAgainst(api, ['domain', 'list']);
    expect(list.stdout).toBe(
      [
        'DOMAIN         DEFAULT PRIMARY  POLICIES',
        'test.example   yes              Default Policy',
        'sales.example  no               Default Policy, p1',
        '',
      ].join('\n'),
    );
    const json = await runAgainst(api, ['domain', 'list', '--json']);
    expect(JSON.parse(json.stdout)).toEqual(domains);
    const add = await runAgainst(api, ['domain', 'add', 'new.example']);
    expect(add).toMatchObject({ code: 0, stdout: 'added domain new.example\n' });
    expect(api.calls().at(-1)).toMatchObject({ method: 'POST', body: { domain: 'new.example' } });
  });

  it('audit with a limit and an object type', async () => {
    const entry: AuditEntryDto = {
      id: '7',
      at: '2026-11-28T12:00:00.000Z',
      actorName: 'Administrator',
      clientAddress: '127.0.0.1',
      action: 'update',
      objectType: 'organization',
      objectId: 'o1',
      objectName: 'Contoso',
      before: null,
      after: null,
    };
    const api = signedInApi().json('GET', '/api/audit', [entry]);
    const run = await runAgainst(api, ['audit', '--limit', '5', '--type', 'organization']);
    expect(api.calls()[0].query).toEqual({ limit: '5', objectType: 'organization' });
    expect(run.stdout.split('\n')[1]).toBe(
      '2026-11-28T12:00:00.000Z  Administrator  127.0.0.1  update  organization  Contoso',
    );
    const defaults = await runAgainst(api, ['audit']);
    expect(defaults.code).toBe(0);
    expect(api.calls().at(-1)?.query).toEqual({ limit: '50' });
  });
});
