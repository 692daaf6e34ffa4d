// The browser of the web app's end-to-end tests: Debian's Chromium driven by playwright-core
// (no browser download), one per test file, a fresh context (own cookies and storage) per
// officer, and full-page screenshots under .local/artifacts/screenshots/.
import { REPO_ROOT, type PlatformStack } from '@pengaduan/testing';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(REPO_ROOT, '.local', 'artifacts', 'screenshots');
const DIST_INDEX = join(REPO_ROOT, 'services', 'admin-web', 'dist', 'index.html');

/** How long one UI step may take to show (a command's answer, then the view catching up). */
export const UI_TIMEOUT_MS = 30_000;

/** One Chromium for the whole file. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** A page of its own context, with what went wrong in it recorded. */
export interface TestPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught exceptions and Content-Security-Policy violations seen so far. */
  readonly problems: string[];
}

/**
 * A fresh context (nothing shared with the other officers: the session is in sessionStorage)
 * and its one page, on the app at `baseURL`. Desktop-sized unless `options` say otherwise.
 */
export async function newTestPage(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta', ...options });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  return { context, page, problems };
}

/** Saves a full-page PNG as `.local/artifacts/screenshots/<name>.png`; resolves with its path. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Throws unless the built web app, which the gateway serves, is there. */
export function assertWebAppBuilt(): void {
  if (!existsSync(DIST_INDEX)) {
    throw new Error(`the built web app is missing (${DIST_INDEX}): run \`npm run build:web\` first (npm test builds it before the end-to-end tests)`);
  }
}

/** After each test: nothing thrown in these pages, nothing the Content-Security-Policy refused (and forgets what was seen). */
export function expectNoPageProblems(pages: Iterable<TestPage | undefined>): void {
  expect([...pages].flatMap((p) => p?.problems.splice(0) ?? [])).toEqual([]);
}

/** After all tests: closes the browser and stops the platform, every service of which must have exited cleanly. */
export async function closeBrowserStack(browser: Browser | undefined, stack: PlatformStack | undefined): Promise<void> {
  await browser?.close();
  if (!stack) return;
  const codes = await stack.stop();
  await stack.dispose();
  expect(Object.entries(codes).filter(([, code]) => code !== 0)).toEqual([]);
}
