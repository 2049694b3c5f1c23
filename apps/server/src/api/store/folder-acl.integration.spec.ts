import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FolderAclService, FolderService, MailboxService, StoreUnavailableError } from '@estafette/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, firstMailboxStoreId } from './testing/store-fixtures';
import { startStoreTestApp, type StoreTestApp } from './testing/store-test-app';

/** Folder permissions (RFC 4314 rights) on a real database: sharing a folder and a whole mailbox. */
describe('folder permissions', () => {
  let testApp: StoreTestApp;
  let acl: FolderAclService;
  let folders: FolderService;
  let owner: string;
  let delegate: string;
  let stranger: string;
  let inboxId: string;

  beforeAll(async () => {
    testApp = await startStoreTestApp();
    const db = testApp.app.get(DataSource);
    acl = testApp.app.get(FolderAclService);
    folders = testApp.app.get(FolderService);
    const storeId = await firstMailboxStoreId(db);
    owner = await createUser(db, 'anna', storeId);
    delegate = await createUser(db, 'ben', storeId);
    stranger = await createUser(db, 'carl', storeId);
    await testApp.app.get(MailboxService).ensureMailbox(owner);
    inboxId = (await folders.byRole(owner, 'inbox')).id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('gives the owner every right and others none until granted', async () => {
    expect(await acl.rightsOf(owner, inboxId)).toBe('lrswipkxtea');
    expect(await acl.rightsOf(delegate, inboxId)).toBe('');
    expect(await acl.sharedWith(delegate)).toEqual([]);
  });

  it('shares a folder: the grantee sees it in sharedWith with the granted rights', async () => {
    expect(await acl.change(owner, inboxId, delegate, 'lrs')).toBe('lrs');
    expect(await acl.change(owner, inboxId, delegate, '+w')).toBe('lrsw');
    expect(await acl.rightsOf(delegate, inboxId)).toBe('lrsw');
    expect(await acl.rightsOf(stranger, inboxId)).toBe('');
    const shared = await acl.sharedWith(delegate);
    expect(shared).toEqual([
      expect.objectContaining({ folderId: inboxId, ownerId: owner, ownerAlias: 'anna', path: 'Inbox', rights: 'lrsw' }),
    ]);
    const list = await acl.list(owner, inboxId);
    expect(list.map((e) => [e.granteeAlias, e.rights, e.owner])).toEqual([
      ['anna', 'lrswipkxtea', true],
      ['ben', 'lrsw', false],
    ]);
  });

  it('refuses to reveal or change permissions without the l and a rights', async () => {
    await expect(acl.list(stranger, inboxId)).rejects.toBeInstanceOf(NotFoundException);
    await expect(acl.change(delegate, inboxId, stranger, 'lr')).rejects.toBeInstanceOf(ForbiddenException);
    await expect(acl.change(owner, inboxId, owner, '-l')).rejects.toBeInstanceOf(BadRequestException);
    await expect(acl.change(owner, inboxId, delegate, 'lrz')).rejects.toBeInstanceOf(BadRequestException);
  });

  it('grants "anyone", and unites it with a personal grant', async () => {
    await acl.change(owner, inboxId, null, 'l');
    expect(await acl.rightsOf(stranger, inboxId)).toBe('l');
    expect(await acl.change(owner, inboxId, delegate, '-sw')).toBe('lr');
    expect(await acl.rightsOf(delegate, inboxId)).toBe('lr');
    expect(await acl.change(owner, inboxId, null, '')).toBe('');
    expect(await acl.rightsOf(stranger, inboxId)).toBe('');
  });

  it('shares the whole mailbox with a delegate, and new subfolders inherit their parent', async () => {
    await acl.change(owner, inboxId, delegate, 'lrswi', true);
    const shared = await acl.sharedWith(delegate);
    expect(shared.map((s) => s.path)).toEqual(
      expect.arrayContaining(['Inbox', 'Sent Items', 'Drafts', 'Deleted Items', 'Junk E-mail', 'Outbox']),
    );
    const projects = await folders.create(owner, 'Projects', inboxId);
    expect(await acl.rightsOf(delegate, projects.id)).toBe('lrswi');
    expect((await acl.sharedWith(delegate)).some((s) => s.path === 'Inbox/Projects')).toBe(true);
    expect(await acl.change(owner, inboxId, delegate, '', true)).toBe('');
    expect(await acl.rightsOf(delegate, inboxId)).toBe('');
  });

  it('keeps whose a folder is between calls, yet sees grants, a dismount and a deletion made directly in SQL', async () => {
    const db = testApp.app.get(DataSource);
    const notes = await folders.create(owner, 'Notes', inboxId);
    expect(await acl.rightsOf(owner, notes.id)).toBe('lrswipkxtea');
    // Grants are read at every call, never kept.
    await db.query(`INSERT INTO folder_acl (folder_id, grantee_id, rights) VALUES ($1, $2, 'lr')`, [
      notes.id,
      stranger,
    ]);
    expect(await acl.rightsOf(stranger, notes.id)).toBe('lr');
    // A dismount, a mount and a deletion are announced by the database (on PostgreSQL through the
    // listening connection, a moment later; the API also tells its own process at once).
    const settles = async (expected: (outcome: unknown) => boolean): Promise<unknown> => {
      const deadline = Date.now() + 5000;
      let outcome: unknown = null;
      while (Date.now() < deadline) {
        outcome = await acl.rightsOf(owner, notes.id).catch((error: unknown) => error);
        if (expected(outcome)) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return outcome;
    };
    const [{ information_store_id: storeId }] = await db.query<Array<{ information_store_id: string }>>(
      `SELECT information_store_id FROM mailbox WHERE recipient_id = $1`,
      [owner],
    );
    await db.query(`UPDATE information_store SET mounted = false WHERE id = $1`, [storeId]);
    expect(await settles((o) => o instanceof StoreUnavailableError)).toBeInstanceOf(StoreUnavailableError);
    await db.query(`UPDATE information_store SET mounted = true WHERE id = $1`, [storeId]);
    expect(await settles((o) => o === 'lrswipkxtea')).toBe('lrswipkxtea');
    await db.query(`DELETE FROM folder WHERE id = $1`, [notes.id]);
    expect(await settles((o) => o instanceof NotFoundException)).toBeInstanceOf(NotFoundException);
  });
});
