import { describe, expect, it } from 'vitest';
import { chromiumAvailable, expectPanelDrawn, openPanel, useServedDashboard } from '../../../test/browser.js';
import { analyticsStore } from '../../../test/fixtures.js';
import { dataFile } from '../../../test/shared-data.js';
import { importCryptoFiles } from '../../update/import/prices.js';

/**
 * The ledger's panels in real Chromium on real files: the thesis ledger shows each figure as
 * measured or curated with its window, the Markets panel shows the same thesis-3 verdict as the
 * ledger, the Crypto panel both BTC falls and a cascade started from the as-of day.
 */
describe.runIf(chromiumAvailable())('Theses, Markets and Crypto panels in Debian Chromium', () => {
  const dash = useServedDashboard(async () => {
    const prices = ['SPY', 'QQQ', 'TSLA', 'ARKK', 'PLTR', 'MU', 'ORCL', 'NVDA'].map(
      (s) => `prices/yf-close-only/${s}.csv`,
    );
    const store = await analyticsStore('2026-01-10', prices);
    await importCryptoFiles(store, [
      dataFile('crypto', 'binance-spot-daily', 'BTCUSDT_1d.csv'),
      dataFile('crypto', 'btc_usd_daily_close_volume_2015-2026.csv'),
      dataFile('crypto', 'funding'),
    ]);
    return store;
  });

  it('theses: curated token figures carry a "curated" badge and their citation; every figure its window; rules their thresholds', async () => {
    const { page, errors } = await openPanel(dash, 'theses', '2026-01-05');
    const tokens = page.locator('#panel-theses #thesis-ai-bubble li[data-basis="curated"]');
    expect(await tokens.count()).toBe(2);
    expect(await tokens.first().locator('.badge.curated').getAttribute('title')).toMatch(/Sundar Pichai/);
    await expect(tokens.first().textContent()).resolves.toMatch(/2024-05-01 → 2025-10-01/);
    await expect(page.locator('#panel-theses #thesis-liquidity-squeeze').textContent()).resolves.toContain(
      'NEED_SUPPORT_GAP = +20.0 pp',
    );
    expect(await page.locator('#panel-theses li[data-basis="measured"]').count()).toBeGreaterThan(20);
    await expectPanelDrawn(page, 'theses', { shot: 'theses-ledger-panel', errors });
  });

  it("markets: the thesis-3 verdict is the ledger's, as of the picked day", async () => {
    const { page, errors } = await openPanel(dash, 'markets', '2025-11-14');
    const verdict = await page.locator('#panel-markets #thesis3').textContent();
    const ledger = (await (await fetch(`${dash.url}api/theses?asOf=2025-11-14`)).json()) as {
      results: { checks: { id: string; status: string; summary: string }[] }[];
    };
    const c = ledger.results.flatMap((r) => r.checks).find((x) => x.id === 'speculative-fall-harder')!;
    expect(verdict).toBe(`Thesis 3 (as of 2025-11-14): ${c.status.toUpperCase()} — ${c.summary}`);
    await expect(page.locator('#panel-markets').textContent()).resolves.toContain(
      'same function and inputs as the thesis ledger',
    );
    expect(errors).toEqual([]);
  });

  it('crypto: both BTC falls labelled; the cascade starts from the close of the as-of day', async () => {
    const { page, errors } = await openPanel(dash, 'crypto', '2026-02-13');
    const text = await page.locator('#panel-crypto').textContent();
    expect(text).toContain('from the intraday high');
    expect(text).toContain('−50.3 %');
    expect(text).toContain('close-to-close');
    expect(text).toContain('−49.7 %');
    await page.waitForSelector('#panel-crypto #cascade-result[data-final]');
    await expect(page.locator('#panel-crypto #cascade-result').textContent()).resolves.toMatch(
      /^As of 2026-02-13: a −10 % shock from \$[\d,]+ \(close 2026-02-13\)/,
    );
    expect(errors).toEqual([]);
  });
});
