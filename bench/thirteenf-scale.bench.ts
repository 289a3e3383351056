/**
 * Every 13F quarter at once (run: npx tsx bench/thirteenf-scale.bench.ts).
 *
 *  1. Generates BENCH_13F_QUARTERS (default 40) quarterly Form 13F data-set zips of
 *     BENCH_13F_ROWS (default 3,000,000) INFOTABLE rows each, with the official columns, from the
 *     real rows of every 13F filing in ../shared/data/sec (Renaissance's 3,611 rows, Soros, Scion,
 *     Pershing, …): filer i of a quarter reports real filing i mod 26 (its rows, values, puts and
 *     value unit), under its own CIK and accession, so a filer has a history over the quarters.
 *     Files go to a temporary folder (BENCH_13F_DIR, default under os.tmpdir()), never the repo:
 *     only the zips stay (each TSV is written by DuckDB, deflated into its zip as a stream and
 *     deleted), 3.5 GB at 40 × 3M; zips already in BENCH_13F_DIR are reused.
 *     BENCH_13F_GENERATE_ONLY=1 stops after generating.
 *  2. Baseline: DuckDB read_csv of each zip's INFOTABLE.tsv (extracted just before, untimed, and
 *     deleted after) into one table of a DuckDB file. Import: `importDataSetZip` of the zips into
 *     a migrated DuckDB file store (streamed unzip, checks, unit rule, rows, the copy by CUSIP).
 *     Each in a fresh child process, so its peak RSS (maxRSS) is its own; one after the other, or
 *     at the same time with BENCH_13F_SIDE_BY_SIDE=1. Ratio = import / baseline, in wall-clock
 *     time and in CPU time (every thread: less disturbed by the machine's other users).
 *  3. The three queries on the imported store (best of 5 after one cold run): holders of SPY
 *     (78462F103) over every quarter, the full history of the largest filer (Renaissance's rows),
 *     the top 20 put notionals of the last quarter; wall and CPU time (every thread), and a
 *     digest of each answer (equal digests across two versions of the code: the same answers).
 *     BENCH_13F_STORE=file: only this step, on an existing store (e.g. a copy of one this bench
 *     kept with BENCH_13F_KEEP=1), each query in a fresh process that has just opened the store
 *     (cold, as a CLI call or a server's first request sees it), then best of 5.
 *  4. With DATABASE_URL: the same import into PostgreSQL (COPY FROM STDIN) for
 *     BENCH_13F_PG_QUARTERS (default 4) quarters, in a child process; time per quarter
 *     (BENCH_13F_PG_ONLY=1: this step alone).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw } from 'node:zlib';
import { addDays } from '../src/core/dates.js';
import { importDataSetZip, readCsvSql } from '../src/sources/sec/thirteenf/bulk.js';
import {
  dsDate,
  infoTableCells,
  META_PATH,
  realMeta,
} from '../src/sources/sec/thirteenf/data-set.testkit.js';
import { extractEntries } from '../src/sources/sec/thirteenf/data-set-zip.js';
import { parseThirteenF } from '../src/sources/sec/thirteenf/filing.js';
import { filerHistory, holdersOf, topPuts } from '../src/sources/sec/thirteenf/queries.js';
import type { ParsedThirteenF } from '../src/sources/sec/thirteenf/types.js';
import type { Db } from '../src/store/db.js';
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

/**
 * A zip written straight to disk (bench-only: the product never writes zips), in the plain
 * format yauzl and EDGAR's zips share: each entry is streamed from its file (or buffer) through
 * node:zlib's raw deflate at level 1 (~15× faster than a JS deflate) into the zip, and its local
 * header is written last at the place kept for it, once the CRC and sizes are known. Memory
 * stays a stream buffer whatever the size of the TSV (a 3M-row INFOTABLE is ~0.5 GB).
 */
async function writeZipFile(file: string, entries: Array<[string, string | Buffer]>): Promise<void> {
  const fd = openSync(file, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  try {
    for (const [name, src] of entries) {
      const nameBytes = Buffer.from(name, 'utf8');
      const at = offset;
      offset += 30 + nameBytes.length;
      let crc = 0;
      let size = 0;
      const count = new Transform({
        transform(chunk: Buffer, _e, cb) {
          crc = crc32(chunk, crc);
          size += chunk.length;
          cb(null, chunk);
        },
      });
      const out = new Writable({
        write(chunk: Buffer, _e, cb) {
          offset += writeSync(fd, chunk, 0, chunk.length, offset);
          cb();
        },
      });
      const input =
        typeof src === 'string' ? createReadStream(src, { highWaterMark: 1 << 20 }) : Readable.from([src]);
      await pipeline(input, count, createDeflateRaw({ level: 1 }), out);
      const packed = offset - at - 30 - nameBytes.length;
      if (size >= 2 ** 32 || offset >= 2 ** 32) throw new Error(`${name}: over 4 GiB needs ZIP64`);
      const head = Buffer.alloc(30);
      head.writeUInt32LE(0x04034b50, 0);
      head.writeUInt16LE(20, 4);
      head.writeUInt16LE(8, 8); // deflate
      head.writeUInt32LE(crc, 14);
      head.writeUInt32LE(packed, 18);
      head.writeUInt32LE(size, 22);
      head.writeUInt16LE(nameBytes.length, 26);
      writeSync(fd, Buffer.concat([head, nameBytes]), 0, 30 + nameBytes.length, at);
      const cd = Buffer.alloc(46);
      cd.writeUInt32LE(0x02014b50, 0);
      cd.writeUInt16LE(20, 4);
      cd.writeUInt16LE(20, 6);
      cd.writeUInt16LE(8, 10);
      cd.writeUInt32LE(crc, 16);
      cd.writeUInt32LE(packed, 20);
      cd.writeUInt32LE(size, 24);
      cd.writeUInt16LE(nameBytes.length, 28);
      cd.writeUInt32LE(at, 42);
      central.push(cd, nameBytes);
    }
    const cdBytes = Buffer.concat(central);
    writeSync(fd, cdBytes, 0, cdBytes.length, offset);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(cdBytes.length, 12);
    end.writeUInt32LE(offset, 16);
    writeSync(fd, end, 0, 22, offset + cdBytes.length);
  } finally {
    closeSync(fd);
  }
}

/** The real rows, one table in a scratch DuckDB: filing index f, row index k, the INFOTABLE cells. */
async function realRowsDb(real: ParsedThirteenF[]): Promise<DuckDb> {
  const db = await DuckDb.open(':memory:');
  const cols = realMeta()
    .get('INFOTABLE')!
    .columns.map((c) => c.name);
  await db.run(
    `CREATE TABLE real (f INTEGER, k INTEGER, ${cols
      .slice(2)
      .map((c) => `${c} VARCHAR`)
      .join(', ')})`,
  );
  const rows = real.flatMap((p, f) =>
    p.rows.map((r, k) => [
      f,
      k,
      ...infoTableCells('', 0, r)
        .slice(2)
        .map((v) => (v === '' ? null : v)),
    ]),
  );
  await db.insertMany('real', ['f', 'k', ...cols.slice(2)], rows);
  await db.run('CREATE TABLE sizes AS SELECT f, COUNT(*) AS n FROM real GROUP BY f');
  return db;
}

/**
 * One quarter, written by DuckDB: INFOTABLE.tsv kept on disk (for the baseline) and the zip of
 * the four tables + a table the import never reads + the metadata (for the import). Filer i
 * reports real filing i mod 26 under CIK 2,000,000 + i; INFOTABLE_SK runs on across quarters.
 */
async function generateQuarter(db: DuckDb, dir: string, q: number, nReal: number, skStart: number) {
  const meta = realMeta();
  const period = periodOf(q);
  const filed = addDays(period, 45);
  const tag = String(q).padStart(2, '0');
  const acc = (i: string) =>
    `lpad(CAST(${cikOf(0)} + ${i} AS VARCHAR), 10, '0') || '-${String(16 + Math.floor(q / 4)).padStart(2, '0')}-${String(q).padStart(6, '0')}'`;
  await db.run(`CREATE OR REPLACE TABLE filers AS
    WITH f AS (SELECT range AS i, range % ${nReal} AS f FROM range(0, ${ROWS}))
    SELECT * FROM (
      SELECT f.i, f.f, s.n, ${acc('f.i')} AS acc,
        ${skStart} + sum(s.n) OVER (ORDER BY f.i ROWS UNBOUNDED PRECEDING) - s.n AS sk0
      FROM f JOIN sizes s USING (f)) x
    WHERE sk0 - ${skStart} < ${ROWS}`);
  const cols = meta.get('INFOTABLE')!.columns.map((c) => c.name);
  const tsv = (sql: string, file: string) =>
    db.run(`COPY (${sql}) TO '${file}' (FORMAT csv, DELIMITER '	', HEADER true, QUOTE '', ESCAPE '')`);
  const info = path.join(dir, `INFOTABLE-${tag}.tsv`);
  await tsv(
    `SELECT x.acc AS ACCESSION_NUMBER, x.sk0 + r.k + 1 AS INFOTABLE_SK, ${cols
      .slice(2)
      .map((c) => `r.${c}`)
      .join(', ')} FROM filers x JOIN real r ON r.f = x.f ORDER BY x.i, r.k`,
    info,
  );
  const small = path.join(dir, `small-${tag}`);
  await tsv(
    `SELECT acc AS ACCESSION_NUMBER, '${dsDate(filed)}' AS FILING_DATE, '13F-HR' AS SUBMISSIONTYPE,
       ${cikOf(0)} + i AS CIK, '${dsDate(period)}' AS PERIODOFREPORT FROM filers ORDER BY i`,
    `${small}-SUBMISSION.tsv`,
  );
  const cover = meta.get('COVERPAGE')!.columns.map((c) => {
    const v: Record<string, string> = {
      ACCESSION_NUMBER: 'acc',
      REPORTCALENDARORQUARTER: `'${dsDate(period)}'`,
      ISAMENDMENT: "'N'",
      FILINGMANAGER_NAME: "'BENCH FILER #' || i",
      REPORTTYPE: "'13F HOLDINGS REPORT'",
    };
    return `${v[c.name] ?? 'NULL'} AS ${c.name}`;
  });
  await tsv(`SELECT ${cover.join(', ')} FROM filers ORDER BY i`, `${small}-COVERPAGE.tsv`);
  await tsv(
    `SELECT acc AS ACCESSION_NUMBER, 0 AS OTHERINCLUDEDMANAGERSCOUNT, n AS TABLEENTRYTOTAL, 0 AS TABLEVALUETOTAL,
       'N' AS ISCONFIDENTIALOMITTED FROM filers ORDER BY i`,
    `${small}-SUMMARYPAGE.tsv`,
  );
  const head = (t: string) =>
    `${meta
      .get(t)!
      .columns.map((c) => c.name)
      .join('\t')}\n`;
  await writeZipFile(path.join(dir, `q${tag}.zip`), [
    ['INFOTABLE.tsv', info],
    ...(['SUBMISSION', 'COVERPAGE', 'SUMMARYPAGE'] as const).map(
      (t) => [`${t}.tsv`, `${small}-${t}.tsv`] as [string, string],
    ),
    ['SIGNATURE.tsv', Buffer.from(head('SIGNATURE'))], // a table the import never reads
    ['FORM13F_metadata.json', META_PATH()],
  ]);
  // Only the zips stay on disk (40 × 3M rows of TSV would be ~18 GB): the baseline extracts each
  // INFOTABLE.tsv again, untimed, just before its read_csv.
  for (const t of ['SUBMISSION', 'COVERPAGE', 'SUMMARYPAGE']) rmSync(`${small}-${t}.tsv`);
  rmSync(info);
  const r = await db.all<{ filers: number; sk: number }>(
    'SELECT COUNT(*) AS filers, max(sk0 + n) AS sk FROM filers',
  );
  return r[0]!;
}

interface ChildResult {
  ms: number;
  maxRssMiB: number;
  rows: number;
  perQuarterMs: number[];
  /** Milliseconds per import phase, summed over quarters (extract, check, write, copy). */
  phases?: Record<string, number>;
  queries?: Record<
    string,
    { coldMs: number; bestMs: number; coldCpuMs: number; bestCpuMs: number; rows: number; sha256: string }
  >;
  /** CPU seconds of the child (every thread): a ratio the other users of the machine disturb less. */
  cpuS?: number;
  /** Size of the DuckDB file written (the baseline's table or the import's store). */
  storeGiB?: number;
}

const sorted = (dir: string, re: RegExp) =>
  readdirSync(dir)
    .filter((f) => re.test(f))
    .sort()
    .map((f) => path.join(dir, f));

async function child(mode: string, dir: string, arg?: string): Promise<void> {
  if (mode === 'queries') {
    const db = await DuckDb.open(dir);
    const queries = await runQueries(db, Number(arg));
    await db.close();
    console.log(JSON.stringify({ queries }));
    return;
  }
  const per: number[] = [];
  const phases: Record<string, number> = {};
  let rows = 0;
  let storeBytes = 0;
  // the baseline's time and CPU are its read_csv statements only (not the untimed extraction)
  let baselineCpuS = 0;
  let queries: ChildResult['queries'];
  const t0 = performance.now();
  if (mode === 'baseline') {
    const file = path.join(dir, 'baseline.duckdb');
    const db = await DuckDb.open(file);
    const meta = realMeta().get('INFOTABLE')!;
    const tmp = mkdtempSync(path.join(dir, 'extract-'));
    for (const [k, zip] of sorted(dir, /^q\d+\.zip$/).entries()) {
      // extracted outside the timing: the baseline is read_csv of a TSV already on disk
      const tsv = (await extractEntries(zip, ['INFOTABLE.tsv'], tmp)).files.get('INFOTABLE.tsv')!;
      const t = performance.now();
      const c = process.cpuUsage();
      await db.run(
        k === 0
          ? `CREATE TABLE t AS SELECT * FROM ${readCsvSql(tsv, meta)}`
          : `INSERT INTO t SELECT * FROM ${readCsvSql(tsv, meta)}`,
      );
      per.push(performance.now() - t);
      const d = process.cpuUsage(c);
      baselineCpuS += (d.user + d.system) / 1e6;
      rmSync(tsv);
    }
    rmSync(tmp, { recursive: true, force: true });
    storeBytes = statSync(file).size;
    rows = (await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM t'))[0]!.n;
    await db.close();
    rmSync(file, { force: true });
  } else if (mode === 'import') {
    const file = path.join(dir, 'import.duckdb');
    const store = new Store(await DuckDb.open(file));
    await store.migrate();
    for (const zip of sorted(dir, /^q\d+\.zip$/)) {
      const t = performance.now();
      rows += (
        await importDataSetZip(store.db, zip, { onPhase: (p, ms) => (phases[p] = (phases[p] ?? 0) + ms) })
      ).rows;
      per.push(performance.now() - t);
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage();
    storeBytes = statSync(file).size;
    queries = await runQueries(store.db);
    await store.close();
    if (!KEEP) rmSync(file, { force: true });
    console.log(
      JSON.stringify({
        ms,
        maxRssMiB: process.resourceUsage().maxRSS / 1024,
        rows,
        perQuarterMs: per,
        phases,
        queries,
        storeGiB: storeBytes / 1024 ** 3,
        cpuS: (cpu.user + cpu.system) / 1e6,
      }),
    );
    return;
  } else {
    const store = await openStore(process.env.DATABASE_URL);
    await store.db.run('DELETE FROM sec_13f_rows_by_cusip');
    await store.db.run('DELETE FROM sec_13f_rows_by_cusip_state');
    await store.db.run('DELETE FROM sec_13f_rows');
    await store.db.run('DELETE FROM sec_13f_filings');
    for (const zip of sorted(dir, /^q\d+\.zip$/).slice(0, PG_QUARTERS)) {
      const t = performance.now();
      rows += (
        await importDataSetZip(store.db, zip, { onPhase: (p, ms) => (phases[p] = (phases[p] ?? 0) + ms) })
      ).rows;
      per.push(performance.now() - t);
    }
    await store.close();
  }
  const r: ChildResult = {
    phases,
    ms: mode === 'baseline' ? per.reduce((a, b) => a + b, 0) : performance.now() - t0,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    rows,
    perQuarterMs: per,
    storeGiB: storeBytes / 1024 ** 3,
    cpuS: mode === 'baseline' ? baselineCpuS : (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  };
  console.log(JSON.stringify(r));
}

/** The benchmarked queries: name, and a function giving the answer (compared by its digest). */
function queryCases(db: Db): Array<[string, () => Promise<{ rows: number; answer: unknown }>]> {
  const last = periodOf(QUARTERS - 1);
  const asOf = addDays(last, 60);
  // the filer that reports Renaissance's 3,611 rows every quarter (real filings in name order)
  const ren = cikOf(realFilings().findIndex((f) => f.cik === 1037389));
  return [
    [
      'holders of SPY 78462F103, every quarter',
      async () => {
        const a = await holdersOf(db, '78462F103', asOf);
        return { rows: a.holders.length, answer: a };
      },
    ],
    [
      `history of CIK ${ren} (3,611 rows a quarter), quarter totals`,
      async () => {
        const a = await filerHistory(db, ren, asOf, { positions: false });
        return { rows: a.quarters.length, answer: a };
      },
    ],
    [
      `history of CIK ${ren} with every position`,
      async () => {
        const a = await filerHistory(db, ren, asOf);
        return { rows: a.positions.length, answer: a };
      },
    ],
    [
      `top 20 puts of ${last}`,
      async () => {
        const a = await topPuts(db, last, asOf, 20);
        return { rows: a.puts.length, answer: a };
      },
    ],
  ];
}

type QueryFigures = NonNullable<ChildResult['queries']>;

/**
 * Each query once (cold: the first query of `db` in this process when `fresh`), then best of 5.
 * `only` picks one case by index. The answer's SHA-256 lets two runs (two versions of the code)
 * show they give the same answer.
 */
async function runQueries(db: Db, only?: number): Promise<QueryFigures> {
  const out: QueryFigures = {};
  for (const [k, [name, fn]] of queryCases(db).entries()) {
    if (only !== undefined && k !== only) continue;
    // CPU time of the process (every thread, DuckDB's too): less disturbed by other users
    const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
    let t = performance.now();
    let c = process.cpuUsage();
    const { rows, answer } = await fn();
    const coldMs = performance.now() - t;
    const coldCpuMs = cpuMs(process.cpuUsage(c));
    let bestMs = Number.POSITIVE_INFINITY;
    let bestCpuMs = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      c = process.cpuUsage();
      await fn();
      bestMs = Math.min(bestMs, performance.now() - t);
      bestCpuMs = Math.min(bestCpuMs, cpuMs(process.cpuUsage(c)));
    }
    const sha256 = createHash('sha256').update(JSON.stringify(answer)).digest('hex').slice(0, 16);
    out[name] = { coldMs, bestMs, coldCpuMs, bestCpuMs, rows, sha256 };
  }
  return out;
}

/**
 * BENCH_13F_STORE=file: the queries alone on an existing store (no generation, no import). Each
 * query runs in its own fresh child process that opens the store and runs it first (cold: what
 * a CLI call or a server's first request sees), then best of 5. The store is opened as it is
 * (no migration), and a query that finds the copy by CUSIP out of date would write to it: use a
 * copy of a store you keep.
 */
async function queriesOnStore(file: string): Promise<void> {
  const figures: QueryFigures = {};
  const n = queryCases(null as unknown as Db).length;
  for (let k = 0; k < n; k++) Object.assign(figures, runChild('queries', file, String(k)).queries);
  report(`13F queries on ${file}`, [
    ...Object.entries(figures).map(
      ([k, v]) =>
        [
          `query: ${k}`,
          `${v.bestMs.toFixed(0)} ms best of 5, ${v.coldMs.toFixed(0)} ms cold (fresh process); CPU ${v.bestCpuMs.toFixed(0)} / ${v.coldCpuMs.toFixed(0)} ms; ${v.rows} rows; answer ${v.sha256} (aim < 1 s)`,
        ] as [string, string],
    ),
    [
      'load average at the end',
      os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' '),
    ],
  ]);
}

function runChild(mode: string, dir: string, ...args: string[]): ChildResult {
  const p = spawnSync(
    process.execPath,
    [...process.execArgv, new URL(import.meta.url).pathname, '--child', mode, dir, ...args],
    {
      encoding: 'utf8',
      env: process.env,
      maxBuffer: 1 << 24,
    },
  );
  if (p.status !== 0) throw new Error(`bench child ${mode} failed: ${p.stderr}`);
  return JSON.parse(p.stdout.trim().split('\n').pop()!) as ChildResult;
}

/** runChild without blocking: for BENCH_13F_SIDE_BY_SIDE, the baseline and the import at once. */
function runChildAsync(mode: string, dir: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [...process.execArgv, new URL(import.meta.url).pathname, '--child', mode, dir],
      {
        env: process.env,
      },
    );
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildResult)
        : reject(new Error(`bench child ${mode} failed: ${err}`)),
    );
  });
}

function reportDuckDb(b: ChildResult, im: ChildResult): void {
  report(`13F data sets at scale: ${QUARTERS} quarters × ${ROWS.toLocaleString('en-US')} rows`, [
    [
      'generated (real rows, official columns)',
      `${sk ? `${filers.toLocaleString('en-US')} filers/quarter, ` : ''}${(zipBytes / 1024 ** 3).toFixed(2)} GiB of zips in ${genS.toFixed(0)} s`,
    ],
    ['INFOTABLE rows imported', im.rows.toLocaleString('en-US')],
    [
      'baseline: DuckDB read_csv of the TSVs into a table',
      `${s(b.ms)} (per quarter ${span(b.perQuarterMs)})`,
    ],
    ['import 13f-data-set of the zips (DuckDB file)', `${s(im.ms)} (per quarter ${span(im.perQuarterMs)})`],
    ['ratio import / read_csv', `${(im.ms / b.ms).toFixed(2)}× (aim ≤ 1.3×)`],
    [
      'CPU time: baseline / import (all threads)',
      `${(b.cpuS ?? 0).toFixed(0)} s / ${(im.cpuS ?? 0).toFixed(0)} s (${((im.cpuS ?? 0) / (b.cpuS ?? 1)).toFixed(2)}×); load average at the end ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    ],
    ...Object.entries(im.phases ?? {}).map(
      ([k, v]) => [`  of which ${k}`, `${s(v)} (${(v / b.ms).toFixed(2)}× read_csv)`] as [string, string],
    ),
    [
      'DuckDB file: baseline table / import store',
      `${(b.storeGiB ?? 0).toFixed(2)} GiB / ${(im.storeGiB ?? 0).toFixed(2)} GiB`,
    ],
    [
      'peak RSS: baseline child / import child',
      `${b.maxRssMiB.toFixed(0)} MiB / ${im.maxRssMiB.toFixed(0)} MiB (aim < 2 GiB)`,
    ],
    ...Object.entries(im.queries ?? {}).map(
      ([k, v]) =>
        [
          `query: ${k}`,
          `${v.bestMs.toFixed(0)} ms best of 5, ${v.coldMs.toFixed(0)} ms cold (after the import); CPU ${v.bestCpuMs.toFixed(0)} / ${v.coldCpuMs.toFixed(0)} ms; ${v.rows} rows; answer ${v.sha256} (aim < 1 s)`,
        ] as [string, string],
    ),
  ]);
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4]!, process.argv[5]);
  process.exit(0);
}
if (process.env.BENCH_13F_STORE) {
  await queriesOnStore(process.env.BENCH_13F_STORE);
  process.exit(0);
}

const dir = process.env.BENCH_13F_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'tw-13f-scale-'));
const real = realFilings();
const g0 = performance.now();
let sk = 0;
let filers = 0;
if (!sorted(dir, /^q\d+\.zip$/).length) {
  const gen = await realRowsDb(real);
  for (let q = 0; q < QUARTERS; q++) {
    const r = await generateQuarter(gen, dir, q, real.length, sk);
    sk = r.sk;
    filers = r.filers;
    process.stderr.write(`generated quarter ${q + 1}/${QUARTERS}\r`);
  }
  await gen.close();
}
const genS = (performance.now() - g0) / 1000;
if (process.env.BENCH_13F_GENERATE_ONLY === '1') {
  console.log(`generated ${QUARTERS} quarters in ${dir} in ${genS.toFixed(0)} s`);
  process.exit(0);
}
const zipBytes = sorted(dir, /^q\d+\.zip$/).reduce((s, f) => s + statSync(f).size, 0);
// BENCH_13F_PG_ONLY=1: only the PostgreSQL import (the DuckDB figures come from another run)
const pgOnly = process.env.BENCH_13F_PG_ONLY === '1';
// BENCH_13F_SIDE_BY_SIDE=1: baseline and import run at the same time (half the wall time at 40 ×
// 3M on a busy machine; both then see the same load, each still in its own process for its RSS).
const [b, im] = pgOnly
  ? [null, null]
  : process.env.BENCH_13F_SIDE_BY_SIDE === '1'
    ? await Promise.all([runChildAsync('baseline', dir), runChildAsync('import', dir)])
    : [runChild('baseline', dir), runChild('import', dir)];
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const span = (xs: number[]) => `${s(Math.min(...xs))}–${s(Math.max(...xs))}`;
if (b && im) {
  reportDuckDb(b, im);
  console.error(JSON.stringify({ baseline: b, import: im }));
}
// PostgreSQL last, reported on its own: a failure there does not lose the DuckDB figures above
const pg = process.env.DATABASE_URL ? runChild('postgres', dir) : null;
report('13F data sets into PostgreSQL', [
  pg
    ? [
        `import through COPY FROM STDIN, ${pg.perQuarterMs.length} quarters`,
        `${s(pg.ms)}; per quarter ${span(pg.perQuarterMs)}; ${pg.rows.toLocaleString('en-US')} rows; peak RSS ${pg.maxRssMiB.toFixed(0)} MiB`,
      ]
    : ['PostgreSQL', 'skipped (set DATABASE_URL)'],
  ...(pg?.phases
    ? Object.entries(pg.phases).map(
        ([k, v]) =>
          [
            `  of which ${k}${k === 'copy' ? ' (COPY FROM STDIN, one transaction per quarter)' : ''}`,
            s(v),
          ] as [string, string],
      )
    : []),
]);

if (!KEEP && !process.env.BENCH_13F_DIR) rmSync(dir, { recursive: true, force: true });
