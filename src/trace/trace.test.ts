import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFile, SHARED_DATA } from '../../test/shared-data.js';
import { importThirteenFFiles } from '../cli/commands/sec.js';
import { today } from '../core/dates.js';
import { createHttp } from '../http/client.js';
import { createApp } from '../server/app.js';
import { withStore } from '../store/memory.testkit.js';
import { openStore, type Store } from '../store/store.js';
import { importFredFiles } from '../update/import/fred.js';
import { importPriceFiles } from '../update/import/prices.js';
import { fredUpdateJob } from '../update/registry.js';
import { silentProgress } from '../update/types.js';
import { renderTrace } from './text.js';
import { type SeriesTrace, type TracedBytes, trace } from './trace.js';

/**
 * A trace reaches the archived bytes: the file at the archive path is read back and re-hashed,
 * and it must be the very file imported (or the very response replayed). Figures are the
 * published ones (shared/data PROVENANCE.md).
 */
// Provenance is as of the day the bytes were read (the wall clock), so traces are asked as of today.
const NOW = today();
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

function reachesBytes(b: TracedBytes, original: string): void {
  expect(b.archive).toBe('present');
  expect(sha(b.archivePath!)).toBe(b.sha256);
  expect(b.sha256).toBe(sha(original));
}

describe('trace: from a figure to the archived bytes', () => {
  let store: Store;
  const archive = mkdtempSync(path.join(tmpdir(), 'tw-trace-'));
  const prev = process.env.TIDEWATCH_ARCHIVE_DIR;
  const fred = ['WALCL', 'WTREGEN', 'RRPONTSYD'].map((s) => dataFile('fred', `${s}.csv`));
  const rates = ['SOFR', 'IORB'].map((s) => dataFile('fred', 'sofr3-2021-2026', `${s}.csv`));
  const scion = dataFile('sec', 'scion', 'scion_13F-HR_20230630_0000905148-23-000689.txt');
  const amzn = dataFile('prices', 'yf-close-only', 'AMZN.csv');

  beforeAll(async () => {
    process.env.TIDEWATCH_ARCHIVE_DIR = archive;
    store = await openStore(':memory:');
    const runId = await store.startRun('fred-file');
    await importFredFiles(store, [...fred, ...rates], { runId, today: '2026-07-01' });
    await importThirteenFFiles(store, [scion], {}, { today: '2026-07-01' });
    await importPriceFiles(store, [amzn], { symbol: 'AMZN', today: '2026-07-01' });
  });

  afterAll(async () => {
    await store.close();
    if (prev === undefined) delete process.env.TIDEWATCH_ARCHIVE_DIR;
    else process.env.TIDEWATCH_ARCHIVE_DIR = prev;
    rmSync(archive, { recursive: true, force: true });
  });

  it('net liquidity on 2023-08-02: WALCL − WTREGEN − RRPONTSYD, each input down to its FRED file', async () => {
    const r = await trace(store, 'net-liquidity', '2023-08-02', NOW);
    if (r.trace.kind !== 'indicator') throw new Error(r.trace.kind);
    // H.4.1 of 2023-07-26: 8,243,344 − 543,597 − ON RRP of 2023-08-02 1,770,186 ($ millions)
    expect(r.trace.inputs.map((i) => i.value)).toEqual([8_243_344e6, 543_597e6, 1_770_186e6]);
    expect(r.trace.value).toBe(8_243_344e6 - 543_597e6 - 1_770_186e6);
    for (const [k, i] of r.trace.inputs.entries()) {
      const t = i.trace as SeriesTrace;
      expect(t.run?.source).toBe('fred-file');
      expect(t.bytes).toHaveLength(1);
      expect(t.bytes[0]!.originKind).toBe('file');
      reachesBytes(t.bytes[0]!, fred[k]!);
    }
    expect(renderTrace(r)).toContain('net-liquidity = $5.930T');
  });

  it('sofr-iorb on 2023-03-13: SOFR 4.55 − IORB 4.65 = −10 bp, both inputs down to their files; a Sunday reads the Friday print', async () => {
    const r = await trace(store, 'sofr-iorb', '2023-03-13', NOW);
    if (r.trace.kind !== 'indicator') throw new Error(r.trace.kind);
    expect([r.trace.value, r.trace.unit, r.trace.formula]).toEqual([-10, 'bp', '(SOFR − IORB) × 100 bp']);
    expect(r.trace.inputs.map((i) => [i.trace?.series, i.trace?.date, i.value])).toEqual([
      ['SOFR', '2023-03-13', 4.55],
      ['IORB', '2023-03-13', 4.65],
    ]);
    for (const [k, i] of r.trace.inputs.entries()) reachesBytes(i.trace!.bytes[0]!, rates[k]!);
    expect(renderTrace(r)).toContain('sofr-iorb = −10 bp');
    const sunday = await trace(store, 'sofr-iorb', '2023-03-12', NOW);
    if (sunday.trace.kind !== 'indicator') throw new Error(sunday.trace.kind);
    // SOFR of Friday 03-10 (4.55) against the IORB carried to that day (4.65).
    expect([sunday.trace.date, sunday.trace.value]).toEqual(['2023-03-10', -10]);
    await expect(trace(store, 'effr-iorb', '2023-03-13', NOW)).rejects.toThrow(
      /no EFFR or NYFED:EFFR on or before/,
    );
  });

  it('a Scion put: 13f:1649339:2023-06-30:46090E103:put is the QQQ put of the filing, and its bytes are that filing', async () => {
    const r = await trace(store, '13f:1649339:2023-06-30:46090E103:put', '2026-07-01', NOW);
    if (r.trace.kind !== '13f') throw new Error(r.trace.kind);
    expect([r.trace.issuer, r.trace.putCall, r.trace.shares, r.trace.valueUsd]).toEqual([
      'INVESCO QQQ TR',
      'PUT',
      2_000_000,
      738_840_000,
    ]);
    expect(r.trace.filings.map((f) => [f.accession, f.filed])).toEqual([
      ['0000905148-23-000689', '2023-08-14'],
    ]);
    reachesBytes(r.trace.filings[0]!.bytes[0]!, scion);
  });

  it('a price: price:AMZN on 2024-01-05 from the close-only file', async () => {
    const r = await trace(store, 'price:AMZN', '2024-01-05', NOW);
    if (r.trace.kind !== 'price') throw new Error(r.trace.kind);
    expect([r.trace.date, r.trace.source]).toEqual(['2024-01-05', 'file:yf-close-only/AMZN.csv']);
    reachesBytes(r.trace.bytes[0]!, amzn);
  });

  it('as of a day: a filing not yet public is not found; bytes read after the as-of day are not shown', async () => {
    await expect(
      trace(store, '13f:1649339:2023-06-30:46090E103:put', '2023-08-13', '2023-08-13'),
    ).rejects.toThrow(/no such position in a 13F public by 2023-08-13/);
    const w = await trace(store, 'WALCL', '2023-08-02', '2023-08-02');
    if (w.trace.kind !== 'series') throw new Error(w.trace.kind);
    expect([w.trace.date, w.trace.knownFrom, w.trace.bytes.length, w.trace.run]).toEqual([
      '2023-07-26',
      '2023-07-27',
      0,
      null,
    ]);
    await expect(trace(store, 'WALCL', '2023-08-03', '2023-08-02')).rejects.toThrow(/after the as-of day/);
  });

  it('/api/trace answers the same trace as JSON; a malformed 13F name is a 400 naming the form', async () => {
    const app = createApp(store);
    const res = await app.request(`/api/trace?what=price:AMZN&date=2024-01-05&asOf=${NOW}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(
      JSON.parse(JSON.stringify(await trace(store, 'price:AMZN', '2024-01-05', NOW))),
    );
    const bad = await app.request('/api/trace?what=13f:1649339:2023-06-30:QQQ');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain(
      '13f:<cik>:<period YYYY-MM-DD>:<9-character CUSIP>[:put|call]',
    );
  });

  it('a replayed FRED update archives the recorded bytes and the trace reaches them', async () => {
    await withStore(async (s) => {
      const http = createHttp({ replayDir: SHARED_DATA, archiveDir: archive });
      const runId = await s.startRun('fred');
      const out = await fredUpdateJob.run({
        store: s,
        http,
        only: ['WRESBAL'],
        progress: silentProgress,
        log: () => {},
        runId,
        today: '2026-07-01',
      });
      expect(out.map((x) => [x.series, x.status])).toEqual([['WRESBAL', 'ok']]);
      const r = await trace(s, 'reserves', '2023-03-15', NOW);
      if (r.trace.kind !== 'series') throw new Error(r.trace.kind);
      const b = r.trace.bytes[0]!;
      expect([b.originKind, b.origin]).toEqual([
        'replay',
        'https://fred.stlouisfed.org/graph/fredgraph.csv?id=WRESBAL',
      ]);
      expect(b.archive).toBe('present');
      expect(sha(b.archivePath!)).toBe(b.sha256);
    });
  });
});
