import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipientDto } from '@estafette/contracts';
import { startTestServer, type ApiClient, type TestServer } from '../../server/src/testing/test-server';
import {
  assertConsoleBuilt,
  dialog,
  expandNode,
  launchChromium,
  openConsolePage,
  selectNode,
  treeItem,
  type PageProblems,
} from './support/console-harness';

/**
 * The administrator's day: sign in (after a typo), create a user with the New
 * User wizard, find it in its container and in the Global Address List, edit
 * it, get a validation error, sign out. One browser page throughout.
 */
describe('System Manager console: sign-in, New User wizard, recipient properties', () => {
  let server: TestServer;
  let api: ApiClient;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    assertConsoleBuilt();
    server = await startTestServer({});
    api = await server.login();
    browser = await launchChromium();
    ({ page, problems } = await openConsolePage(browser, server));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends a signed-out visitor to the login page', async () => {
    await page.goto('organization');
    await page.waitForURL(/\/admin\/login/);
    await expect(page.getByRole('heading', { name: 'System Manager' }).isVisible()).resolves.toBe(true);
    expect(new URL(page.url()).searchParams.get('returnUrl')).toBe('/organization');
  });

  it('shows errors for a wrong password and for too many attempts, then signs in', async () => {
    await page.getByLabel('User name').fill('administrator');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('user name or password is incorrect');

    // An account that keeps guessing is refused for a while (429) without its password being checked.
    await page.getByLabel('User name').fill('intruder');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel('Password').fill(`guess-${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByLabel('Password').inputValue()).toBe('');
    }
    await page.getByLabel('Password').fill('guess-6');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByTestId('login-error').textContent())
      .toContain('Too many failed sign-in attempts');

    await page.getByLabel('User name').fill('administrator');
    await page.getByLabel('Password').fill('Admin-Passw0rd!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tree', { name: 'Console tree' }).waitFor();
    await page.waitForURL(/\/admin\/organization$/);
    await expect.poll(() => page.getByTestId('organization-name').textContent()).toContain('First Organization');
    await expect.poll(() => page.getByTestId('signed-in-user').textContent()).toContain('Administrator');
  });

  it('creates a mailbox user with the New User wizard and shows it in its container', async () => {
    await expandNode(page, 'Recipients');
    await expandNode(page, 'Recipient Containers');
    await selectNode(page, 'Users');
    await expect.poll(() => treeItem(page, 'Users').getAttribute('aria-selected')).toBe('true');

    await page.getByRole('button', { name: 'New User…' }).click();
    const wizard = dialog(page, 'New Object - User');
    await wizard.waitFor();
    await wizard.getByLabel('First name').fill('Margaret');
    await wizard.getByLabel('Last name').fill('Hamilton');
    // Display name and alias fill themselves in from the names.
    await expect.poll(() => wizard.getByLabel('Display name').inputValue()).toBe('Margaret Hamilton');
    await expect.poll(() => wizard.getByLabel('Alias (logon name)').inputValue()).toBe('margaret.hamilton');
    await wizard.getByRole('button', { name: 'Next >' }).click();

    await wizard.getByLabel('Password:', { exact: true }).fill('Apollo-11-Guidance!');
    await wizard.getByLabel('Confirm password').fill('Apollo-11-Guidance!');
    await wizard.getByRole('button', { name: 'Next >' }).click();

    const store = wizard.getByLabel('Mailbox store');
    await expect.poll(() => store.locator('option').count()).toBeGreaterThan(0);
    await expect.poll(() => store.locator('option').first().textContent()).toContain('Mailbox Store');
    await wizard.getByRole('button', { name: 'Next >' }).click();
    await wizard.getByText('When you click Finish').waitFor();
    await expect.poll(() => wizard.textContent()).toContain('margaret.hamilton');
    await wizard.getByRole('button', { name: 'Finish' }).click();
    await wizard.waitFor({ state: 'detached' });

    const row = page.getByRole('row', { name: /Margaret Hamilton/ });
    await row.waitFor();
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => row.textContent()).toContain('margaret.hamilton@test.example');

    // The API agrees: a user with a mailbox in the Users container.
    const found = await api.get<{ items: Array<{ id: string; alias: string }> }>('/api/recipients?search=margaret');
    const created = await api.get<RecipientDto>(`/api/recipients/${found.body.items[0].id}`);
    expect(created.body.kind).toBe('user');
    expect(created.body.mailboxStoreId).not.toBeNull();
  });

  it('finds the new user with the search box of the container view', async () => {
    await page.getByRole('searchbox', { name: 'Find recipients' }).fill('marg');
    await expect.poll(() => page.getByRole('row', { name: /Ada|Administrator/ }).count()).toBe(0);
    await expect.poll(() => page.getByRole('row', { name: /Margaret Hamilton/ }).count()).toBe(1);
    await page.getByRole('searchbox', { name: 'Find recipients' }).fill('');
  });

  it('lists the new user in the Global Address List', async () => {
    await expandNode(page, 'All Address Lists');
    await selectNode(page, 'Default Global Address List');
    await page.getByRole('row', { name: /Margaret Hamilton/ }).waitFor();
    await page.getByRole('searchbox', { name: 'Search the address list' }).fill('hamil');
    await expect.poll(() => page.locator('.list-view tbody tr[data-key]').count()).toBe(1);
    await expect
      .poll(() => page.getByRole('row', { name: /Margaret Hamilton/ }).textContent())
      .toContain('margaret.hamilton@test.example');
  });

  it('edits the user in its property sheet and saves through the API', async () => {
    await selectNode(page, 'Users');
    await page.getByRole('row', { name: /Margaret Hamilton/ }).dblclick();
    const sheet = dialog(page, 'Margaret Hamilton Properties');
    await sheet.waitFor();
    await expect(page.url()).toContain('sheet=recipient');
    // The sheet fills its fields when the recipient has loaded: typing before that would be overwritten.
    await expect.poll(() => sheet.getByLabel('Alias').inputValue()).not.toBe('');
    await sheet.getByLabel('Title').fill('Director of Software Engineering');
    await sheet.getByLabel('Department').fill('Apollo Guidance');
    await sheet.getByRole('tab', { name: 'Exchange Features' }).click();
    await sheet.getByLabel('IMAP4').check();
    await sheet.getByRole('button', { name: 'OK' }).click();
    await sheet.waitFor({ state: 'detached' });

    const search = await api.get<{ items: Array<{ id: string }> }>('/api/recipients?search=margaret');
    const saved = await api.get<RecipientDto>(`/api/recipients/${search.body.items[0].id}`);
    expect(saved.body.title).toBe('Director of Software Engineering');
    expect(saved.body.department).toBe('Apollo Guidance');
    expect(saved.body.protocols.imap4Enabled).toBe(true);
  });

  it('shows the API validation error beside the field and keeps the sheet open', async () => {
    await page.getByRole('row', { name: /Margaret Hamilton/ }).dblclick();
    const sheet = dialog(page, 'Margaret Hamilton Properties');
    await sheet.waitFor();
    await expect.poll(() => sheet.getByLabel('Title').inputValue()).toBe('Director of Software Engineering');
    await sheet.getByLabel('Alias').fill('not a valid alias');
    await sheet.getByRole('button', { name: 'Apply' }).click();
    const error = sheet.locator('.field-error[data-field="alias"]');
    await error.waitFor();
    await expect.poll(() => error.textContent()).toMatch(/alias/i);
    await expect
      .poll(() => sheet.getByRole('alert').first().textContent())
      .toContain('Correct the fields marked in red');
    await sheet.getByRole('button', { name: 'Cancel' }).click();
    await sheet.waitFor({ state: 'detached' });

    const search = await api.get<{ items: Array<{ alias: string }> }>('/api/recipients?search=margaret');
    expect(search.body.items[0].alias).toBe('margaret.hamilton');
  });

  it('signs out and is asked to sign in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/admin\/login/);
    await page.goto('recipients/containers');
    await page.waitForURL(/\/admin\/login/);
    await page.getByLabel('User name').waitFor();
  });

  it('saw no console error, page error or failed API call', () => {
    expect(problems.list()).toEqual([]);
  });
});
