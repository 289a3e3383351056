import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from '../src/report/browser.js';
import { startServer } from '../src/server/listen.js';
import type { Store } from '../src/store/store.js';
import { overflowOf, pickDay } from './dashboard-page.js';
import { PROJECT_ROOT } from './shared-data.js';

/** Debian's Chromium (never a downloaded browser). CHROMIUM_PATH overrides (src/report/browser.ts). */
export const CHROMIUM = chromiumPath();

/** CI sets TIDEWATCH_REQUIRE_SYSTEM_DEPS=1 so that a missing Chromium fails instead of skipping. */
export const REQUIRE_SYSTEM_DEPS = process.env.TIDEWATCH_REQUIRE_SYSTEM_DEPS === '1';

export function chromiumAvailable(): boolean {
  const ok = existsSync(CHROMIUM);
  if (!ok && REQUIRE_SYSTEM_DEPS)
    throw new Error(`Chromium not found at ${CHROMIUM} but TIDEWATCH_REQUIRE_SYSTEM_DEPS=1`);
  if (!ok)
    console.warn(
      `SKIPPED browser tests: Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  return ok;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A fresh page on `url`, waited until the dashboard marks itself ready. `errors` collects what a
 * person would see go wrong — console errors, uncaught exceptions, HTTP ≥ 400 responses — so
 * each test ends with `expect(errors).toEqual([])`.
 */
export async function openPage(
  browser: Browser,
  url: string,
  opts: { width?: number; height?: number } = {},
): Promise<{ page: Page; errors: string[]; apiRequests: string[] }> {
  const page = await browser.newPage({
    viewport: { width: opts.width ?? 1400, height: opts.height ?? 1000 },
  });
  const errors: string[] = [];
  // Every API request the page makes, as path + query (what the server's prewarm must cover).
  const apiRequests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) apiRequests.push(u.pathname + u.search);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.goto(url);
  // Generous: a cold server computes every panel's answers on first load (a loaded machine is slow).
  await page.waitForSelector('body[data-ready="1"]', { timeout: 180_000 });
  return { page, errors, apiRequests };
}

/**
 * Show the dashboard as of `asOf` on an open page (the as-of picker, as a person would set it) and
 * wait until panel `name` has rendered; returns the panel's selector. Panels come from the bundled
 * app (web/app.js), exactly as a person gets them.
 */
export async function renderPanelInPage(page: Page, name: string, asOf: string): Promise<string> {
  const url = new URL(page.url());
  url.searchParams.set('asOf', asOf);
  await page.goto(url.toString());
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
  const selector = `#panel-${name}`;
  await page.waitForSelector(`${selector}[data-ready="1"]`, { timeout: 60_000 });
  return selector;
}

/** A served dashboard (useServedDashboard) opened as of `asOf`, with panel `name` rendered. */
export async function openPanel(
  dash: { readonly url: string; readonly browser: Browser },
  name: string,
  asOf: string,
): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openDashboard(dash, asOf);
  await renderPanelInPage(page, name, asOf);
  return { page, errors };
}

/**
 * The served dashboard (useServedDashboard) opened as of `day`; with `phone`, then redrawn on a
 * phone's screen (390 × 844) with the as-of picker.
 */
export async function openDashboard(
  dash: { readonly url: string; readonly browser: Browser },
  day: string,
  opts: { phone?: boolean } = {},
): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(dash.browser, `${dash.url}?asOf=${day}`);
  if (opts.phone) {
    await page.setViewportSize({ width: 390, height: 844 });
    await pickDay(page, day);
  }
  return { page, errors };
}

/**
 * Where a panel test ends: panel `name` photographed for a person (.tmp/<shot>.png); with
 * `fits`, nothing a phone would scroll sideways for (overflowOf removes the other panels, so
 * it comes after the photograph); no error seen.
 */
export async function expectPanelDrawn(
  page: Page,
  name: string,
  opts: { shot: string; errors: string[]; fits?: boolean },
): Promise<void> {
  await page.locator(`#panel-${name}`).screenshot({ path: screenshotPath(opts.shot) });
  if (opts.fits) expect(await overflowOf(page, `panel-${name}`)).toBeLessThanOrEqual(0);
  expect(opts.errors).toEqual([]);
}

/** Where test screenshots go (.tmp/<name>.png, git-ignored), for a person to look at after a run. */
export function screenshotPath(name: string): string {
  mkdirSync(path.join(PROJECT_ROOT, '.tmp'), { recursive: true });
  return path.join(PROJECT_ROOT, '.tmp', `${name}.png`);
}

/**
 * For a browser describe block: before it, build the store, serve the dashboard on a free port
 * and launch Chromium; after it, close all three (also when set-up failed half-way). Read
 * `url`/`browser` inside tests only (they are filled in by beforeAll).
 */
export function useServedDashboard(makeStore: () => Promise<Store>): {
  readonly url: string;
  readonly browser: Browser;
} {
  let store: Store | undefined;
  let server: { url: string; close: () => void } | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    store = await makeStore();
    server = await startServer(store, { host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await store?.close();
  });
  return {
    get url() {
      if (!server) throw new Error('dashboard not served yet (read url inside a test)');
      return server.url;
    },
    get browser() {
      if (!browser) throw new Error('Chromium not launched yet (read browser inside a test)');
      return browser;
    },
  };
}
