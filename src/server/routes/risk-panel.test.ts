import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectPanelDrawn,
  openDashboard,
  useServedDashboard,
} from '../../../test/browser.js';
import { kpiClass, pickDay } from '../../../test/dashboard-page.js';
import { analyticsStore } from '../../../test/fixtures.js';

/**
 * The Risk panel of the dashboard (web/panels/risk.js drawing /api/views/risk) in Debian
 * Chromium, on the risk engine's real FRED files, SPY/QQQ closes and BTC.
 */
describe.runIf(chromiumAvailable())('Risk panel (web/panels/risk.js) in Debian Chromium', () => {
  const dash = useServedDashboard(() =>
    analyticsStore('2026-01-10', [
      'prices/yf-close-only/SPY.csv',
      'prices/yf-close-only/QQQ.csv',
      'crypto/binance-spot-daily/BTCUSDT_1d.csv',
    ]),
  );
  const panel = '#panel-risk';
  const kpis = (page: Page) => page.locator(`${panel} .kpi .value`).allTextContents();

  it('1440 px: the level with its rules; one bar series per level with a legend entry per colour', async () => {
    const { page, errors } = await openDashboard(dash, '2025-10-31');
    await page.setViewportSize({ width: 1440, height: 1000 });
    expect(await kpis(page)).toEqual(['1 — liquidity squeeze', '3', 'none', '9']);
    const chart = page.locator(`${panel} #chart-risk-timeline`);
    // 983 weekly level bars (2007-01-05 … 2025-10-31) + 983 weekly SPY closes.
    expect(Number(await chart.getAttribute('data-points'))).toBe(1966);
    const legend = chart.locator('xpath=preceding-sibling::div[@class="legend"]');
    expect(await legend.locator('span').allTextContents()).toEqual([
      '0 — calm',
      '1 — liquidity squeeze',
      '2 — credit stress',
      '3 — systemic',
      'S&P 500 (SPY, file:yf-close-only/SPY.csv)',
    ]);
    const swatches = await legend
      .locator('i')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).style.background));
    expect(new Set(swatches).size).toBe(5); // every level its own colour
    const text = (await page.locator(panel).textContent()) ?? '';
    expect(text).toContain('repo_crosses_iorb');
    expect(text).toMatch(/\+16 bp/);
    expect(text).not.toMatch(/[−-]1 —|level [−-]1/);
    expect(await kpiClass(page, panel, 'level')).toContain('tone-warn');
    await expectPanelDrawn(page, 'risk', { shot: 'risk-panel', errors, fits: true });
  });

  it('390 px (a phone): drawn, wide tables scroll inside the panel, nothing wider than the screen', async () => {
    const { page, errors } = await openDashboard(dash, '2025-10-31', { phone: true });
    expect(Number(await page.locator(`${panel} #chart-risk-timeline`).getAttribute('data-points'))).toBe(
      1966,
    );
    expect((await kpis(page))[0]).toBe('1 — liquidity squeeze');
    await expectPanelDrawn(page, 'risk', { shot: 'risk-panel-390', errors, fits: true });
  });

  it('the as-of picker changes the figures (2025-10-31 → 2020-03-20: systemic, six rules, the BTC watch flag)', async () => {
    const { page, errors } = await openDashboard(dash, '2025-10-31');
    expect((await kpis(page))[0]).toBe('1 — liquidity squeeze');
    await pickDay(page, '2020-03-20');
    expect(await kpis(page)).toEqual(['3 — systemic', '6', 'btc_front_line', '1']);
    expect(await kpiClass(page, panel, 'level')).toContain('tone-severe');
    expect(errors).toEqual([]);
  });
});
