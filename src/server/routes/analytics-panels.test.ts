import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../../../test/browser.js';
import { dataFile, PROJECT_ROOT } from '../../../test/shared-data.js';
import { startServer } from '../../cli/commands/serve.js';
import { importFredFiles } from '../../sources/fred/import.js';
import { importPriceFiles } from '../../sources/prices/import.js';
import { openStore, type Store } from '../../store/store.js';

/**
 * The Risk and Theses panels in real Chromium, loaded straight into the served dashboard page
 * (independent of the lead's wiring in web/app.js), on real FRED and price files.
 */
describe.runIf(chromiumAvailable())(
  'Risk and Theses panels (web/panels/risk.js, theses.js) in Debian Chromium',
  () => {
    let store: Store;
    let server: { url: string; close: () => void };
    let browser: Browser;
    beforeAll(async () => {
      store = await openStore(':memory:');
      const fred = [
        'WALCL.csv',
        'WTREGEN.csv',
        'RRPONTSYD.csv',
        'BAMLH0A0HYM2.csv',
        'VIXCLS.csv',
        'NFCI.csv',
        'sofr3-2021-2026/SOFR.csv',
        'sofr3-2021-2026/IORB.csv',
        'sofr3-2021-2026/WRESBAL.csv',
      ];
      await importFredFiles(
        store,
        fred.map((f) => dataFile('fred', ...f.split('/'))),
        { runId: null, today: '2026-01-10' },
      );
      const prices = ['SPY', 'QQQ', 'TSLA', 'ARKK', 'SOXX', 'KWEB', 'NVDA', 'PLTR', 'MU', 'ORCL'].map((s) =>
        dataFile('prices', 'yf-close-only', `${s}.csv`),
      );
      await importPriceFiles(
        store,
        [...prices, dataFile('crypto', 'binance-spot-daily', 'BTCUSDT_1d.csv')],
        {},
      );
      server = await startServer(store, { host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      server?.close();
      await store?.close();
    });

    async function renderPanel(page: Page, name: string, asOf: string): Promise<void> {
      await page.goto(`${server.url}?asOf=${asOf}`);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
      // A string, so vitest does not rewrite the browser-side dynamic import().
      await page.evaluate(`(async () => {
      const lib = await import('/lib.js');
      const mod = await import('/panels/${name}.js');
      const sec = document.createElement('section');
      sec.id = 'panel-${name}-test';
      document.getElementById('panels').append(sec);
      await mod.render(sec, lib.createApi('${asOf}'));
      sec.dataset.ready = '1';
    })()`);
      await page.waitForSelector(`#panel-${name}-test[data-ready="1"]`, { timeout: 30_000 });
    }

    it('risk: level 1 on 2025-10-31 with its rules, timeline of every week since 2007 over SPY, forward tables', async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await renderPanel(page, 'risk', '2025-10-31');
      const kpis = await page.locator('#panel-risk-test .kpi .value').allTextContents();
      expect(kpis[0]).toBe('1 — liquidity squeeze');
      // ~983 weekly level bars + ~983 weekly SPY closes (2007-01-05 → 2025-10-31)
      expect(Number(await page.locator('#panel-risk-test #chart-risk-timeline').getAttribute('data-points'))).toBeGreaterThan(
        1900,
      );
      await expect(page.locator('#panel-risk-test').textContent()).resolves.toContain('repo_crosses_iorb');
      expect(await page.locator('#panel-risk-test table').count()).toBeGreaterThanOrEqual(4); // rules + SPY/QQQ/BTC
      mkdirSync(path.join(PROJECT_ROOT, '.tmp'), { recursive: true });
      await page
        .locator('#panel-risk-test')
        .screenshot({ path: path.join(PROJECT_ROOT, '.tmp', 'risk-panel.png') });
      expect(errors).toEqual([]);
    });

    it('theses: seven theses with status badges, evidence links, and the scorecard', async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await renderPanel(page, 'theses', '2026-01-05');
      expect(await page.locator('#panel-theses-test .thesis').count()).toBe(7);
      const statuses = await page
        .locator('#panel-theses-test .thesis')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
      expect(
        statuses.every((s) => ['supported', 'refuted', 'mixed', 'insufficient data'].includes(String(s))),
      ).toBe(true);
      expect(await page.locator('#panel-theses-test a[href="#panel-risk"]').count()).toBeGreaterThan(0);
      await expect(page.locator('#panel-theses-test').textContent()).resolves.toContain(
        'Famous-shorts scorecard',
      );
      await page
        .locator('#panel-theses-test')
        .screenshot({ path: path.join(PROJECT_ROOT, '.tmp', 'theses-panel.png') });
      expect(errors).toEqual([]);
    });
  },
);
