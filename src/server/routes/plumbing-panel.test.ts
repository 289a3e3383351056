import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectPanelDrawn,
  openDashboard,
  useServedDashboard,
} from '../../../test/browser.js';
import { kpiClass, pickDay } from '../../../test/dashboard-page.js';
import { plumbingStore } from '../../../test/plumbing-store.js';

const run = chromiumAvailable();

/**
 * The Plumbing panel of the dashboard (web/panels/plumbing.js drawing /api/views/plumbing) in
 * Debian Chromium on the real files, at desktop and phone widths.
 */
describe.runIf(run)('Plumbing panel (web/panels/plumbing.js) in Debian Chromium', () => {
  const dash = useServedDashboard(plumbingStore);
  const panel = '#panel-plumbing';
  const kpis = (page: Page) => page.locator(`${panel} .kpi .value`).allTextContents();
  const points = async (page: Page, id: string) =>
    Number(await page.locator(`${panel} #${id}`).getAttribute('data-points'));

  it('1440 px: every chart drawn from real points; the bathtub labels each layer with its own value', async () => {
    const { page, errors } = await openDashboard(dash, '2025-11-14');
    await page.setViewportSize({ width: 1440, height: 1000 });
    expect(await points(page, 'chart-plumbing-repo')).toBeGreaterThan(1000); // daily SOFR − IORB 2021-07-29 …, + 3 p99 points
    expect(await points(page, 'chart-plumbing-reserves')).toBeGreaterThan(900);
    expect(await points(page, 'chart-plumbing-tga-rrp')).toBeGreaterThan(1500);
    expect(await points(page, 'chart-plumbing-bathtub')).toBe(3 * 985); // three layers, every Friday 2007-01-05 … 2025-11-14
    // As known 2025-11-14: WRESBAL 2025-11-12; last SOFR print 2025-11-13 (4.00 vs IORB 3.90); 8 November days above IORB.
    expect(await kpis(page)).toEqual(['$2.855T', '+10 bp', '8', '$961.9B', '$1.6B', '91.2']);
    // Before: the TGA layer was labelled with its stacked height ($6.58T = water level + TGA).
    const legend = page
      .locator(`${panel} #chart-plumbing-bathtub`)
      .locator('xpath=preceding-sibling::div[@class="legend"]');
    expect(await legend.locator('span').allTextContents()).toEqual([
      'ON RRP $1.6B',
      'TGA (H.4.1 week average) $953.8B',
      'Water level (net liquidity) $5.625T',
    ]);
    expect(await legend.getAttribute('data-day')).toBe('2025-11-14');
    await expect(page.locator(`${panel} table[data-table="thesis1"]`).textContent()).resolves.toContain(
      'not confirmed',
    );
    // A warning by meaning: reserves below the $3T line, SOFR above IORB.
    expect(await kpiClass(page, panel, 'sofrIorb')).toContain('tone-warn');
    await expectPanelDrawn(page, 'plumbing', { shot: 'plumbing-panel', errors, fits: true });
  });

  it('390 px (a phone): drawn, nothing wider than the screen', async () => {
    const { page, errors } = await openDashboard(dash, '2025-11-14', { phone: true });
    expect(await points(page, 'chart-plumbing-bathtub')).toBe(3 * 985);
    expect((await kpis(page))[0]).toBe('$2.855T');
    await expectPanelDrawn(page, 'plumbing', { shot: 'plumbing-panel-390', errors, fits: true });
  });

  it('the as-of picker changes the figures (2025-11-03 → 2025-11-14)', async () => {
    const { page, errors } = await openDashboard(dash, '2025-11-03');
    // As known 2025-11-03: WRESBAL 2,848,021 $M (10-29), SOFR 4.22 − 3.90 on 10-31, 17 October days above IORB.
    expect(await kpis(page)).toEqual(['$2.848T', '+32 bp', '17', '$926.3B', '$23.8B', '93.7']);
    await pickDay(page, '2025-11-14');
    expect(await kpis(page)).toEqual(['$2.855T', '+10 bp', '8', '$961.9B', '$1.6B', '91.2']);
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2025-11-14');
    expect(errors).toEqual([]);
  });
});
