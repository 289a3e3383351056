import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, openPage, screenshotPath, useServedDashboard } from '../../../test/browser.js';
import { scionStore } from '../../analytics/thirteenf/scion-store.testkit.js';

/**
 * The dashboard's 13F panel (the watchlist view) and the scorecard (under the thesis ledger) in
 * real Chromium through web/app.js, at a desktop width (1440 px) and a phone (390 px): real data
 * drawn, no page wider than the screen, no console errors, and the as-of picker reaches both —
 * at 2020-03-20 no Scion filing of 2021–2023 shows, at 2023-07-31 neither the 2023-06-30 quarter
 * nor its SPY/QQQ puts (filed 2023-08-14) do.
 */
const WIDTHS = [
  { name: 'desktop', width: 1440, height: 1000 },
  { name: 'phone', width: 390, height: 844 },
] as const;

describe.runIf(chromiumAvailable())('13F panel and scorecard (Chromium)', () => {
  const dash = useServedDashboard(() => scionStore());

  const open = async (asOf: string, width: number, height: number) => {
    const { page, errors } = await openPage(dash.browser, `${dash.url}?asOf=${asOf}`);
    await page.setViewportSize({ width, height });
    return { page, errors };
  };
  const text = async (page: Page) => {
    const thirteenf = (await page.locator('#panel-thirteenf').textContent()) ?? '';
    const scorecard = (await page.locator('#panel-theses #scorecard').textContent()) ?? '';
    expect(`${thirteenf}${scorecard}`).not.toContain('could not render');
    return { thirteenf, scorecard };
  };
  // other panels lack data in this store (e.g. /api/duration): only these two are judged
  const mine = (errors: string[]) =>
    errors.filter((e) => /13f|scorecard|theses|thirteenf|views\/(watchlist|scorecard)/.test(e));
  const datesAfter = (s: string, d: string) =>
    [...new Set(s.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [])].filter((x) => x > d);
  /** The page is never wider than the screen, nor are these two panels wider than themselves (wide tables scroll inside). */
  const expectNoOverflow = async (page: Page) => {
    const o = await page.evaluate(() => ({
      page: [document.documentElement.scrollWidth, window.innerWidth],
      panels: ['#panel-thirteenf', '#scorecard'].map((q) => {
        const e = document.querySelector(q)!;
        return [e.scrollWidth, e.clientWidth];
      }),
    }));
    expect(o.page[0]).toBeLessThanOrEqual(o.page[1]!);
    for (const [scroll, client] of o.panels) expect(scroll).toBeLessThanOrEqual(client!);
  };

  for (const w of WIDTHS) {
    it(`${w.name} (${w.width} px) as of 2026-01-10: put book drawn, puts in amber, premium next to the notional, curated labelled`, async () => {
      const { page, errors } = await open('2026-01-10', w.width, w.height);
      const { thirteenf, scorecard } = await text(page);
      const panel = page.locator('#panel-thirteenf');
      // 8 quarters of put notional + 8 totals, 2021-12-31 … 2023-09-30
      expect(Number(await panel.locator('#chart-put-book-1649339').getAttribute('data-points'))).toBe(16);
      await expect(panel.locator('[data-kpi="1649339-puts"] .value').textContent()).resolves.toBe('$55.1M');
      expect(await panel.locator('[data-kpi="1649339-puts"]').getAttribute('class')).toContain('tone-warn');
      expect(await panel.locator('[data-kpi="1649339-puts"]').getAttribute('class')).toContain('stale-kpi');
      const spy = panel.locator('table[data-table="peak-put-book"] tbody tr').first();
      expect(await spy.getAttribute('class')).toContain('tone-warn');
      await expect(spy.textContent()).resolves.toMatch(
        /SPY put.*\$443\.28.*\$886\.6M.*\$15\.5M.*\$19\.0M.*\$21\.7M/,
      );
      const pltr = await panel.locator('table[data-table="thesis5"]').textContent();
      expect(pltr).toMatch(/\$68\.9M.*\$94\.3M.*\$126\.6M/);
      expect(await panel.locator('[data-note="curated"] .badge.curated').count()).toBe(1);
      expect(thirteenf).toContain('risk-free rate');
      expect(scorecard).toContain('Famous-shorts scorecard (thesis 5), as of 2026-01-10');
      expect(scorecard).toMatch(/scion-spy-2023q2.*SPDR S&P 500 ETF.*curated \+ 13F filing/);
      expect(await page.locator('#scorecard [data-note="curated"] .badge.curated').count()).toBe(1);
      await expectNoOverflow(page);
      await page
        .locator('#panel-thirteenf')
        .screenshot({ path: screenshotPath(`thirteenf-panel-${w.name}`) });
      await page.locator('#scorecard').screenshot({ path: screenshotPath(`scorecard-${w.name}`) });
      expect(mine(errors)).toEqual([]);
    });

    it(`${w.name}: the as-of picker changes the figures (2026-01-10 → 2023-07-31 → 2020-03-20)`, async () => {
      const { page, errors } = await open('2026-01-10', w.width, w.height);
      const puts = page.locator('#panel-thirteenf [data-kpi="1649339-latest"] .value');
      await expect(puts.textContent()).resolves.toBe('2023-09-30');
      const pick = async (d: string) => {
        await page.evaluate((day) => {
          const input = document.getElementById('asof') as HTMLInputElement;
          input.value = day;
          input.dispatchEvent(new Event('change'));
        }, d);
        await page.waitForSelector('body[data-ready="1"]');
        return text(page);
      };
      const mid = await pick('2023-07-31');
      await expect(puts.textContent()).resolves.toBe('2023-03-31');
      expect(mid.thirteenf).not.toContain('2023-06-30');
      expect(datesAfter(mid.thirteenf, '2023-07-31')).toEqual([]);
      expect(mid.scorecard).not.toContain('SPDR S&P 500 ETF');
      expect(datesAfter(mid.scorecard, '2023-07-31')).toEqual([]);
      expect(mid.scorecard).toContain('as of 2023-07-31');

      const early = await pick('2020-03-20');
      expect(await page.locator('#panel-thirteenf [data-empty="nothing-stored"]').count()).toBe(1);
      expect(early.thirteenf).toContain('No 13F filings filed by 2020-03-20 are stored');
      expect(early.thirteenf).toContain('tidewatch update --source sec');
      expect(datesAfter(early.thirteenf, '2020-03-20')).toEqual([]);
      expect(early.scorecard).toContain('as of 2020-03-20');
      expect(datesAfter(early.scorecard, '2020-03-20')).toEqual([]);
      await expectNoOverflow(page);
      expect(mine(errors)).toEqual([]);
    });
  }
});
