/**
 * Every 13F quarter at once (run: npx tsx bench/thirteenf-scale.bench.ts).
 *
 *  1. Generates BENCH_13F_QUARTERS (default 40) quarterly Form 13F data-set zips of
 *     BENCH_13F_ROWS (default 3,000,000) INFOTABLE rows each, with the official columns, from the
 *     real rows of every 13F filing in ../shared/data/sec (Renaissance's 3,611 rows, Soros, Scion,
 *     Pershing, …): filer i of a quarter reports real filing i mod 26 (its rows, values, puts and
 *     value unit), under its own CIK and accession, so a filer has a history over the quarters.
 *     Files go to a temporary folder (BENCH_13F_DIR, default under os.tmpdir()), never the repo;
 *     the zips and the extracted INFOTABLE.tsv files (for the baseline) take ~15 GB at 40 × 3M.
 *  2. Baseline: DuckDB read_csv of the same 40 INFOTABLE.tsv files (already extracted) into one
 *     table of a DuckDB file. Import: `importDataSetZip` of the 40 zips into a migrated DuckDB
 *     file store (streamed unzip, checks, unit rule, rows, positions summary). Each in a fresh
 *     child process, so its peak RSS (maxRSS) is its own. Ratio = import / baseline.
 *  3. The three queries on the imported store (best of 5 after one cold run): holders of SPY
 *     (78462F103) over every quarter, the full history of the largest filer (Renaissance's rows),
 *     the top 20 put notionals of the last quarter.
 *  4. With DATABASE_URL: the same import into PostgreSQL (COPY FROM STDIN) for
 *     BENCH_13F_PG_QUARTERS (default 4) quarters, in a child process; time per quarter.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { addDays } from '../src/core/dates.js';
import { importDataSetZip, readCsvSql } from '../src/sources/sec/thirteenf/bulk.js';
import {
  dsDate,
  infoTableCells,
  META_PATH,
  realMeta,
} from '../src/sources/sec/thirteenf/data-set.testkit.js';
import { parseThirteenF } from '../src/sources/sec/thirteenf/filing.js';
import { filerHistory, holdersOf, topPuts } from '../src/sources/sec/thirteenf/queries.js';
import type { ParsedThirteenF } from '../src/sources/sec/thirteenf/types.js';
import { DuckDb } from '../src/store/duckdb.js';
import { openStore, Store } from '../src/store/store.js';
import { dataFile } from '../test/shared-data.js';
import { report } from './util.js';

const QUARTERS = Number(process.env.BENCH_13F_QUARTERS ?? 40);
const ROWS = Number(process.env.BENCH_13F_ROWS ?? 3_000_000);
const PG_QUARTERS = Number(process.env.BENCH_13F_PG_QUARTERS ?? 4);
const KEEP = process.env.BENCH_13F_KEEP === '1';

const periodOf = (q: number) => {
  // quarter ends from 2016-03-31 on
  const y = 2016 + Math.floor(q / 4);
  return `${y}-${['03-31', '06-30', '09-30', '12-31'][q % 4]}`;
};
const cikOf = (i: number) => 2_000_000 + i;
const accOf = (i: number, q: number) =>
  `${String(cikOf(i)).padStart(10, '0')}-${String(16 + Math.floor(q / 4)).padStart(2, '0')}-${String(q).padStart(6, '0')}`;

function realFilings(): ParsedThirteenF[] {
  const out: ParsedThirteenF[] = [];
  for (const folder of ['13f', 'scion'])
    for (const f of readdirSync(dataFile('sec', folder)).sort()) {
      if (!/\.txt$/.test(f)) continue;
      const p = parseThirteenF(readFileSync(dataFile('sec', folder, f), 'utf8'), { source: f });
      if (p.rows.length) out.push(p);
    }
  return out;
}

/** One quarter: INFOTABLE.tsv on disk (for the baseline) and the zip (for the import). */
function generateQuarter(
  dir: string,
  q: number,
  real: ParsedThirteenF[],
  skStart: number,
): { filers: number; sk: number } {
  const meta = realMeta();
  const head = (t: string) =>
    `${meta
      .get(t)!
      .columns.map((c) => c.name)
      .join('\t')}\n`;
  const zipFd = openSync(path.join(dir, `q${String(q).padStart(2, '0')}.zip`), 'w');
  const tsvFd = openSync(path.join(dir, `INFOTABLE-${String(q).padStart(2, '0')}.tsv`), 'w');
  const zip = new Zip((err, data) => {
    if (err) throw err;
    writeSync(zipFd, data);
  });
  const enc = new TextEncoder();
  const entry = (name: string, text: string) => {
    const f = new ZipDeflate(name, { level: 1 });
    zip.add(f);
    f.push(enc.encode(text), true);
  };
  const period = periodOf(q);
  const filed = addDays(period, 45);
  const info = new ZipDeflate('INFOTABLE.tsv', { level: 1 });
  zip.add(info);
  let buf = head('INFOTABLE');
  const flush = (final: boolean) => {
    const bytes = enc.encode(buf);
    writeSync(tsvFd, bytes);
    info.push(bytes, final);
    buf = '';
  };
  let rows = 0;
  let sk = skStart;
  let filers = 0;
  const sub: string[] = [];
  const cover: string[] = [];
  const summary: string[] = [];
  while (rows < ROWS) {
    const i = filers++;
    const f = real[i % real.length]!;
    const acc = accOf(i, q);
    sub.push([acc, dsDate(filed), '13F-HR', String(cikOf(i)), dsDate(period)].join('\t'));
    const c: Record<string, string> = {
      ACCESSION_NUMBER: acc,
      REPORTCALENDARORQUARTER: dsDate(period),
      ISAMENDMENT: 'N',
      FILINGMANAGER_NAME: `${f.filerName ?? 'FILER'} #${i}`,
      REPORTTYPE: '13F HOLDINGS REPORT',
    };
    cover.push(
      meta
        .get('COVERPAGE')!
        .columns.map((col) => c[col.name] ?? '')
        .join('\t'),
    );
    summary.push([acc, '0', String(f.rows.length), '0', 'N'].join('\t'));
    for (const r of f.rows) {
      buf += `${infoTableCells(acc, ++sk, r).join('\t')}\n`;
      rows++;
    }
    if (buf.length > 1 << 22) flush(false);
  }
  flush(true);
  entry('SUBMISSION.tsv', head('SUBMISSION') + sub.map((l) => `${l}\n`).join(''));
  entry('COVERPAGE.tsv', head('COVERPAGE') + cover.map((l) => `${l}\n`).join(''));
  entry('SUMMARYPAGE.tsv', head('SUMMARYPAGE') + summary.map((l) => `${l}\n`).join(''));
  entry('SIGNATURE.tsv', head('SIGNATURE')); // a table the import never reads
  entry('FORM13F_metadata.json', readFileSync(META_PATH(), 'utf8'));
  zip.end();
  closeSync(zipFd);
  closeSync(tsvFd);
  return { filers, sk };
}

interface ChildResult {
  ms: number;
  maxRssMiB: number;
  rows: number;
  perQuarterMs: number[];
  queries?: Record<string, { coldMs: number; bestMs: number; rows: number }>;
}

const sorted = (dir: string, re: RegExp) =>
  readdirSync(dir)
    .filter((f) => re.test(f))
    .sort()
    .map((f) => path.join(dir, f));

async function child(mode: string, dir: string): Promise<void> {
  const per: number[] = [];
  let rows = 0;
  let queries: ChildResult['queries'];
  const t0 = performance.now();
  if (mode === 'baseline') {
    const file = path.join(dir, 'baseline.duckdb');
    const db = await DuckDb.open(file);
    const meta = realMeta().get('INFOTABLE')!;
    for (const [k, tsv] of sorted(dir, /^INFOTABLE-\d+\.tsv$/).entries()) {
      const t = performance.now();
      await db.run(
        k === 0
          ? `CREATE TABLE t AS SELECT * FROM ${readCsvSql(tsv, meta)}`
          : `INSERT INTO t SELECT * FROM ${readCsvSql(tsv, meta)}`,
      );
      per.push(performance.now() - t);
    }
    rows = (await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM t'))[0]!.n;
    await db.close();
    rmSync(file, { force: true });
  } else if (mode === 'import') {
    const file = path.join(dir, 'import.duckdb');
    const store = new Store(await DuckDb.open(file));
    await store.migrate();
    for (const zip of sorted(dir, /^q\d+\.zip$/)) {
      const t = performance.now();
      rows += (await importDataSetZip(store.db, zip)).rows;
      per.push(performance.now() - t);
    }
    const ms = performance.now() - t0;
    queries = await runQueries(store);
    await store.close();
    if (!KEEP) rmSync(file, { force: true });
    console.log(
      JSON.stringify({
        ms,
        maxRssMiB: process.resourceUsage().maxRSS / 1024,
        rows,
        perQuarterMs: per,
        queries,
      }),
    );
    return;
  } else {
    const store = await openStore(process.env.DATABASE_URL);
    await store.db.run('DELETE FROM sec_13f_positions');
    await store.db.run('DELETE FROM sec_13f_positions_state');
    await store.db.run('DELETE FROM sec_13f_rows');
    await store.db.run('DELETE FROM sec_13f_filings');
    for (const zip of sorted(dir, /^q\d+\.zip$/).slice(0, PG_QUARTERS)) {
      const t = performance.now();
      rows += (await importDataSetZip(store.db, zip)).rows;
      per.push(performance.now() - t);
    }
    await store.close();
  }
  const r: ChildResult = {
    ms: performance.now() - t0,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    rows,
    perQuarterMs: per,
  };
  console.log(JSON.stringify(r));
}

async function runQueries(store: Store): Promise<NonNullable<ChildResult['queries']>> {
  const last = periodOf(QUARTERS - 1);
  const asOf = addDays(last, 60);
  // filer 15 reports Renaissance's 3,611 rows every quarter (real filings in name order)
  const ren = realFilings().findIndex((f) => f.cik === 1037389);
  const cases: Array<[string, () => Promise<number>]> = [
    [
      'holders of SPY 78462F103, every quarter',
      async () => (await holdersOf(store.db, '78462F103', asOf)).holders.length,
    ],
    [
      `history of CIK ${cikOf(ren)} (3,611 rows a quarter)`,
      async () => (await filerHistory(store.db, cikOf(ren), asOf)).positions.length,
    ],
    [`top 20 puts of ${last}`, async () => (await topPuts(store.db, last, asOf, 20)).puts.length],
  ];
  const out: NonNullable<ChildResult['queries']> = {};
  for (const [name, fn] of cases) {
    let t = performance.now();
    const rows = await fn();
    const coldMs = performance.now() - t;
    let bestMs = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await fn();
      bestMs = Math.min(bestMs, performance.now() - t);
    }
    out[name] = { coldMs, bestMs, rows };
  }
  return out;
}

function runChild(mode: string, dir: string): ChildResult {
  const p = spawnSync(
    process.execPath,
    [...process.execArgv, new URL(import.meta.url).pathname, '--child', mode, dir],
    {
      encoding: 'utf8',
      env: process.env,
      maxBuffer: 1 << 24,
    },
  );
  if (p.status !== 0) throw new Error(`bench child ${mode} failed: ${p.stderr}`);
  return JSON.parse(p.stdout.trim().split('\n').pop()!) as ChildResult;
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4]!);
  process.exit(0);
}

const dir = process.env.BENCH_13F_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'tw-13f-scale-'));
const real = realFilings();
const g0 = performance.now();
let sk = 0;
let filers = 0;
if (!sorted(dir, /^q\d+\.zip$/).length) {
  for (let q = 0; q < QUARTERS; q++) {
    const r = generateQuarter(dir, q, real, sk);
    sk = r.sk;
    filers = r.filers;
    process.stderr.write(`generated quarter ${q + 1}/${QUARTERS}\r`);
  }
}
const genS = (performance.now() - g0) / 1000;
const zipBytes = sorted(dir, /^q\d+\.zip$/).reduce((s, f) => s + readFileSync(f).length, 0);
const b = runChild('baseline', dir);
const im = runChild('import', dir);
const pg = process.env.DATABASE_URL ? runChild('postgres', dir) : null;
if (!KEEP && !process.env.BENCH_13F_DIR) rmSync(dir, { recursive: true, force: true });

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const span = (xs: number[]) => `${s(Math.min(...xs))}–${s(Math.max(...xs))}`;
report(`13F data sets at scale: ${QUARTERS} quarters × ${ROWS.toLocaleString('en-US')} rows`, [
  [
    'generated (real rows, official columns)',
    `${sk ? `${filers.toLocaleString('en-US')} filers/quarter, ` : ''}${(zipBytes / 1024 ** 3).toFixed(2)} GiB of zips in ${genS.toFixed(0)} s`,
  ],
  ['INFOTABLE rows imported', im.rows.toLocaleString('en-US')],
  ['baseline: DuckDB read_csv of the TSVs into a table', `${s(b.ms)} (per quarter ${span(b.perQuarterMs)})`],
  ['import 13f-data-set of the zips (DuckDB file)', `${s(im.ms)} (per quarter ${span(im.perQuarterMs)})`],
  ['ratio import / read_csv', `${(im.ms / b.ms).toFixed(2)}× (aim ≤ 1.3×)`],
  [
    'peak RSS: baseline child / import child',
    `${b.maxRssMiB.toFixed(0)} MiB / ${im.maxRssMiB.toFixed(0)} MiB (aim < 2 GiB)`,
  ],
  ...Object.entries(im.queries ?? {}).map(
    ([k, v]) =>
      [
        `query: ${k}`,
        `${v.bestMs.toFixed(0)} ms best of 5, ${v.coldMs.toFixed(0)} ms cold; ${v.rows} rows (aim < 1 s)`,
      ] as [string, string],
  ),
  ...(pg
    ? ([
        [
          `PostgreSQL (COPY FROM STDIN), ${pg.perQuarterMs.length} quarters`,
          `${s(pg.ms)}; per quarter ${span(pg.perQuarterMs)}; ${pg.rows.toLocaleString('en-US')} rows; peak RSS ${pg.maxRssMiB.toFixed(0)} MiB`,
        ],
      ] as Array<[string, string]>)
    : [['PostgreSQL', 'skipped (set DATABASE_URL)'] as [string, string]]),
]);
