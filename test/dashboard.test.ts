import { describe, expect, it } from 'vitest';
import { importTreasuryFiles } from '../src/update/import/treasury.js';
import { chromiumAvailable, openPage, screenshotPath, useServedDashboard } from './browser.js';
import { liquidityStore } from './fixtures.js';
import { dataFile } from './shared-data.js';

const run = chromiumAvailable();

describe.runIf(run)('dashboard in Debian Chromium (playwright-core)', () => {
  const dash = useServedDashboard(async () => {
    const store = await liquidityStore();
    await importTreasuryFiles(store, [dataFile('treasury', 'DTS_OpCashBal_20210624_20260623.csv')], {
      runId: null,
      today: '2026-07-01',
    });
    return store;
  });

  it('draws the net-liquidity chart from real points with no console errors', async () => {
    const { page, errors } = await openPage(dash.browser, `${dash.url}?asOf=2025-11-14`);
    const chart = page.locator('#chart-net-liquidity');
    // 2007-01-05 … 2025-11-14: one point per Friday, each as known that day (the risk/ledger grid).
    expect(Number(await chart.getAttribute('data-points'))).toBe(985);
    await expect(page.locator('#panel-liquidity').textContent()).resolves.toContain(
      'TGA = WTREGEN, the H.4.1 average of the seven days ending Wednesday, subtracted from a Wednesday level (WALCL)',
    );
    const canvasCount = await chart.locator('canvas').count();
    expect(canvasCount).toBeGreaterThan(0);
    // The canvas really has ink on it (not a blank chart).
    const inked = await chart.evaluate((el) => {
      const c = el.querySelector('canvas') as HTMLCanvasElement;
      const ctx = c.getContext('2d')!;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(1000);
    await expect(page.locator('#panel-liquidity .kpi .value').first().textContent()).resolves.toBe('$5.625T');
    // One chip per source family, its newest observation known that day (RRPONTSYD 11-14, DTS 11-13).
    expect(await page.locator('#freshness .chip').allTextContents()).toEqual([
      'FRED 2025-11-14',
      'Treasury 2025-11-13',
    ]);
    await page.screenshot({ path: screenshotPath('dashboard'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('the TGA-basis toggle redraws the chart on the DTS Wednesday close, caption and level included', async () => {
    const { page, errors } = await openPage(dash.browser, `${dash.url}?asOf=2025-04-18`);
    const panel = page.locator('#panel-liquidity');
    const h41 = Number(await panel.locator('#chart-net-liquidity').getAttribute('data-points'));
    await panel.locator('button[data-basis="dts"]').click();
    await page.waitForSelector('#panel-liquidity[data-drawn="dts"]');
    const chart = panel.locator('#chart-net-liquidity');
    expect(await chart.getAttribute('data-tga')).toBe('dts');
    // DTS covers 2021-06-24 on: Fridays 2021-07-02 … 2025-04-18.
    expect(Number(await chart.getAttribute('data-points'))).toBe(199);
    expect(h41).toBe(955);
    await expect(panel.textContent()).resolves.toContain(
      'TGA basis: Wednesday close (Daily Treasury Statement)',
    );
    // 6,727,xxxM − 638,783M (DTS close of Wed 04-16) − 58.6B, i.e. $215.8B below the h41 level.
    await expect(panel.locator('.kpi .value').first().textContent()).resolves.toBe('$6.030T');
    await panel.screenshot({ path: screenshotPath('liquidity-dts') });
    expect(errors).toEqual([]);
  });

  it("a chart is drawn at its container's size, shown once drawn, and follows the container when the window narrows (1440 → 390 px)", async () => {
    const { page, errors } = await openPage(dash.browser, `${dash.url}?asOf=2025-11-14`);
    const sizes = () =>
      page.evaluate(() => {
        const el = document.getElementById('chart-net-liquidity')!;
        const root = el.querySelector('.tv-lightweight-charts') as HTMLElement;
        return {
          box: Math.floor(el.getBoundingClientRect().width),
          chart: root.getBoundingClientRect().width,
          display: getComputedStyle(el).display,
          height: Math.round(root.getBoundingClientRect().height),
        };
      });
    const afterFrames = () =>
      page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await afterFrames();
    const wide = await sizes();
    // The library rounds a size down to even pixels.
    expect(wide.box - wide.chart).toBeGreaterThanOrEqual(0);
    expect(wide.box - wide.chart).toBeLessThan(2);
    expect([wide.display, wide.height]).toEqual(['block', 320]);
    await page.setViewportSize({ width: 390, height: 844 });
    await afterFrames();
    const narrow = await sizes();
    expect(narrow.box).toBeLessThan(400);
    expect(narrow.box - narrow.chart).toBeGreaterThanOrEqual(0);
    expect(narrow.box - narrow.chart).toBeLessThan(2);
    expect(errors).toEqual([]);
  });
});
