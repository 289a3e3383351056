import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dashboardRequests } from '../src/server/prewarm.js';
import { openStore } from '../src/store/store.js';
import { chromiumAvailable, openPage, screenshotPath, useServedDashboard } from './browser.js';
import { fullStoreCopy } from './full-store.js';

/**
 * The capex, markets & duration, crypto and thesis-ledger panels on the full real store, at a
 * desktop width (1440 px) and a phone's (390 px): real figures drawn, nothing wider than the
 * screen, no console errors, and the as-of picker changes the figures.
 */
const run = chromiumAvailable();

/** Pairs of text boxes in the scatter that overlap (tick labels, axis titles, point labels). */
function scatterOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = Array.from(document.querySelectorAll('#duration-scatter text')).map((t) => ({
      t: t.textContent ?? '',
      r: t.getBoundingClientRect(),
    }));
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        if (
          a.left < b.right - 0.5 &&
          b.left < a.right - 0.5 &&
          a.top < b.bottom - 0.5 &&
          b.top < a.bottom - 0.5
        )
          out.push(`${boxes[i]!.t} × ${boxes[j]!.t}`);
      }
    return out;
  });
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.runIf(run)('capex, markets, crypto and ledger panels in Debian Chromium (full real store)', () => {
  const dash = useServedDashboard(() => openStore(fullStoreCopy()));

  for (const width of [1440, 390]) {
    it(`draws real figures at ${width} px with no overflow and no console errors; the as-of picker changes them`, async () => {
      const { page, errors, apiRequests } = await openPage(dash.browser, `${dash.url}?asOf=2026-02-28`, {
        width,
        height: 900,
      });
      // What a fresh page asks for on opening is what the server computes ahead (server/prewarm.ts).
      const sorted = (u: string) => {
        const url = new URL(u, 'http://x');
        url.searchParams.sort();
        return url.pathname + url.search;
      };
      const warmed = new Set(dashboardRequests('2026-02-28').map(sorted));
      expect(apiRequests.length).toBeGreaterThanOrEqual(warmed.size);
      expect(apiRequests.map(sorted).filter((u) => !warmed.has(u))).toEqual([]);
      const text = async (id: string) => (await page.locator(`#panel-${id}`).textContent()) ?? '';

      // Crypto: the ~$126k → ~$60k fall measured both ways (PROVENANCE: Binance high, BTC-USD closes).
      const crypto = await text('crypto');
      expect(crypto).toContain('−50.3 %');
      expect(crypto).toContain('−49.7 %');
      expect(Number(await page.locator('#chart-btc').getAttribute('data-points'))).toBeGreaterThan(4000);
      // Capex: the GOOGL gap as of 2026-02-28 (10-K FY2025: capex +74.1 % vs operating income +14.8 %).
      expect(await text('capex')).toContain('+59.3 pp');
      // The ledger and the duration sort agree on thesis 3.
      await expect(page.locator('#thesis3').textContent()).resolves.toContain('MIXED');
      const ledger = await text('theses');
      expect(ledger).toMatch(/3\. Duration sorting mixed as of 2026-02-28/);
      expect(await page.locator('#panel-theses li[data-basis="curated"]').count()).toBeGreaterThan(0);
      expect(await page.locator('#panel-theses li[data-basis="measured"]').count()).toBeGreaterThan(10);

      // The scatter: every ranked asset a point, real axes with round ticks, no two texts overlapping.
      const svg = page.locator('#duration-scatter');
      const ranked = await page.locator('#duration table[data-table="ranking"] tbody tr').count();
      expect(Number(await svg.getAttribute('data-points'))).toBe(ranked);
      expect(ranked).toBeGreaterThan(15);
      expect(await svg.locator('text.tick.x').count()).toBeGreaterThanOrEqual(3);
      expect(await svg.locator('text.tick.y').count()).toBeGreaterThanOrEqual(3);
      expect(await svg.locator('text.axis-title').count()).toBe(2);
      expect(Number(await svg.getAttribute('data-labels'))).toBeGreaterThan(ranked / 2);
      expect(await scatterOverlaps(page)).toEqual([]);
      await expect(page.locator('#panel-markets .legend [data-group="speculative"]').count()).resolves.toBe(
        1,
      );

      // The chart library's logo is off (it covered axis labels); the footer carries its attribution and link.
      expect(await page.locator('.chart a[href*="tradingview"]').count()).toBe(0);
      await expect(
        page.locator('#chart-attribution a[href="https://www.tradingview.com/"]').isVisible(),
      ).resolves.toBe(true);

      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: screenshotPath(`views-${width}`), fullPage: true });

      // The as-of picker: on 2025-11-14 BTC had fallen only a quarter, and the scatter is redrawn.
      await page.evaluate(() => {
        document.body.dataset.ready = '';
        const input = document.getElementById('asof') as HTMLInputElement;
        input.value = '2025-11-14';
        input.dispatchEvent(new Event('change'));
      });
      await page.waitForSelector('body[data-ready="1"]', { timeout: 180_000 });
      const before = await text('crypto');
      expect(before).toContain('−25.2 %');
      expect(before).not.toContain('−50.3 %');
      expect(await text('theses')).toContain('as of 2025-11-14');
      expect(await scatterOverlaps(page)).toEqual([]);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
