import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/cli/commands/serve.js';
import type { Store } from '../src/store/store.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { liquidityStore } from './fixtures.js';
import { PROJECT_ROOT } from './shared-data.js';

const run = chromiumAvailable();

describe.runIf(run)('dashboard in Debian Chromium (playwright-core)', () => {
  let store: Store;
  let server: { url: string; close: () => void };
  let browser: Browser;
  beforeAll(async () => {
    store = await liquidityStore();
    server = await startServer(store, { host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
    await store?.close();
  });

  it('draws the net-liquidity chart from real points with no console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
    });
    await page.goto(`${server.url}?asOf=2025-11-14`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
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
    mkdirSync(path.join(PROJECT_ROOT, '.tmp'), { recursive: true });
    await page.screenshot({ path: path.join(PROJECT_ROOT, '.tmp', 'dashboard.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
