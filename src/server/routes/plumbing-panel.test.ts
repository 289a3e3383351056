import { describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  openPage,
  renderPanelInPage,
  screenshotPath,
  useServedDashboard,
} from '../../../test/browser.js';
import { dataFile } from '../../../test/shared-data.js';
import { importFredFiles } from '../../sources/fred/import.js';
import { importNyfedFiles } from '../../sources/nyfed/ingest.js';
import { importTreasuryFiles } from '../../sources/treasury/ingest.js';
import { openStore } from '../../store/store.js';

const run = chromiumAvailable();

/**
 * The Plumbing panel in real Chromium. The lead wires panels into web/app.js; this test loads
 * the panel module itself into the served dashboard page so it does not depend on that wiring.
 */
describe.runIf(run)('Plumbing panel (web/panels/plumbing.js) in Debian Chromium', () => {
  const dash = useServedDashboard(async () => {
    const store = await openStore(':memory:');
    const fred = [
      'legacy-DATE-header/WRESBAL_1984-2024.csv',
      'sofr3-2021-2026/WRESBAL.csv',
      'sofr3-2021-2026/SOFR.csv',
      'sofr3-2021-2026/IORB.csv',
      'sofr3-2021-2026/RRPONTSYD.csv',
      'fredapi-pandas/WALCL_api.csv',
      'fredapi-pandas/WTREGEN_api.csv',
    ].map((f) => dataFile('fred', ...f.split('/')));
    await importFredFiles(store, fred, { runId: null, today: '2026-07-01' });
    await importTreasuryFiles(
      store,
      [
        dataFile('treasury', 'DTS_OpCashBal_20210624_20260623.csv'),
        dataFile('treasury', 'DTS_PubDebtTrans_20210624_20260623.csv'),
      ],
      { runId: null, today: '2026-07-01' },
    );
    const snaps = ['2025-10-29', '2025-10-30', '2025-10-31'].map((d) =>
      dataFile('nyfed', 'sofr-read-endpoint-snapshots', `sofr_${d}.json`),
    );
    await importNyfedFiles(store, snaps, { runId: null, today: '2026-07-01' });
    return store;
  });

  it('draws reserves, repo spread (with zero line), TGA/RRP and the bathtub from real points', async () => {
    const { page, errors } = await openPage(dash.browser, `${dash.url}?asOf=2025-11-14`);
    await renderPanelInPage(page, 'plumbing', '2025-11-14');
    const pts = async (id: string) =>
      Number(await page.locator(`#panel-plumbing #${id}`).getAttribute('data-points'));
    expect(await pts('chart-plumbing-repo')).toBeGreaterThan(1000); // daily SOFR−IORB 2021-07-29 …, + 3 p99 points
    expect(await pts('chart-plumbing-reserves')).toBeGreaterThan(900);
    expect(await pts('chart-plumbing-tga-rrp')).toBeGreaterThan(1500);
    expect(await pts('chart-plumbing-bathtub')).toBeGreaterThan(300);
    await expect(page.locator('#panel-plumbing #plumbing-thesis1').textContent()).resolves.toContain(
      'not confirmed',
    );
    const kpis = await page.locator('#panel-plumbing .kpi .value').allTextContents();
    // As known 2025-11-14: last SOFR print 2025-11-13 (4.00 vs IORB 3.90); all 8 November days so far above IORB.
    expect(kpis.slice(1, 3)).toEqual(['+10bp', '8']);
    await page.locator('#panel-plumbing').screenshot({ path: screenshotPath('plumbing-panel') });
    expect(errors).toEqual([]);
  });
});
