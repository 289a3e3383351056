/**
 * The dashboard as a person opens it, in Debian's Chromium, on the real store: time from
 * navigation to the first chart drawn and to every panel drawn (`data-ready`), for
 *   cold     — a fresh server, nothing computed (the baseline),
 *   warm     — the same page loaded again (answers cached),
 *   prewarmed — a fresh server that computed the dashboard's opening answers first, as
 *               `tidewatch serve`/`start` does (server/prewarm.ts).
 * Goals (issue 14): every panel < 2 s warm, first chart < 1 s.
 * Run: npx tsx bench/dashboard.bench.ts   (TIDEWATCH_BENCH_DB=file reuses a built store)
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { today } from '../src/core/dates.js';
import { launchChromium } from '../src/report/browser.js';
import { type RunningServer, startServer } from '../src/server/listen.js';
import { prewarmDashboard } from '../src/server/prewarm.js';
import { openStore } from '../src/store/store.js';
import { runCli } from '../test/cli.js';
import { SHARED_DATA } from '../test/shared-data.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tw-bench-dash-'));
let built = process.env.TIDEWATCH_BENCH_DB;
if (!built) {
  built = path.join(dir, 'built.duckdb');
  const r = runCli(['import', 'all', SHARED_DATA, '--db', built]);
  if (r.code !== 0) throw new Error(`import all failed:\n${r.stderr}`);
}

/**
 * Times are taken inside the page (ms since navigation start), not by polling from outside: a
 * poll waits for a free moment of a busy page and reads late. The first chart counts once its
 * canvas (or the scatter's svg) is in the page and a frame has been painted after it.
 */
type Marked = { __benchMarks: { firstChart: number; ready: number } };

async function timeLoad(browser: Browser, url: string): Promise<{ firstChart: number; ready: number }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript(() => {
    const marks: { firstChart?: number; ready?: number } = {};
    Object.assign(window, { __benchMarks: marks });
    new MutationObserver(() => {
      if (marks.firstChart === undefined && document.querySelector('.chart canvas, svg.scatter')) {
        marks.firstChart = -1;
        requestAnimationFrame(() => {
          marks.firstChart = performance.now();
        });
      }
      if (marks.ready === undefined && document.body?.dataset.ready === '1') marks.ready = performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 300_000 });
  await page.waitForFunction(() => ((window as unknown as Marked).__benchMarks.firstChart ?? -1) > 0);
  const marks = await page.evaluate(() => (window as unknown as Marked).__benchMarks);
  await page.close();
  return marks;
}

async function onFreshServer<T>(name: string, work: (server: RunningServer) => Promise<T>): Promise<T> {
  const file = path.join(dir, `${name}.duckdb`);
  copyFileSync(built!, file);
  const store = await openStore(file);
  const server = await startServer(store, { host: '127.0.0.1', port: 0 });
  try {
    return await work(server);
  } finally {
    await server.close();
    await store.close();
  }
}

const browser = await launchChromium();
const asOf = today();
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
try {
  const { cold, warm } = await onFreshServer('cold', async ({ url }) => {
    const cold = await timeLoad(browser, `${url}?asOf=${asOf}`);
    const warm = await timeLoad(browser, `${url}?asOf=${asOf}`);
    return { cold, warm };
  });
  const pre = await onFreshServer('prewarmed', async ({ url, request }) => {
    const p = await prewarmDashboard(request, asOf);
    return { prewarm: p, load: await timeLoad(browser, `${url}?asOf=${asOf}`) };
  });
  console.log(`| load | first chart | every panel |\n|---|---|---|`);
  console.log(`| cold (baseline) | ${s(cold.firstChart)} | ${s(cold.ready)} |`);
  console.log(`| warm (reload) | ${s(warm.firstChart)} | ${s(warm.ready)} |`);
  console.log(`| prewarmed server | ${s(pre.load.firstChart)} | ${s(pre.load.ready)} |`);
  console.log(
    `prewarm: ${pre.prewarm.requests} requests in ${s(pre.prewarm.ms)} (${pre.prewarm.failed} failed)`,
  );
  console.log(
    `ratio warm/cold every panel: ${(warm.ready / cold.ready).toFixed(2)}×; prewarmed/cold: ${(pre.load.ready / cold.ready).toFixed(2)}×`,
  );
} finally {
  await browser.close();
}
