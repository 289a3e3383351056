import { describe, expect, it } from 'vitest';
import { chromiumAvailable, expectPanelDrawn, openPanel, useServedDashboard } from '../../../test/browser.js';
import { analyticsStore } from '../../../test/fixtures.js';

/**
 * The Risk and Theses panels in real Chromium, loaded straight into the served dashboard page
 * (independent of the lead's wiring in web/app.js), on real FRED and price files.
 */
describe.runIf(chromiumAvailable())(
  'Risk and Theses panels (web/panels/risk.js, theses.js) in Debian Chromium',
  () => {
    const dash = useServedDashboard(() => {
      const prices = ['SPY', 'QQQ', 'TSLA', 'ARKK', 'SOXX', 'KWEB', 'NVDA', 'PLTR', 'MU', 'ORCL'].map(
        (s) => `prices/yf-close-only/${s}.csv`,
      );
      return analyticsStore('2026-01-10', [...prices, 'crypto/binance-spot-daily/BTCUSDT_1d.csv']);
    });

    it('risk: level 1 on 2025-10-31 with its rules, timeline of every week since 2007 over SPY, forward tables', async () => {
      const { page, errors } = await openPanel(dash, 'risk', '2025-10-31');
      const kpis = await page.locator('#panel-risk .kpi .value').allTextContents();
      expect(kpis[0]).toBe('1 — liquidity squeeze');
      // ~983 weekly level bars + ~983 weekly SPY closes (2007-01-05 → 2025-10-31)
      expect(
        Number(await page.locator('#panel-risk #chart-risk-timeline').getAttribute('data-points')),
      ).toBeGreaterThan(1900);
      await expect(page.locator('#panel-risk').textContent()).resolves.toContain('repo_crosses_iorb');
      expect(await page.locator('#panel-risk table').count()).toBeGreaterThanOrEqual(4); // rules + SPY/QQQ/BTC
      await expectPanelDrawn(page, 'risk', { shot: 'risk-panel', errors });
    });

    it('theses: seven theses with status badges, evidence links, and the scorecard', async () => {
      const { page, errors } = await openPanel(dash, 'theses', '2026-01-05');
      expect(await page.locator('#panel-theses .thesis').count()).toBe(7);
      const statuses = await page
        .locator('#panel-theses .thesis')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
      expect(
        statuses.every((s) => ['supported', 'refuted', 'mixed', 'insufficient data'].includes(String(s))),
      ).toBe(true);
      expect(await page.locator('#panel-theses a[href="#panel-risk"]').count()).toBeGreaterThan(0);
      await expect(page.locator('#panel-theses').textContent()).resolves.toContain('Famous-shorts scorecard');
      await expectPanelDrawn(page, 'theses', { shot: 'theses-panel', errors });
    });
  },
);
