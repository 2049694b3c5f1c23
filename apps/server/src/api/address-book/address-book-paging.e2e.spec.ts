import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import type { AddressBookEntryDto, AddressListDto, Page, PublicFolderDto } from '@estafette/contracts';
import { buildAddressBookQuery, membershipOf, type AddressBookPageRequest } from '@estafette/directory';
import { startTestServer, type ApiClient, type TestServer } from '../../testing/test-server';
import { insertManyRecipients, insertRecipient } from './recipient-fixtures';

/** Byte order of the lower-cased display name, then id: the order the address book promises. */
const byAddressBookOrder = (a: { key: string; id: string }, b: { key: string; id: string }): number =>
  Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('address book paging and search', () => {
  let server: TestServer;
  let admin: ApiClient;
  let db: DataSource;
  let lists: Record<string, AddressListDto>;

  const page = async (path: string): Promise<Page<AddressBookEntryDto>> => {
    const res = await admin.get<Page<AddressBookEntryDto>>(path);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.login();
    db = server.app.get(DataSource);
    lists = Object.fromEntries((await admin.get<AddressListDto[]>('/api/address-lists')).body.map((l) => [l.kind, l]));
  });
  afterAll(async () => server.close());

  it('pages through 250 entries 100 at a time with no duplicates or gaps', async () => {
    // Upper and lower case and repeated display names: order is case-insensitive and ties fall back to the id.
    await db.query(
      `INSERT INTO recipient (kind, container_id, alias, display_name, department, primary_smtp_address)
       SELECT 'user', c.id, 'pager' || g, CASE WHEN g % 2 = 0 THEN 'PAGER ' ELSE 'pager ' END || (g % 97), 'Paging', 'pager' || g || '@test.example'
       FROM generate_series(1, 250) g, (SELECT id FROM recipient_container WHERE lower(name) = 'users') c`,
    );
    const list = await admin.post<AddressListDto>('/api/address-lists', {
      name: 'Paging',
      filter: { attribute: 'department', operator: 'equals', value: 'Paging' },
    });
    const seen: AddressBookEntryDto[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const body = await page(`/api/address-lists/${list.body.id}/entries?limit=100${query}`);
      sizes.push(body.items.length);
      seen.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(seen.map((e) => e.id)).size).toBe(250);
    const expected = [...seen].map((e) => ({ key: e.displayName.toLowerCase(), id: e.id })).sort(byAddressBookOrder);
    expect(seen.map((e) => e.id)).toEqual(expected.map((e) => e.id));
  });

  it('ends with a null cursor exactly when the last page is full', async () => {
    const list = (await admin.get<AddressListDto[]>('/api/address-lists')).body.find(
      (l) => l.name === 'Paging',
    ) as AddressListDto;
    const first = await page(`/api/address-lists/${list.id}/entries?limit=125`);
    expect(first.nextCursor).not.toBeNull();
    const second = await page(
      `/api/address-lists/${list.id}/entries?limit=125&cursor=${encodeURIComponent(first.nextCursor as string)}`,
    );
    expect(second.items).toHaveLength(125);
    expect(second.nextCursor).toBeNull();
  });

  it('searches by prefix of display name, alias, first name, last name and address, case-insensitively', async () => {
    await insertRecipient(db, {
      alias: 'zmorgan',
      displayName: 'Zelda Morgan',
      firstName: 'Zelda',
      lastName: 'Morgan',
      domain: 'corp.example',
    });
    await insertRecipient(db, { alias: 'qx_under', displayName: 'Under_Score', domain: 'test.example' });
    await insertRecipient(db, { alias: 'qxunder', displayName: 'UnderXScore', domain: 'test.example' });
    await insertRecipient(db, { alias: 'zhidden', displayName: 'Zelda Hidden', hidden: true });
    const gal = (search: string) =>
      page(`/api/address-book/gal?search=${encodeURIComponent(search)}`).then((p) => p.items.map((e) => e.alias));
    expect(await gal('zELDA')).toEqual(['zmorgan']);
    expect(await gal('MORG')).toEqual(['zmorgan']);
    expect(await gal('zmor')).toEqual(['zmorgan']);
    expect(await gal('zmorgan@corp')).toEqual(['zmorgan']);
    expect(await gal('elda')).toEqual([]);
    // LIKE metacharacters in the search are taken literally.
    expect(await gal('under_')).toEqual(['qx_under']);
    expect(await gal('qx_')).toEqual(['qx_under']);
    expect(await gal('%')).toEqual([]);
    // Search and paging combine.
    const first = await page(`/api/address-book/gal?search=pager%201&limit=5`);
    expect(first.items.every((e) => e.displayName.toLowerCase().startsWith('pager 1'))).toBe(true);
    const next = await page(
      `/api/address-book/gal?search=pager%201&limit=5&cursor=${encodeURIComponent(first.nextCursor as string)}`,
    );
    expect(next.items.map((e) => e.id)).not.toContain(first.items[0].id);
  });

  it('lists mail-enabled public folders in the GAL and the Public Folders list', async () => {
    const root = (await admin.get<PublicFolderDto>('/api/public-folders/root')).body;
    const folder = await admin.post<PublicFolderDto>('/api/public-folders', {
      parentId: root.id,
      name: 'Zeal Announcements',
    });
    expect(
      (await admin.patch(`/api/public-folders/${folder.body.id}`, { mailEnabled: true, alias: 'zeal' })).status,
    ).toBe(200);
    const gal = await page('/api/address-book/gal?search=ze');
    expect(gal.items.map((e) => [e.type, e.displayName, e.primarySmtpAddress])).toEqual([
      ['public-folder', 'Zeal Announcements', 'zeal@test.example'],
      ['user', 'Zelda Morgan', 'zmorgan@corp.example'],
    ]);
    const pf = await page(`/api/address-lists/${lists['public-folders'].id}/entries`);
    expect(pf.items.map((e) => e.alias)).toEqual(['zeal']);
    expect((await page(`/api/address-lists/${lists['all-users'].id}/entries?search=zeal`)).items).toEqual([]);
    await admin.patch(`/api/public-folders/${folder.body.id}`, { hiddenFromAddressLists: true });
    expect((await page('/api/address-book/gal?search=zeal')).items).toEqual([]);
  });

  it('refuses bad paging parameters', async () => {
    expect((await admin.get('/api/address-book/gal?limit=0')).status).toBe(400);
    expect((await admin.get('/api/address-book/gal?limit=1001')).status).toBe(400);
    expect((await admin.get('/api/address-book/gal?cursor=bogus')).status).toBe(400);
    expect((await admin.get('/api/address-lists/00000000-0000-4000-8000-000000000000/entries')).status).toBe(404);
  });

  describe('query plans over 5,000 recipients', () => {
    const plan = async (kind: string, request: AddressBookPageRequest): Promise<string> => {
      const query = buildAddressBookQuery(
        membershipOf({ kind: kind as AddressListDto['kind'], filter: null }),
        request,
      );
      if (!query) throw new Error(`no query for ${kind}`);
      const rows = await db.query<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN ${query.sql}`, query.params);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };

    beforeAll(async () => {
      // Mostly users, a few contacts and groups, as in a real organisation.
      await insertManyRecipients(db, {
        count: 5000,
        prefix: 'Person',
        alias: 'person',
        kindOf: `CASE WHEN g % 25 = 0 THEN 'contact' WHEN g % 50 = 1 THEN 'group' WHEN g % 50 = 2 THEN 'query-group' ELSE 'user' END`,
      });
      // Planner statistics as autovacuum would gather them; no planner switches are touched.
      await db.query(`ANALYZE recipient`);
      await db.query(`ANALYZE public_folder`);
      await db.query(`ANALYZE recipient_address`);
    });

    const after = { key: 'person 02500', id: '00000000-0000-0000-0000-000000000000' };
    const cases: Array<[string, AddressBookPageRequest]> = [
      ['first page', { limit: 101, after: null, search: null }],
      ['next page', { limit: 101, after, search: null }],
      ['broad search', { limit: 101, after: null, search: 'Per' }],
      ['narrow search', { limit: 101, after: null, search: 'person 0123' }],
      ['search by address', { limit: 101, after: null, search: 'person123@' }],
      ['search by last name', { limit: 101, after: null, search: 'family4999' }],
      ['search, next page', { limit: 101, after, search: 'person 025' }],
    ];

    for (const kind of ['global', 'all-users', 'all-contacts', 'all-groups']) {
      it.each(cases)(`${kind}: %s reads recipients through indexes`, async (_name, request) => {
        const text = await plan(kind, request);
        expect(text).not.toMatch(/Seq Scan on recipient(_address)?\s/);
        expect(text).toMatch(/Index Scan|Bitmap Index Scan|Index Only Scan/);
      });
    }

    it('uses the partial indexes for the small lists', async () => {
      expect(await plan('all-contacts', { limit: 101, after: null, search: null })).toContain(
        'recipient_book_contacts',
      );
      expect(await plan('all-groups', { limit: 101, after: null, search: null })).toContain('recipient_book_groups');
    });

    it('answers the API with the same pages the plans describe', async () => {
      const contacts = await page(`/api/address-lists/${lists['all-contacts'].id}/entries?limit=3`);
      expect(contacts.items.map((e) => e.displayName)).toEqual(['Person 00025', 'Person 00050', 'Person 00075']);
      const search = await page('/api/address-book/gal?search=PERSON%2004999');
      expect(search.items.map((e) => e.alias)).toEqual(['person4999']);
    });
  });
});
