import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import { chromiumAvailable, openPage, screenshotPath, useServedDashboard } from './browser.js';
import { runCli } from './cli.js';
import { overflowOf, pickDay } from './dashboard-page.js';
import { dataFile, SHARED_DATA } from './shared-data.js';

/**
 * The freshness chips of the dashboard header (web/app.js renderFreshness drawing
 * /api/views/freshness) on a store made the way a person makes it: `import fred`, `import
 * treasury`, then a replayed `update --source treasury` that fails (no recording of today's
 * Fiscal Data request). Before: two chips, "treasury-file update: ok" and "treasury update:
 * failed", next to three series chips. Now: one chip per source family.
 */
describe.runIf(chromiumAvailable())('freshness chips (web/app.js) in Debian Chromium', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-chips-'));
  const db = path.join(dir, 't.duckdb');
  const dash = useServedDashboard(async () => {
    const fred = runCli([
      'import',
      'fred',
      ...['WALCL.csv', 'WTREGEN.csv', 'RRPONTSYD.csv'].map((f) => dataFile('fred', f)),
      '--db',
      db,
    ]);
    if (fred.code !== 0) throw new Error(fred.stderr);
    const tsy = runCli([
      'import',
      'treasury',
      dataFile('treasury', 'DTS_OpCashBal_20210624_20260623.csv'),
      '--db',
      db,
    ]);
    if (tsy.code !== 0) throw new Error(tsy.stderr);
    const upd = runCli(['update', '--source', 'treasury', '--db', db], {
      TIDEWATCH_REPLAY_DIR: SHARED_DATA,
      TIDEWATCH_ARCHIVE_DIR: path.join(dir, 'archive'),
    });
    if (!/failed/.test(upd.stdout + upd.stderr))
      throw new Error(`expected the replayed update to fail:\n${upd.stdout}\n${upd.stderr}`);
    return openStore(db);
  });
  const chips = (page: import('playwright-core').Page) => page.locator('#freshness .chip');

  it('today: one Treasury chip holds the failed update and the ok file import, with the reason in its tooltip', async () => {
    // No asOf: the picker shows today, after the runs above.
    const { page, errors } = await openPage(dash.browser, dash.url);
    expect(await chips(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-source')))).toEqual([
      'fred',
      'treasury',
    ]);
    const t = page.locator('#freshness .chip[data-source="treasury"]');
    // The DTS file ends 2026-06-23: older than 10 days for a daily series on any day after 2026-07-03.
    expect(await t.textContent()).toBe('Treasury 2026-06-23 stale · last run failed');
    expect(await t.getAttribute('class')).toContain('tone-bad');
    const tip = (await t.getAttribute('title')) ?? '';
    expect(tip).toMatch(
      /last update \(treasury\) [\d-]+ [\d:]+: failed — \d+ of \d+ failed: tga: replay-miss/,
    );
    expect(tip).toMatch(/last file import \(treasury-file\) [\d-]+ [\d:]+: ok/);
    expect(await page.locator('#freshness').textContent()).not.toMatch(/treasury-file|update:/);
    await page.locator('#freshness').screenshot({ path: screenshotPath('freshness-chips') });
    expect(errors).toEqual([]);
  });

  it('the as-of picker: on 2025-11-14 the newest observations known then, no run yet, nothing stale; no overflow at 390 px', async () => {
    const { page, errors } = await openPage(dash.browser, `${dash.url}?asOf=2025-11-14`);
    await page.setViewportSize({ width: 390, height: 844 });
    await pickDay(page, '2025-11-14');
    expect(await chips(page).allTextContents()).toEqual(['FRED 2025-11-14', 'Treasury 2025-11-13']);
    expect(await chips(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-stale')))).toEqual([
      'false',
      'false',
    ]);
    await pickDay(page, '2020-03-20');
    // The DTS file starts 2021-06-24: on 2020-03-20 only FRED is known (RRPONTSYD of 2020-03-20).
    expect(await chips(page).allTextContents()).toEqual(['FRED 2020-03-20']);
    expect(await overflowOf(page, 'panel-liquidity')).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });
});
