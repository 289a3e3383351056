/**
 * Importers at several input sizes (run: npx tsx bench/import-scale.bench.ts; BENCH_BIG=1 adds a
 * ~200 MB input of each kind that has one: a NY Fed JSON, an auctions export, a folder of 500
 * FRED series and one of 270 price files; BENCH_BIG=only runs only the largest input of each
 * kind, BENCH_ONLY=nyfed,… picks kinds; `--generate KIND N [FILES]` writes one input and prints
 * its path). Inputs are generated from the real files in ../shared/data (their rows repeated with
 * shifted dates or new keys); a FRED or prices input past one file's plausible size is a folder
 * of files imported in one command. Each import runs in its own child process into a fresh
 * DuckDB file, and the child reports:
 *  - records/s at each size: linear importers keep the same rate as the input grows (the NY Fed
 *    import used to be quadratic: 25k/50k/100k records in 4.8/16.5/65.7 s);
 *  - peak RSS above the child's own baseline (runtime, DuckDB, modules loaded) divided by the
 *    input size (aim ≤ 2×), and, through the two largest inputs, the part that does not grow
 *    with the input (fixed) and the part that does (per input byte).
 * The ratios are against a baseline measured in the same run, so a busy machine shifts the
 * absolute numbers, not the comparison. BENCH_PHASES=1 (Treasury kinds: debt, auctions) splits
 * the peak between the parse (the file transform) and the write, with V8's heap spaces and
 * DuckDB's own memory (duckdb_memory()) at each point: Linux only (the peak is reset through
 * /proc/self/clear_refs). BENCH_CLI=1 also runs each input as a user does, through the built CLI
 * (`tidewatch import <kind> FILE… --db <fresh file>`), and reports that process's peak RSS less
 * the same command's on a 10-record input of the kind, over the input size: the child's baseline
 * comes after tsx has compiled the importer, which leaves V8's young generation grown, while
 * the CLI starts from its bundle. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays } from '../src/core/dates.js';
import { SHARED_DATA } from '../test/shared-data.js';
import { report } from './util.js';

type Kind = 'fred' | 'nyfed' | 'auctions' | 'debt' | 'prices';
const real = (...p: string[]) => readFileSync(path.join(SHARED_DATA, ...p), 'utf8');
/** The generated inputs' folder, made on first use (a child process never makes one). */
let scratch: string | undefined;
const inputs = () => (scratch ??= mkdtempSync(path.join(tmpdir(), 'tw-scale-')));

/**
 * Generate an input of about `n` records; returns the file and the record count. With `files`,
 * a folder of that many files of `n` records each, imported in one command (FRED and prices: a
 * file holds one series or one ticker, so a large input is many files).
 */
function generate(kind: Kind, n: number, files?: number): { file: string; records: number } {
  if (files !== undefined) {
    const folder = path.join(inputs(), `${kind}-${files}x${n}`);
    mkdirSync(folder, { recursive: true });
    const one = generate(kind, n).file;
    const text = readFileSync(one, 'utf8');
    for (let k = 0; k < files; k++) {
      const name = `X${String(k).padStart(4, '0')}`;
      // FRED: the series id is the header's second column; prices: the ticker is the file name.
      if (kind === 'fred')
        writeFileSync(path.join(folder, `${name}.csv`), text.replace('DFFX', `DFFX${name}`));
      else writeFileSync(path.join(folder, `${name}.csv`), text);
    }
    return { file: folder, records: n * files };
  }
  const file = path.join(inputs(), `${kind}-${n}`);
  if (kind === 'fred') {
    // A generic id (plausible from 1600 on) with DFF's real values cycled over consecutive
    // weekdays (a business-day series with weekend values is refused as derived: derived.ts).
    const values = real('fred', 'DFF.csv')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[1]);
    const out = ['observation_date,DFFX'];
    let d = '1600-01-03';
    for (let i = 0; i < n; i++, d = addDays(d, 1)) {
      while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = addDays(d, 1);
      out.push(`${d},${values[i % values.length]}`);
    }
    writeFileSync(`${file}.csv`, `${out.join('\n')}\n`);
    return { file: `${file}.csv`, records: n };
  }
  if (kind === 'nyfed') {
    // The real 2025-10-31 SOFR publication under 20 rate names (more for a large input, so that
    // no day passes 2014), over consecutive days from 1960.
    const rec = JSON.parse(real('nyfed', 'sofr-read-endpoint-snapshots', 'sofr_2025-10-31.json'))[0];
    const types = Math.max(20, Math.ceil(n / 20_000));
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const t = `R${String(i % types).padStart(3, '0')}`;
      parts.push(
        JSON.stringify({ ...rec, refRateType: t, refRateDt: addDays('1960-01-01', Math.floor(i / types)) }),
      );
    }
    writeFileSync(`${file}.json`, `[\n${parts.join(',\n')}\n]\n`);
    return { file: `${file}.json`, records: n };
  }
  if (kind === 'auctions') {
    // The real TreasuryDirect rows under new CUSIPs.
    const [header, ...rows] = real('treasury', 'auctions_treasurydirect_2025-2026.csv').trim().split('\r\n');
    const out = [header!];
    for (let i = 0; i < n; i++) {
      const cells = rows[i % rows.length]!.split(';');
      cells[0] = `9${i.toString(36).toUpperCase().padStart(8, '0')}`;
      out.push(cells.join(';'));
    }
    writeFileSync(`${file}.csv`, `${out.join('\r\n')}\r\n`);
    return { file: `${file}.csv`, records: n };
  }
  if (kind === 'debt') {
    // The real DTS public debt transaction rows, days moved back in blocks of five years.
    const [header, ...rows] = real('treasury', 'DTS_PubDebtTrans_20210624_20260623.csv').trim().split('\r\n');
    const out = [header!];
    for (let i = 0; i < n; i++) {
      const block = Math.floor(i / rows.length);
      const cells = rows[i % rows.length]!.split(',');
      cells[0] = addDays(cells[0]!, -block * 1827);
      out.push(cells.join(','));
    }
    writeFileSync(`${file}.csv`, `${out.join('\r\n')}\r\n`);
    return { file: `${file}.csv`, records: n };
  }
  // prices: SPY's real bars put on consecutive days ending 2026-02-23, walking back and forth
  // through the history so that neighbouring bars stay neighbours (no ×28 jump at a seam).
  const [header, ...rows] = real('prices', 'yf-autoadj-ohlcv', 'SPY.csv').trim().split('\r\n');
  const out: string[] = [];
  let d = '2026-02-23';
  for (let i = 0; i < n; i++, d = addDays(d, -1)) {
    const k = i % (2 * rows.length);
    const cells = rows[k < rows.length ? rows.length - 1 - k : k - rows.length]!.split(',');
    cells[0] = d;
    out.push(cells.join(','));
  }
  const name = path.join(inputs(), `prices-${n}`, 'SPY.csv');
  spawnSync('mkdir', ['-p', path.dirname(name)]);
  writeFileSync(name, `${header}\r\n${out.reverse().join('\r\n')}\r\n`);
  return { file: name, records: n };
}

/** An input's files: the file itself, or a folder's files in name order (as `import fred DIR/*`). */
const filesOf = (input: string) =>
  statSync(input).isDirectory()
    ? readdirSync(input)
        .sort()
        .map((f) => path.join(input, f))
    : [input];

async function child(kind: Kind, file: string): Promise<void> {
  const { openStore } = await import('../src/store/store.js');
  const storeDir = mkdtempSync(path.join(tmpdir(), 'tw-scale-db-'));
  const store = await openStore(path.join(storeDir, 'tw.duckdb'));
  const opts = { runId: null, today: '2026-11-29' };
  // The importer's modules are loaded here, before the baseline: loading them (and tsx compiling
  // them) used to be counted as the import's memory (~60 MB, most of a small file's figure).
  const fred = await import('../src/update/import/fred.js');
  const nyfed = await import('../src/update/import/nyfed.js');
  const treasury = await import('../src/update/import/treasury.js');
  const prices = await import('../src/update/import/prices.js');
  // A folder is imported in one command.
  const files = filesOf(file);
  const run = async () => {
    if (kind === 'fred') return fred.importFredFiles(store, files, opts);
    if (kind === 'nyfed') return nyfed.importNyfedFiles(store, [file], opts);
    if (kind === 'auctions' || kind === 'debt') return treasury.importTreasuryFiles(store, files, opts);
    return prices.importPriceFiles(store, files, { today: opts.today });
  };
  const phases = process.env.BENCH_PHASES === '1' ? await phaseProbe(store) : null;
  // Modules and the store are loaded before the baseline is taken.
  global.gc?.();
  const base = process.memoryUsage().rss;
  phases?.start(base);
  const t0 = performance.now();
  const out = await run();
  const ms = performance.now() - t0;
  await phases?.end();
  const failed = out.filter((s) => s.status === 'failed');
  process.stdout.write(
    `${JSON.stringify({ ms, base, peak: process.resourceUsage().maxRSS * 1024, failed: failed.map((f) => `${f.series}: ${f.reason}`) })}\n`,
  );
  await store.close();
  rmSync(storeDir, { recursive: true, force: true });
}

/**
 * BENCH_PHASES=1: where the peak is. The Treasury file transform is wrapped so that the peak RSS
 * (VmHWM, reset before each phase) is read after the parse and after the write, with V8's heap
 * spaces (size/used MB) and DuckDB's memory by tag, printed to stderr.
 */
async function phaseProbe(store: { db: { all<T>(sql: string): Promise<T[]> } }) {
  const { getHeapSpaceStatistics } = await import('node:v8');
  const { treasurySource } = await import('../src/sources/treasury/source.js');
  const mb = (b: number) => (b / 1e6).toFixed(1);
  const peak = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;
  const resetPeak = () => writeFileSync('/proc/self/clear_refs', '5');
  let base = 0;
  const show = async (phase: string) => {
    const heap = getHeapSpaceStatistics()
      .filter((h) => h.space_size > 0)
      .map((h) => `${h.space_name.replace(/_space$/, '')} ${mb(h.space_size)}/${mb(h.space_used_size)}`);
    const duck = await store.db.all<{ tag: string; memory_usage_bytes: number }>(
      'SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0',
    );
    process.stderr.write(
      `${phase}: peak +${mb(peak() - base)} MB over the baseline; V8 ${heap.join(', ')}; DuckDB ${duck
        .map((d) => `${d.tag} ${mb(Number(d.memory_usage_bytes))}`)
        .join(', ')}\n`,
    );
  };
  const stream = treasurySource.files!.stream!;
  const transform = stream.transform.bind(stream);
  stream.transform = async (...a) => {
    const t = await transform(...a);
    await show('parse (file transform)');
    resetPeak();
    return t;
  };
  return {
    start(rss: number) {
      base = rss;
      resetPeak();
    },
    end: () => show('write (series, one transaction)'),
  };
}

/** The `tidewatch import` command of each kind. */
const CLI_COMMAND: Record<Kind, string> = {
  fred: 'fred',
  nyfed: 'nyfed',
  auctions: 'treasury',
  debt: 'treasury',
  prices: 'prices',
};
const BIN = fileURLToPath(new URL('../bin/tidewatch.js', import.meta.url));
/** Loaded before the CLI: prints the process's peak RSS (KiB) when it exits. */
const PRINT_PEAK =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("peak-rss "+process.resourceUsage().maxRSS+"\\n"))';

/** BENCH_CLI=1: the peak RSS (MB) of `tidewatch import` on `input` (a file or a folder of files) into a fresh store. */
function cliPeakMb(kind: Kind, input: string): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-scale-cli-'));
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      PRINT_PEAK,
      BIN,
      'import',
      CLI_COMMAND[kind],
      ...filesOf(input),
      '--db',
      path.join(dir, 'tw.duckdb'),
    ],
    { encoding: 'utf8', maxBuffer: 1e8 },
  );
  rmSync(dir, { recursive: true, force: true });
  const peak = /peak-rss (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !peak)
    throw new Error(`tidewatch import ${kind} failed: ${(r.stderr || r.stdout).slice(-300)}`);
  return (Number(peak[1]) * 1024) / 1e6;
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(args[1] as Kind, args[2]!);
} else if (args[0] === '--generate') {
  // `--generate KIND N [FILES]`: write one input (a folder of FILES files) and print its path.
  const files = args[3] === undefined ? undefined : Number(args[3]);
  process.stdout.write(`${generate(args[1] as Kind, Number(args[2]), files).file}\n`);
} else {
  // BENCH_BIG=1 adds the large inputs; BENCH_BIG=only runs the largest size of each kind alone.
  const big = process.env.BENCH_BIG === '1' || process.env.BENCH_BIG === 'only';
  const bigOnly = process.env.BENCH_BIG === 'only';
  /** An input: `n` records in one file, or `[n, files]`: a folder of that many files of n records. */
  type Size = number | [n: number, files: number];
  const plan: Array<[Kind, Size[]]> = [
    ['nyfed', [25_000, 50_000, 100_000, ...(big ? [870_000] : [])]],
    ['auctions', [10_000, 20_000, 40_000, ...(big ? [300_000] : [])]],
    // Five years of real DTS rows moved back in blocks: 200k rows reach 1990, the first day the
    // series can have, so no 200 MB debt file is plausible (1.6M rows were refused at 1754).
    ['debt', [50_000, 100_000, 200_000]],
    // One series cannot have more weekdays than the calendar holds (1600 → today ≈ 111k), and a
    // FRED file holds one series: a large input is a folder of series, each the size of DFF's
    // history (26k days, 0.45 MB); the peak must not grow with the number of files.
    ['fred', [30_000, 60_000, 110_000, [26_000, 20], [26_000, 40], ...(big ? [[26_000, 500] as Size] : [])]],
    // One price file: one bar a day from 1800 on at most; a large input is a folder of tickers,
    // each SPY's history (8.3k bars, 0.6 MB).
    ['prices', [20_000, 40_000, 80_000, [8_300, 40], [8_300, 80], ...(big ? [[8_300, 270] as Size] : [])]],
  ];
  const self = fileURLToPath(import.meta.url);
  const only = process.env.BENCH_ONLY?.split(',');
  const cli = process.env.BENCH_CLI === '1';
  // The CLI compiles itself when its build is older than the code: done here, not in a measured run.
  if (cli) spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
  for (const [kind, sizes] of plan.filter(([k]) => !only || only.includes(k))) {
    const rows: Array<[string, string]> = [];
    const cliBase = cli ? cliPeakMb(kind, generate(kind, 10).file) : 0;
    const rates: number[] = [];
    /** [input MB, peak MB above baseline] of each run, for the fixed and per-byte parts. */
    const points: Array<[number, number]> = [];
    for (const size of bigOnly ? sizes.slice(-1) : sizes) {
      const [n, files] = typeof size === 'number' ? [size, undefined] : size;
      const g = generate(kind, n, files);
      const mb = filesOf(g.file).reduce((a, f) => a + statSync(f).size, 0) / 1e6;
      const r = spawnSync(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', self, '--child', kind, g.file],
        { encoding: 'utf8', maxBuffer: 1e8 },
      );
      const line = r.stdout.trim().split('\n').at(-1) ?? '';
      const label = `${files === undefined ? '' : `${files} files × `}${n.toLocaleString('en-US')} records, ${mb.toFixed(1)} MB`;
      let m: { ms: number; base: number; peak: number; failed: string[] };
      try {
        m = JSON.parse(line);
      } catch {
        rows.push([label, `child failed: ${(r.stderr || r.stdout).slice(-300)}`]);
        continue;
      }
      const rate = g.records / (m.ms / 1000);
      rates.push(rate);
      points.push([mb, (m.peak - m.base) / 1e6]);
      rows.push([
        label,
        `${(m.ms / 1000).toFixed(2)} s, ${Math.round(rate).toLocaleString('en-US')} records/s, peak RSS +${((m.peak - m.base) / 1e6).toFixed(0)} MB = ${((m.peak - m.base) / 1e6 / mb).toFixed(2)}× the input${m.failed.length ? `; FAILED ${m.failed.length}: ${m.failed[0]}` : ''}`,
      ]);
      if (cli) {
        const extra = cliPeakMb(kind, g.file) - cliBase;
        rows.push([
          '  through the CLI',
          `peak RSS +${extra.toFixed(0)} MB over a 10-record input's (${cliBase.toFixed(0)} MB) = ${(extra / mb).toFixed(2)}× the input`,
        ]);
      }
      if (process.env.BENCH_PHASES === '1')
        for (const p of r.stderr.split('\n').filter((l) => /^(parse|write) \(/.test(l)))
          rows.push([`  ${p.slice(0, p.indexOf(':'))}`, p.slice(p.indexOf(':') + 2)]);
    }
    if (rates.length > 1)
      rows.push([
        'records/s, largest ÷ smallest input (linear ≈ 1)',
        `${(rates.at(-1)! / rates[0]!).toFixed(2)}×`,
      ]);
    if (points.length > 1) {
      // A line through the two largest inputs: its slope is what each input byte costs, its
      // value at 0 what the import costs whatever the input (runtime heap, DuckDB's first writes).
      const [[x1, y1], [x2, y2]] = points.slice(-2) as [[number, number], [number, number]];
      const perByte = (y2 - y1) / (x2 - x1);
      rows.push([
        'peak RSS, the two largest inputs: fixed + per input byte',
        `${(y2 - perByte * x2).toFixed(0)} MB + ${perByte.toFixed(2)}× the input`,
      ]);
    }
    report(`import ${kind}`, rows);
  }
  // The generated inputs go with the run (`--generate` keeps its file: it is the output).
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
