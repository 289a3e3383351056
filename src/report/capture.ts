import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { TidewatchError } from '../core/errors.js';
import { projectPath } from '../core/paths.js';

/** What the dashboard page became: one self-contained HTML document, and what went wrong on the way. */
export interface Capture {
  html: string;
  /** Charts drawn and turned into images. */
  charts: number;
  /** Sections that could not be drawn, uncaught page errors, server errors (5xx). */
  problems: string[];
}

/**
 * Screen the page is laid out on. Wide enough for the dashboard's two-column grids and the
 * widest tables; the PDF prints it at PDF_SCALE so the same layout fits an A4 page.
 */
export const VIEWPORT = { width: 1120, height: 900 };
/** Charts are drawn at twice the pixels so they stay sharp when printed. */
const PIXEL_RATIO = 2;
/** Every panel of the full real store is ready in about 40 s on a busy 2-core machine. */
const READY_TIMEOUT_MS = Number(process.env.TIDEWATCH_REPORT_TIMEOUT_MS) || 300_000;

/**
 * Open the dashboard of `baseUrl` as of `asOf` in print mode, wait until every panel has drawn,
 * and turn the page into a self-contained document (src/report/in-page.js).
 */
export async function captureDashboard(browser: Browser, baseUrl: string, asOf: string): Promise<Capture> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: PIXEL_RATIO });
  try {
    const page = await context.newPage();
    const problems = watch(page);
    const url = new URL(baseUrl);
    url.searchParams.set('asOf', asOf);
    url.searchParams.set('print', '1');
    await page.goto(url.href);
    try {
      await page.waitForSelector('body[data-ready="1"]', { timeout: READY_TIMEOUT_MS, state: 'attached' });
    } catch (e) {
      throw new TidewatchError(
        'timeout',
        `the dashboard as of ${asOf} was not ready after ${READY_TIMEOUT_MS / 1000} s`,
        {
          cause: e,
          hint: 'set TIDEWATCH_REPORT_TIMEOUT_MS (milliseconds) for a slower machine or a larger store',
        },
      );
    }
    // Sections that said they could not render (web/app.js), by their heading.
    const broken = await page.$$eval('section.panel', (sections) =>
      sections
        .filter((s) => s.querySelector(':scope > .error'))
        .map(
          (s) =>
            `${s.querySelector('h2')?.textContent ?? s.id}: ${s.querySelector(':scope > .error')?.textContent}`,
        ),
    );
    problems.push(...broken);
    const script = await readFile(projectPath('src', 'report', 'in-page.js'), 'utf8');
    const snap = (await page.evaluate(`${script}\ntidewatchSnapshot()`)) as Capture;
    return { html: snap.html, charts: snap.charts, problems: [...problems, ...snap.problems] };
  } finally {
    await context.close();
  }
}

/**
 * What a person would see go wrong on the page. A 404 is not among them: a section on a store
 * without its data asks for it, gets 404 and says what to run (an empty state, not a defect).
 */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500)
      problems.push(`HTTP ${r.status()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`);
  });
  return problems;
}
