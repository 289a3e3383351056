import { describe, expect, it } from 'vitest';
import { chromiumAvailable, openPage, screenshotPath, useServedDashboard } from './browser.js';
import { liquidityStore } from './fixtures.js';

const run = chromiumAvailable();

describe.runIf(run)('dashboard in Debian Chromium (playwright-core)', () => {
  const dash = useServedDashboard(() => liquidityStore());

  it('draws the net-liquidity chart from real points with no console errors', async () => {
    const { page, errors } = await openPage(dash.browser, `${dash.url}?asOf=2025-11-14`);
    const chart = page.locator('#chart-net-liquidity');
    // 2007-01-04 … 2025-11-13: one point per Thursday.
    expect(Number(await chart.getAttribute('data-points'))).toBe(985);
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
    await expect(page.locator('#freshness').textContent()).resolves.toContain('WALCL 2025-11-12');
    await page.screenshot({ path: screenshotPath('dashboard'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
