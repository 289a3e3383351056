import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { today } from '../src/core/dates.js';
import { openStore } from '../src/store/store.js';
import { chromiumAvailable, openPage, screenshotPath, useServedDashboard } from './browser.js';
import { fullStoreCopy } from './full-store.js';

/**
 * Every traced figure opens its trace: on the full real store, at a desktop width (1440 px) and a
 * phone's (390 px), a click (or Enter) on the net-liquidity headline, a price and a 13F put opens
 * the trace drawer, which shows the archived bytes' sha256 and known_from days not after the
 * page's as-of day; the drawer closes with Escape and gives the focus back; a `#trace=` link
 * opens it on arrival.
 */
const run = chromiumAvailable();
// Provenance is as of the day the bytes were read (the store is built by this test run): today.
const NOW = today();

interface Drawn {
  title: string;
  sha256: string[];
  knownFrom: string[];
}

/** Wait for the drawer to show an answer and read what it shows. */
async function drawer(page: Page): Promise<Drawn> {
  await page.waitForSelector('#trace-drawer[open][data-state="ready"]', { timeout: 60_000 });
  const d = page.locator('#trace-drawer');
  return {
    title: (await d.locator('#trace-title').textContent()) ?? '',
    sha256: await d
      .locator('[data-sha256]')
      .evaluateAll((xs) => xs.map((x) => x.getAttribute('data-sha256') ?? '')),
    knownFrom: await d
      .locator('[data-known-from]')
      .evaluateAll((xs) => xs.map((x) => x.getAttribute('data-known-from') ?? '')),
  };
}

function expectTraced(d: Drawn, what: RegExp): void {
  expect(d.title).toMatch(what);
  expect(d.title).toContain(`as known on ${NOW}`);
  expect(d.sha256.length).toBeGreaterThan(0);
  for (const s of d.sha256) expect(s).toMatch(/^[0-9a-f]{64}$/);
  expect(d.knownFrom.length).toBeGreaterThan(0);
  for (const k of d.knownFrom) expect(k <= NOW, `known_from ${k} after ${NOW}`).toBe(true);
}

async function closeWithEscape(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForSelector('#trace-drawer:not([open])', { state: 'attached' });
  // The hash is cleared, so the same figure can be opened again and the page URL stays the page's.
  expect(new URL(page.url()).hash).toBe('');
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.runIf(run)('trace drawer in Debian Chromium (full real store)', () => {
  const dash = useServedDashboard(() => openStore(fullStoreCopy()));

  for (const width of [1440, 390]) {
    it(`at ${width} px: net liquidity, a price and a 13F put open their traces with sha256 and known_from`, async () => {
      const { page, errors } = await openPage(dash.browser, `${dash.url}?asOf=${NOW}`, {
        width,
        height: 900,
      });

      // Net liquidity: the headline, opened from the keyboard.
      const nl = page.locator('#panel-liquidity .kpi[data-kpi="net-liquidity"] a.traced');
      await nl.focus();
      await page.keyboard.press('Enter');
      const n = await drawer(page);
      expectTraced(n, /^Trace: net-liquidity on /);
      // Each of WALCL, WTREGEN and RRPONTSYD is listed with its observation's known_from.
      expect(
        await page
          .locator('#trace-drawer .trace-series')
          .evaluateAll((xs) => xs.map((x) => x.getAttribute('data-series'))),
      ).toEqual(['WALCL', 'WTREGEN', 'RRPONTSYD']);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath(`trace-net-liquidity-${width}`) });
      await closeWithEscape(page);
      // The focus is back on the figure that opened the drawer.
      expect(await nl.evaluate((el) => el === document.activeElement)).toBe(true);

      // A price: the Markets panel's last close, clicked.
      await page.locator('#markets-prices .kpi[data-kpi="last"] a.traced').click();
      expectTraced(await drawer(page), /^Trace: price:NVDA on /);
      await closeWithEscape(page);

      // A 13F put of the watchlist, clicked: its filing's bytes.
      const put = page
        .locator('#panel-thirteenf table[data-table="options"] a.traced[data-trace$=":put"]')
        .first();
      const what = (await put.getAttribute('data-trace')) ?? '';
      expect(what).toMatch(/^13f:1649339:\d{4}-\d{2}-\d{2}:[0-9A-Z]{9}:put$/);
      await put.scrollIntoViewIfNeeded();
      await put.click();
      const p = await drawer(page);
      expectTraced(p, new RegExp(`^Trace: ${what} on `));
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath(`trace-13f-put-${width}`) });
      // The close button closes it too.
      await page.locator('#trace-drawer .trace-close').click();
      await page.waitForSelector('#trace-drawer:not([open])', { state: 'attached' });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('a shared link (?asOf=D#trace=WHAT&date=D) opens the trace on arrival', async () => {
    const hash = new URLSearchParams({ trace: 'net-liquidity', date: NOW });
    const { page, errors } = await openPage(dash.browser, `${dash.url}?asOf=${NOW}#${hash}`);
    expectTraced(await drawer(page), /^Trace: net-liquidity on /);
    expect(errors).toEqual([]);
    await page.close();
  });
});
