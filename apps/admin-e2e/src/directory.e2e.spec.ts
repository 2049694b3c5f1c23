import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicFolderDto, RecipientDto, RecipientPolicyDto } from '@estafette/contracts';
import { startTestServer, type ApiClient, type TestServer } from '../../server/src/testing/test-server';
import { sendMail } from './support/smtp-send';
import {
  assertConsoleBuilt,
  dialog,
  expandNode,
  launchChromium,
  openConsolePage,
  selectNode,
  signIn,
  treeItem,
  type PageProblems,
} from './support/console-harness';

async function createUser(
  api: ApiClient,
  firstName: string,
  lastName: string,
  department: string,
): Promise<RecipientDto> {
  const res = await api.post<RecipientDto>('/api/recipients', {
    kind: 'user',
    alias: `${firstName}.${lastName}`.toLowerCase(),
    firstName,
    lastName,
    displayName: `${firstName} ${lastName}`,
    department,
    password: 'Sample-Passw0rd!',
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`create ${firstName}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const CONTACTS = 64;

/**
 * The directory side of the console: recipient policies, address lists and
 * their entries, public folders and their permissions, group members,
 * deleting with confirmation, and the audit log.
 */
describe('System Manager console: policies, address lists, public folders, groups, audit', () => {
  let server: TestServer;
  let api: ApiClient;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let grace: RecipientDto;
  let linus: RecipientDto;
  let group: RecipientDto;

  beforeAll(async () => {
    assertConsoleBuilt();
    server = await startTestServer({});
    api = await server.login();
    grace = await createUser(api, 'Grace', 'Hopper', 'Engineering');
    linus = await createUser(api, 'Linus', 'Pauling', 'Sales');
    group = (
      await api.post<RecipientDto>('/api/recipients', { kind: 'group', alias: 'engineers', displayName: 'Engineers' })
    ).body;
    // More than one page (50) of recipients, to page through.
    for (let i = 1; i <= CONTACTS; i++) {
      const n = String(i).padStart(3, '0');
      const res = await api.post('/api/recipients', {
        kind: 'contact',
        alias: `partner${n}`,
        displayName: `Partner Contact ${n}`,
        targetAddress: `contact${n}@partner.example`,
      });
      if (res.status >= 300) throw new Error(`create contact ${n}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    browser = await launchChromium();
    ({ page, problems } = await openConsolePage(browser, server));
    await signIn(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a recipient policy with a filter and an address template, then deletes it', async () => {
    await expandNode(page, 'Recipients');
    await selectNode(page, 'Recipient Policies');
    await page.getByRole('row', { name: /Default Policy/ }).waitFor();
    await page.getByRole('button', { name: 'New Recipient Policy…' }).click();
    const sheet = dialog(page, 'New Recipient Policy');
    await sheet.waitFor();
    await sheet.getByLabel('Name:').fill('Sales Policy');
    await sheet.getByRole('button', { name: 'Add Rule' }).click();
    await sheet.getByLabel('Attribute of rule 1').selectOption('department');
    await sheet.getByLabel('Condition of rule 1').selectOption('equals');
    await sheet.getByLabel('Value of rule 1').fill('Sales');
    await sheet.getByRole('tab', { name: 'E-mail Addresses (Policy)' }).click();
    await sheet.getByRole('button', { name: 'New…' }).click();
    const prompt = dialog(page, 'New SMTP Address Template');
    await prompt.getByRole('textbox').fill('%g.%s@sales.test.example');
    await prompt.getByRole('button', { name: 'OK' }).click();
    await expect
      .poll(() => sheet.getByRole('table', { name: 'Address templates' }).textContent())
      .toContain('%g.%s@sales.test.example');
    await sheet.getByRole('button', { name: 'OK' }).click();
    await sheet.waitFor({ state: 'detached' });

    const row = page.getByRole('row', { name: /Sales Policy/ });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Department is exactly "Sales"');
    const policies = (await api.get<RecipientPolicyDto[]>('/api/recipient-policies')).body;
    const created = policies.find((p) => p.name === 'Sales Policy');
    expect(created?.filter).toEqual({ attribute: 'department', operator: 'equals', value: 'Sales' });
    expect(created?.addressTemplates).toEqual([{ template: '%g.%s@sales.test.example', primary: true }]);

    await row.click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await dialog(page, 'Delete').getByRole('button', { name: 'Yes' }).click();
    await row.waitFor({ state: 'detached' });
    expect(
      (await api.get<RecipientPolicyDto[]>('/api/recipient-policies')).body.some((p) => p.name === 'Sales Policy'),
    ).toBe(false);
  });

  it('creates a custom address list whose entries follow its filter', async () => {
    await selectNode(page, 'All Address Lists');
    await page.getByRole('button', { name: 'New Address List…' }).click();
    const sheet = dialog(page, 'New Address List');
    await sheet.waitFor();
    await sheet.getByLabel('Name:').fill('Engineering Department');
    await sheet.getByRole('tab', { name: 'Filter Rules' }).click();
    await sheet.getByRole('button', { name: 'Add Rule' }).click();
    await sheet.getByLabel('Value of rule 1').fill('Engineering');
    await sheet.getByRole('button', { name: 'OK' }).click();
    await sheet.waitFor({ state: 'detached' });

    await expandNode(page, 'All Address Lists');
    await selectNode(page, 'Engineering Department');
    await page.getByRole('row', { name: /Grace Hopper/ }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: /Linus Pauling/ }).count()).toBe(0);
    await expect.poll(() => page.locator('.status-bar').textContent()).toContain('1 entry');
  });

  it('pages through a container: the first page, then more as the list scrolls', async () => {
    await expandNode(page, 'Recipient Containers');
    await selectNode(page, 'Users');
    const rows = page.locator('.list-view tbody tr[data-key]');
    // 2 users, the administrator, a group and 64 contacts: 68 recipients, 50 to a page.
    await expect.poll(() => rows.count()).toBe(50);
    await expect.poll(() => page.locator('.status-bar').textContent()).toContain('shown, more available');
    await page.getByRole('button', { name: 'Load more' }).scrollIntoViewIfNeeded();
    await expect.poll(() => rows.count()).toBe(68);
    await expect.poll(() => page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await expect.poll(() => page.locator('.status-bar').textContent()).toContain('68 recipients');
  });

  it('pages through the Global Address List as it scrolls, and searches it', async () => {
    await expandNode(page, 'All Address Lists');
    await selectNode(page, 'Default Global Address List');
    const rows = page.locator('.list-view tbody tr[data-key]');
    await expect.poll(() => rows.count()).toBe(50);
    // Bringing the end of the list (and its Load more button) into view fetches the next page.
    await page.getByRole('button', { name: 'Load more' }).scrollIntoViewIfNeeded();
    await expect.poll(() => rows.count()).toBeGreaterThan(50);
    await page.getByRole('searchbox', { name: 'Search the address list' }).fill('Partner Contact 06');
    await expect.poll(() => rows.count()).toBe(5);
    await expect.poll(() => page.getByRole('row', { name: /Partner Contact 064/ }).count()).toBe(1);
  });

  it('adds a member to a distribution group in its property sheet', async () => {
    await selectNode(page, 'Users');
    await page.getByRole('row', { name: /Engineers/ }).dblclick();
    const sheet = dialog(page, 'Engineers Properties');
    await sheet.waitFor();
    await sheet.getByRole('tab', { name: 'Members' }).click();
    await sheet.getByRole('button', { name: 'Add…' }).click();
    const picker = dialog(page, 'Add Members');
    await picker.getByRole('searchbox').fill('grace');
    await picker.getByRole('row', { name: /Grace Hopper/ }).dblclick();
    await expect.poll(() => sheet.getByRole('table', { name: 'Members' }).textContent()).toContain('Grace Hopper');
    await sheet.getByRole('button', { name: 'OK' }).click();
    await sheet.waitFor({ state: 'detached' });
    expect((await api.get<RecipientDto>(`/api/recipients/${group.id}`)).body.memberIds).toEqual([grace.id]);
  });

  it("shows the groups a user belongs to on the user's Member Of tab", async () => {
    await page.getByRole('row', { name: /Grace Hopper/ }).dblclick();
    const sheet = dialog(page, 'Grace Hopper Properties');
    await sheet.waitFor();
    await sheet.getByRole('tab', { name: 'Member Of' }).click();
    await expect.poll(() => sheet.getByRole('table', { name: 'Member of' }).textContent()).toContain('Engineers');
    await sheet.getByRole('button', { name: 'Cancel' }).click();
    await sheet.waitFor({ state: 'detached' });
  });

  it('deletes a user after confirmation', async () => {
    await page.getByRole('row', { name: /Linus Pauling/ }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = dialog(page, 'Delete');
    await expect.poll(() => confirm.textContent()).toContain('Linus Pauling');
    await confirm.getByRole('button', { name: 'Yes' }).click();
    await page.getByRole('row', { name: /Linus Pauling/ }).waitFor({ state: 'detached' });
    expect((await api.get(`/api/recipients/${linus.id}`)).status).toBe(404);
  });

  it('creates a public folder and sets its client permissions', async () => {
    await expandNode(page, 'Folders');
    // "Public Folders" is also an address list: wait for the folder tree's root (its path is under
    // folders/) to be loaded, then take it, the later node of that name.
    await page.locator('[role="treeitem"][data-path^="folders/"]').first().waitFor();
    await selectNode(page, 'Public Folders', 'last');
    await page.getByRole('button', { name: 'New Public Folder…' }).click();
    const prompt = dialog(page, 'New Public Folder');
    await prompt.getByRole('textbox').fill('Projects');
    await prompt.getByRole('button', { name: 'OK' }).click();
    const sheet = dialog(page, 'Projects Properties');
    await sheet.waitFor();
    await sheet.getByLabel('Description:').fill('Project rooms');
    await sheet.getByRole('tab', { name: 'Permissions' }).click();
    await sheet.getByLabel('Role of Default').selectOption('reviewer');
    await sheet.getByRole('button', { name: 'Add…' }).click();
    const picker = dialog(page, 'Add Users');
    await picker.getByRole('searchbox').fill('grace');
    await picker.getByRole('row', { name: /Grace Hopper/ }).dblclick();
    await sheet.getByLabel('Role of Grace Hopper').selectOption('publishing-editor');
    await expect
      .poll(() => sheet.getByRole('group', { name: 'Rights of the role' }).textContent())
      .toContain('Edit items: All');
    await sheet.getByRole('button', { name: 'OK' }).click();
    await sheet.waitFor({ state: 'detached' });

    await treeItem(page, 'Projects').waitFor();
    const root = (await api.get<PublicFolderDto>('/api/public-folders/root')).body;
    const folder = (await api.get<PublicFolderDto[]>(`/api/public-folders?parentId=${root.id}`)).body.find(
      (f) => f.name === 'Projects',
    );
    expect(folder?.description).toBe('Project rooms');
    expect(folder?.permissions).toEqual(
      expect.arrayContaining([
        { principal: 'default', recipientId: null, role: 'reviewer' },
        { principal: 'recipient', recipientId: grace.id, role: 'publishing-editor' },
      ]),
    );
  });

  it('shows the changes in the audit log', async () => {
    await expandNode(page, 'Tools');
    await selectNode(page, 'Audit Log');
    const rows = page.locator('.list-view tbody tr[data-key]');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    await page
      .getByRole('row', { name: /delete.*Linus Pauling|Linus Pauling.*delete/i })
      .first()
      .click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Change details' }).textContent())
      .toContain('Linus Pauling');
  });

  it('follows a delivered message in the Message Tracking Center and in the mailbox statistics', async () => {
    const accepted = await sendMail(server.ports['smtp'], {
      from: 'ada@partner.example',
      to: 'grace.hopper@test.example',
      subject: 'Compiler notes',
      body: 'The A-0 system works.',
    });
    expect(accepted).toMatch(/^250 /);

    await selectNode(page, 'Message Tracking Center');
    await page.getByLabel('Recipient:').fill('grace.hopper@test.example');
    await page.getByRole('button', { name: 'Find Now' }).click();
    const delivered = page.getByRole('row', { name: /delivered/ });
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Find Now' }).click();
          return delivered.count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await delivered.first().dblclick();
    const history = page.getByRole('region', { name: 'Message history' });
    await expect.poll(() => history.textContent()).toContain('received');
    await expect.poll(() => history.textContent()).toContain('delivered');

    await selectNode(page, 'Queues');
    await expect
      .poll(() => page.locator('.list-view').first().textContent())
      .toContain('There are no messages waiting in the queues.');

    await selectNode(page, 'Users');
    await page.getByRole('row', { name: /Grace Hopper/ }).dblclick();
    const sheet = dialog(page, 'Grace Hopper Properties');
    await sheet.getByRole('tab', { name: 'Mailbox' }).click();
    await expect.poll(() => sheet.getByTestId('mailbox-items').textContent()).toBe('1');
    await expect.poll(() => sheet.getByRole('table', { name: 'Mailbox folders' }).textContent()).toContain('Inbox');
    await sheet.getByRole('button', { name: 'Cancel' }).click();
    await sheet.waitFor({ state: 'detached' });
  });

  it('saw no console error, page error or failed API call', () => {
    expect(problems.list()).toEqual([]);
  });
});
