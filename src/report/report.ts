import { rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TidewatchError } from '../core/errors.js';
import { startServer } from '../server/listen.js';
import type { Store } from '../store/store.js';
import { assertChromium, launchChromium } from './browser.js';
import { type Capture, captureDashboard } from './capture.js';
import { printPdf } from './pdf.js';
import { externalReferences } from './self-contained.js';

export type ReportFormat = 'html' | 'pdf';

/** The format a file name asks for, by its extension; anything else is refused, naming it. */
export function reportFormat(file: string): ReportFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.html' || ext === '.htm') return 'html';
  if (ext === '.pdf') return 'pdf';
  throw new TidewatchError(
    'bad-input',
    `--out ${file}: a report is written as .html or .pdf, not '${ext || 'no extension'}'`,
    {
      hint: 'name the file report.html (one self-contained page) or report.pdf (A4, printed by Chromium)',
    },
  );
}

export interface ReportTarget {
  file: string;
  format: ReportFormat;
}

/**
 * Everything that can be known wrong before drawing: each file's format and folder, and the
 * browser. Called by the CLI before it opens the store, and again by `writeReport`.
 */
export async function checkReport(out: readonly string[]): Promise<ReportTarget[]> {
  if (!out.length)
    throw new TidewatchError('bad-input', 'no --out file given', {
      hint: 'tidewatch report --out report.html',
    });
  const targets = out.map((file) => ({ file: path.resolve(file), format: reportFormat(file) }));
  for (const t of targets) await assertWritableFolder(t.file);
  assertChromium();
  return targets;
}

export interface WrittenReport {
  file: string;
  format: ReportFormat;
  bytes: number;
}

export interface ReportResult {
  asOf: string;
  written: WrittenReport[];
  charts: number;
  /** Sections that could not be drawn and server errors: the files are written, and say so in place. */
  problems: string[];
}

/**
 * The dashboard as of `asOf`, printed: the server runs in this process on the open store (a
 * DuckDB file is locked by its one open instance), Chromium draws every panel, and the page
 * becomes one self-contained HTML file and/or an A4 PDF (the PDF is that same HTML, printed).
 * Each file appears whole or not at all.
 */
export async function writeReport(
  store: Store,
  opts: { asOf: string; out: readonly string[] },
): Promise<ReportResult> {
  const targets = await checkReport(opts.out);
  const server = await startServer(store, { host: '127.0.0.1', port: 0 });
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    browser = await launchChromium();
    const capture = await captureDashboard(browser, server.url, opts.asOf);
    assertSelfContained(capture);
    const written: WrittenReport[] = [];
    for (const t of targets) {
      const bytes =
        t.format === 'html'
          ? Buffer.from(capture.html, 'utf8')
          : await printPdf(browser, capture.html, opts.asOf);
      await writeWhole(t.file, bytes);
      written.push({ ...t, bytes: bytes.length });
    }
    return { asOf: opts.asOf, written, charts: capture.charts, problems: capture.problems };
  } finally {
    await browser?.close();
    await server.close();
  }
}

function assertSelfContained(capture: Capture): void {
  const refs = externalReferences(capture.html);
  if (refs.length)
    throw new TidewatchError(
      'format-changed',
      `the report still refers outside itself (${refs.length}): ${refs.slice(0, 3).join(', ')}`,
      {
        hint: 'a dashboard section added a resource the report does not inline (src/report/in-page.js)',
      },
    );
}

async function assertWritableFolder(file: string): Promise<void> {
  const dir = path.dirname(file);
  const s = await stat(dir).catch(() => undefined);
  if (!s?.isDirectory()) throw new TidewatchError('not-found', `--out ${file}: folder ${dir} does not exist`);
}

/** Written beside the target and renamed over it: a reader never sees half a report. */
async function writeWhole(file: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
