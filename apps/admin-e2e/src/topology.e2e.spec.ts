import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AdministrativeGroupDto,
  InformationStoreDto,
  OrganizationDto,
  RoutingGroupDto,
  ServerDto,
  VirtualServerDto,
} from '@estafette/contracts';
import { startTestServer, type ApiClient, type TestServer } from '../../server/src/testing/test-server';
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

const SCREENSHOT = resolve(process.cwd(), 'docs/screenshots/admin-console.png');

/**
 * The topology side of the console: deep links into the tree, the server,
 * store and virtual server property sheets, the organisation's limits, and
 * keyboard use of the tree.
 */
describe('System Manager console: servers, stores, protocols, organisation', () => {
  let server: TestServer;
  let api: ApiClient;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let group: AdministrativeGroupDto;
  let mail1: ServerDto;
  let serverPath: string;

  beforeAll(async () => {
    assertConsoleBuilt();
    server = await startTestServer({});
    api = await server.login();
    group = (await api.get<AdministrativeGroupDto[]>('/api/administrative-groups')).body[0];
    mail1 = (await api.get<ServerDto[]>('/api/servers')).body[0];
    serverPath = `admin-groups/${group.id}/servers/${mail1.id}`;
    browser = await launchChromium();
    ({ page, problems } = await openConsolePage(browser, server));
    await signIn(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens a deep link to a server with its property sheet, and it survives a reload', async () => {
    await page.goto(`${serverPath}?sheet=server&id=${mail1.id}`);
    const sheet = dialog(page, `${mail1.name} Properties`);
    await sheet.waitFor();
    // The tree revealed the server: its ancestors are expanded and it is the selection.
    await expect.poll(() => treeItem(page, mail1.name).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => treeItem(page, 'First Administrative Group').getAttribute('aria-expanded')).toBe('true');
    const routingGroup = (await api.get<RoutingGroupDto[]>('/api/routing-groups')).body[0];
    await expect
      .poll(() => sheet.getByLabel('Routing group').locator('option:checked').textContent())
      .toBe(routingGroup.name);
    await expect
      .poll(() => sheet.getByLabel('Administrative group').locator('option:checked').textContent())
      .toBe(group.name);

    await page.reload();
    await dialog(page, `${mail1.name} Properties`).waitFor();
    await expect.poll(() => treeItem(page, mail1.name).getAttribute('aria-selected')).toBe('true');
    await sheet.getByRole('button', { name: 'Cancel' }).click();
    await sheet.waitFor({ state: 'detached' });
    expect(new URL(page.url()).search).toBe('');
  });

  it('takes the screenshot of the tree with a server property sheet open', async () => {
    await expandNode(page, mail1.name);
    await expandNode(page, 'First Storage Group');
    await expandNode(page, 'Protocols');
    await selectNode(page, mail1.name);
    await page.getByRole('button', { name: 'Properties' }).click();
    const sheet = dialog(page, `${mail1.name} Properties`);
    await sheet.waitFor();
    await page.waitForLoadState('networkidle');
    mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    await sheet.getByRole('button', { name: 'Cancel' }).click();
    await sheet.waitFor({ state: 'detached' });
  });

  it('changes store limits and dismounts and mounts the store', async () => {
    const store = (await api.get<InformationStoreDto[]>(`/api/stores?kind=mailbox&serverId=${mail1.id}`)).body[0];
    await selectNode(page, 'First Storage Group');
    await page.getByRole('row', { name: new RegExp(store.name.replace(/[()]/g, '\\$&')) }).dblclick();
    const sheet = dialog(page, `${store.name} Properties`);
    await sheet.waitFor();

    await sheet.getByRole('tab', { name: 'Limits' }).click();
    await sheet.getByRole('spinbutton', { name: 'Prohibit send at (KB):', exact: true }).fill('2000000');
    await sheet.getByLabel('Keep deleted items for (days):').fill('-3');
    await sheet.getByRole('button', { name: 'Apply' }).click();
    await sheet.locator('.field-error[data-field="deletedItemRetentionDays"]').waitFor();
    await sheet.getByLabel('Keep deleted items for (days):').fill('21');
    await sheet.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(async () => (await api.get<InformationStoreDto>(`/api/stores/${store.id}`)).body.deletedItemRetentionDays)
      .toBe(21);
    expect((await api.get<InformationStoreDto>(`/api/stores/${store.id}`)).body.prohibitSendKb).toBe(2_000_000);

    await sheet.getByRole('tab', { name: 'Database' }).click();
    await expect.poll(() => sheet.getByTestId('store-state').textContent()).toContain('Mounted');
    await sheet.getByRole('button', { name: 'Dismount Store', exact: true }).click();
    await dialog(page, 'Dismount Store').getByRole('button', { name: 'Yes' }).click();
    await expect.poll(() => sheet.getByTestId('store-state').textContent()).toContain('Dismounted');
    expect((await api.get<InformationStoreDto>(`/api/stores/${store.id}`)).body.mounted).toBe(false);
    await sheet.getByRole('button', { name: 'Mount Store', exact: true }).click();
    await expect.poll(() => sheet.getByTestId('store-state').textContent()).toContain('Mounted');
    expect((await api.get<InformationStoreDto>(`/api/stores/${store.id}`)).body.mounted).toBe(true);
    await sheet.getByRole('button', { name: 'OK' }).click();
    await sheet.waitFor({ state: 'detached' });
  });

  it('edits the SMTP virtual server: message limits and relay', async () => {
    const smtp = (await api.get<VirtualServerDto[]>(`/api/servers/${mail1.id}/virtual-servers`)).body.find(
      (v) => v.protocol === 'smtp',
    );
    if (!smtp) throw new Error('no SMTP virtual server');
    await selectNode(page, 'Protocols');
    await page.getByRole('row', { name: new RegExp(smtp.name) }).dblclick();
    const sheet = dialog(page, `${smtp.name} Properties`);
    await sheet.waitFor();
    await sheet.getByRole('tab', { name: 'Messages' }).click();
    await sheet.getByLabel('Limit message size to (KB):').fill('20480');
    await sheet.getByRole('tab', { name: 'Access' }).click();
    await sheet.getByRole('textbox', { name: /relay without signing in/ }).fill('192.0.2.0/24');
    await sheet.getByRole('button', { name: 'OK' }).click();
    await sheet.waitFor({ state: 'detached' });
    const saved = (await api.get<VirtualServerDto>(`/api/virtual-servers/${smtp.id}`)).body;
    expect(saved.settings.maxMessageSizeKb).toBe(20480);
    expect(saved.settings.relay?.relayFrom).toEqual(['192.0.2.0/24']);
    expect(saved.settings.relay?.allowAuthenticatedRelay).toBe(true);
  });

  it('renames the organisation and rejects a zero message size', async () => {
    await expandNode(page, 'Global Settings');
    await selectNode(page, 'Message Delivery');
    await page.getByRole('button', { name: 'Properties' }).click();
    const sheet = dialog(page, /First Organization Properties/);
    await sheet.waitFor();
    await sheet.getByLabel('Maximum message size (KB):').fill('0');
    await sheet.getByRole('button', { name: 'Apply' }).click();
    await sheet.locator('.field-error[data-field="maxMessageSizeKb"]').waitFor();
    await sheet.getByLabel('Maximum message size (KB):').fill('10240');
    await sheet.getByLabel('Name:').fill('Contoso Mail');
    await sheet.getByRole('button', { name: 'OK' }).click();
    await sheet.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('organization-name').textContent()).toContain('Contoso Mail');
    await treeItem(page, 'Contoso Mail').waitFor();
    expect((await api.get<OrganizationDto>('/api/organization')).body.name).toBe('Contoso Mail');
  });

  it('can be driven from the keyboard', async () => {
    await page.goto('organization');
    const root = treeItem(page, 'Contoso Mail');
    await root.waitFor();
    await treeItem(page, 'Global Settings').waitFor();
    await root.focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/\/admin\/global-settings$/);
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/\/admin\/recipients$/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => treeItem(page, 'Recipients').getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/\/admin\/recipients\/policies$/);
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(/\/admin\/recipients$/);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => treeItem(page, 'Recipients').getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('End');
    await page.waitForURL(/\/admin\/tools$/);
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Tools');
  });

  it('saw no console error, page error or failed API call', () => {
    expect(problems.list()).toEqual([]);
  });
});
