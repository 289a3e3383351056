/**
 * Issue 6 benchmarks (run: npx tsx bench/thirteenf.bench.ts):
 *  1. parse of the 3,611-row Renaissance 13F full submission (aim < 100 ms);
 *  2. import of a full quarter of Form 13F data sets (~3 million INFOTABLE rows, generated from
 *     the real Renaissance rows with the official columns) through the real import path, versus a
 *     bare DuckDB read_csv of the same file in the same run (aim ≤ 1.5×), and peak RSS (< 1 GiB).
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importBulkFolder, parseBulkMetadata, readCsvSql } from '../src/sources/sec/thirteenf/bulk.js';
import { parseThirteenF } from '../src/sources/sec/thirteenf/filing.js';
import { normaliseFiling } from '../src/sources/sec/thirteenf/normalise.js';
import { DuckDb } from '../src/store/duckdb.js';
import { Store } from '../src/store/store.js';
import { dataFile } from '../test/shared-data.js';
import { bestOf, report } from './util.js';

const ROWS = Number(process.env.BENCH_13F_ROWS ?? 3_000_000);
const renText = readFileSync(
  dataFile('sec', '13f', 'renaissance_13F-HR_20230930_0001037389-23-000124.txt'),
  'utf8',
);

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

const parse = await bestOf(5, async () => normaliseFiling(parseThirteenF(renText, { source: 'ren' })));
const cold = performance.now();
normaliseFiling(parseThirteenF(renText, { source: 'ren' }));
const coldMs = performance.now() - cold;

const meta = parseBulkMetadata(
  JSON.parse(readFileSync(dataFile('sec', 'bulk13f', 'FORM13F_metadata.json'), 'utf8')),
  'meta',
);
const rows = parse.result.rows;
const dir = mkdtempSync(path.join(os.tmpdir(), 'tw-13f-bench-'));
const filings = Math.ceil(ROWS / rows.length);
const acc = (i: number) => `0009${String(i).padStart(6, '0')}-23-000001`;
await new Promise<void>((resolve) => {
  const out = createWriteStream(path.join(dir, 'INFOTABLE.tsv'));
  out.write(
    `${meta
      .get('INFOTABLE')!
      .columns.map((c) => c.name)
      .join('\t')}\n`,
  );
  let n = 0;
  let buf = '';
  for (let f = 0; f < filings && n < ROWS; f++) {
    for (const r of rows) {
      if (n >= ROWS) break;
      buf += `${acc(f)}\t${++n}\t${r.issuer}\t${r.titleOfClass}\t${r.cusip}\t\t${r.value}\t${r.shares}\t${r.shareType}\t${r.putCall ?? ''}\t${r.discretion}\t\t${r.votingSole}\t${r.votingShared}\t${r.votingNone}\n`;
      if (buf.length > 1 << 20) {
        out.write(buf);
        buf = '';
      }
    }
  }
  out.end(buf, resolve);
});
const line = (cells: string[]) => `${cells.join('\t')}\n`;
const head = (t: string) => line(meta.get(t)!.columns.map((c) => c.name));
let sub = head('SUBMISSION');
let cover = head('COVERPAGE');
let summary = head('SUMMARYPAGE');
for (let f = 0; f < filings; f++) {
  sub += line([acc(f), '14-NOV-2023', '13F-HR', String(1_000_000 + f), '30-SEP-2023']);
  cover += line([
    acc(f),
    '30-SEP-2023',
    'N',
    '',
    '',
    '',
    '',
    '',
    '',
    `BENCH FILER ${f}`,
    '',
    '',
    '',
    '',
    '',
    '13F HOLDINGS REPORT',
    '',
    '',
    '',
    'N',
    '',
  ]);
  summary += line([acc(f), '0', String(rows.length), '0', 'N']);
}
writeFileSync(path.join(dir, 'SUBMISSION.tsv'), sub);
writeFileSync(path.join(dir, 'COVERPAGE.tsv'), cover);
writeFileSync(path.join(dir, 'SUMMARYPAGE.tsv'), summary);

const baseline = await bestOf(1, async () => {
  const db = await DuckDb.open(':memory:');
  await db.run(
    `CREATE TABLE t AS SELECT * FROM ${readCsvSql(path.join(dir, 'INFOTABLE.tsv'), meta.get('INFOTABLE')!)}`,
  );
  const n = await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM t');
  await db.close();
  return n[0]!.n;
});
const imported = await bestOf(1, async () => {
  const store = new Store(await DuckDb.open(':memory:'));
  await store.migrate();
  const r = await importBulkFolder(store.db, dir, meta);
  await store.close();
  return r;
});
clearInterval(sampler);
rmSync(dir, { recursive: true, force: true });
report('13F', [
  [
    'Renaissance 13F parse (3,611 rows), best of 5',
    `${parse.ms.toFixed(1)} ms (cold ${coldMs.toFixed(1)} ms)`,
  ],
  [
    `bulk INFOTABLE rows / filings`,
    `${imported.result.rows.toLocaleString('en-US')} / ${imported.result.filings}`,
  ],
  [
    'DuckDB read_csv → table (baseline)',
    `${(baseline.ms / 1000).toFixed(2)} s (${baseline.result.toLocaleString('en-US')} rows)`,
  ],
  ['import path (read_csv + units + filings + rows)', `${(imported.ms / 1000).toFixed(2)} s`],
  ['ratio import / read_csv', `${(imported.ms / baseline.ms).toFixed(2)}×`],
  ['peak RSS', `${(peakRss / 2 ** 20).toFixed(0)} MiB`],
]);
