import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page, type Response } from 'playwright-core';
import { TEST_ADMIN_PASSWORD, type TestServer } from '../../../server/src/testing/test-server';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The built console the server serves: createApp looks for it at <cwd>/dist/admin/browser. */
export function assertConsoleBuilt(): void {
  const index = resolve(process.cwd(), 'dist/admin/browser/index.html');
  if (!existsSync(index)) {
    throw new Error(
      `The admin console is not built (${index} is missing). Run \`cd apps/admin && npx ng build\`, ` +
        'then run the tests from the workspace root: npx vitest run --config apps/admin-e2e/vitest.config.ts',
    );
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const NETWORK_4XX = /^Failed to load resource: the server responded with a status of (4\d\d)/;

/**
 * Watches a page for anything that must fail a test: a console error, an
 * uncaught exception, an API answer of 500 or more, or a missing asset.
 *
 * Chromium also logs every 4xx answer as a console error ("Failed to load
 * resource"); those are expected where the test provokes them (the session
 * probe before sign-in, a wrong password, a rejected value) and are accepted
 * only when the API really answered that status.
 */
export class PageProblems {
  private readonly problems: string[] = [];
  private readonly apiClientErrors = new Set<number>();

  constructor(page: Page) {
    page.on('console', (message: ConsoleMessage) => this.onConsole(message));
    page.on('pageerror', (error: Error) => this.problems.push(`page error: ${error.message}`));
    page.on('response', (response: Response) => this.onResponse(response));
    page.on('requestfailed', (request) => {
      // Navigations abort in-flight requests by design; anything else failing is a problem.
      const failure = request.failure()?.errorText ?? '';
      if (!failure.includes('ERR_ABORTED'))
        this.problems.push(`request failed: ${request.method()} ${request.url()} ${failure}`);
    });
  }

  private onConsole(message: ConsoleMessage): void {
    if (message.type() !== 'error') return;
    const text = message.text();
    const network = NETWORK_4XX.exec(text);
    if (network && this.apiClientErrors.has(Number(network[1]))) return;
    this.problems.push(`console error: ${text} (${message.location().url})`);
  }

  private onResponse(response: Response): void {
    const status = response.status();
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/api/')) {
      if (status >= 500) this.problems.push(`API ${status}: ${response.request().method()} ${path}`);
      else if (status >= 400) this.apiClientErrors.add(status);
    } else if (status >= 400) {
      this.problems.push(`asset ${status}: ${path}`);
    }
  }

  /** Everything seen so far; the tests expect this to stay empty. */
  list(): string[] {
    return [...this.problems];
  }
}

export interface ConsolePage {
  page: Page;
  problems: PageProblems;
}

export async function openConsolePage(browser: Browser, server: TestServer): Promise<ConsolePage> {
  const context = await browser.newContext({
    baseURL: `${server.baseUrl}/admin/`,
    viewport: { width: 1360, height: 860 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { page, problems: new PageProblems(page) };
}

export async function signIn(page: Page, password = TEST_ADMIN_PASSWORD): Promise<void> {
  await page.goto('login');
  await page.getByLabel('User name').fill('administrator');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('tree', { name: 'Console tree' }).waitFor();
}

/** A tree item by its visible label (exact match). */
export function treeItem(page: Page, label: string) {
  return page.getByRole('treeitem', { name: label, exact: true });
}

/** Clicks a node of the tree (the last one of that name with `last`) and waits until the details pane shows it. */
export async function selectNode(page: Page, label: string, which: 'first' | 'last' = 'first'): Promise<void> {
  const items = treeItem(page, label);
  await (which === 'first' ? items.first() : items.last()).locator('.tree-label').click();
  await page.locator('.details-header h1', { hasText: label }).waitFor();
}

/** Expands a collapsed node with its +/- box. */
export async function expandNode(page: Page, label: string): Promise<void> {
  const item = treeItem(page, label);
  if ((await item.getAttribute('aria-expanded')) !== 'true') await item.locator('.twisty').first().click();
  await page.waitForFunction(
    (name) =>
      Array.from(document.querySelectorAll('[role="treeitem"]')).some(
        (el) =>
          el.querySelector('.tree-label')?.textContent?.trim() === name && el.getAttribute('aria-expanded') === 'true',
      ),
    label,
  );
}

/** The dialog whose title contains `title`. */
export function dialog(page: Page, title: string | RegExp) {
  return page.getByRole('dialog', { name: title });
}
