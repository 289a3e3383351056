import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLiquidationTotals, loadMarketEvents, loadTokenDataset } from '../src/sources/curated/load.js';
import { curatedVersion, readCurated } from '../src/sources/curated/repository.js';
import type { Store } from '../src/store/store.js';
import { openStore } from '../src/store/store.js';
import { CURATED_FILES, importCurated } from '../src/update/import/curated.js';
import { freshSchema, postgresUrl } from './postgres.js';

/**
 * The curated datasets go through the store like every source (brief s3/shape case 1): one import
 * writes every row with known_from and its ingest run, readers cut as of a day in SQL, a damaged
 * file keeps the whole set out, and a store without the import says so instead of reading files.
 */

const TODAY = '2026-11-29';

/** A copy of the shipped curated files in a temporary folder (to damage one of them). */
function copyOfShipped(): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-curated-'));
  return CURATED_FILES.map((f) => {
    const to = path.join(dir, path.basename(f));
    copyFileSync(f, to);
    return to;
  });
}

function suite(name: string, open: () => Promise<{ store: Store; close: () => Promise<void> }>) {
  describe(`curated import on ${name}`, () => {
    let store: Store;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(async () => close());

    it('before the import every curated read says "missing input: curated (run update)"', async () => {
      await expect(loadTokenDataset(store.db, '2025-06-15')).rejects.toThrow(
        /^missing input: curated \(run update\)/,
      );
      await expect(loadMarketEvents(store.db)).rejects.toThrow(/missing input: curated/);
      await expect(curatedVersion(store.db)).rejects.toThrow(/missing input: curated/);
    });

    it('stores every row with its known_from (tokens: the published day) and the run; re-import changes nothing', async () => {
      const runId = await store.startRun('curated');
      const first = await importCurated(store, { runId, today: TODAY });
      expect(first.map((s) => [s.series, s.status, s.newRows, s.revisedRows])).toEqual([
        ['tokens', 'ok', 8, 0],
        ['market-events', 'ok', 1, 0],
        ['liquidations-daily', 'ok', 0, 0],
        ['short-episodes', 'ok', 10, 0],
      ]);
      const google = await store.db.all<{ known_from: string; date: string; run_id: number; file: string }>(
        `SELECT CAST(known_from AS VARCHAR) AS known_from, CAST(date AS VARCHAR) AS date, run_id, file
           FROM curated_rows WHERE dataset = 'tokens' AND row_key = '2024-05-01|Google|all AI surfaces|tokens_per_month'`,
      );
      // The May 2024 figure was disclosed at Google I/O on 2025-05-20.
      expect(google.map((r) => [r.date, r.known_from, Number(r.run_id), path.basename(r.file)])).toEqual([
        ['2024-05-01', '2025-05-20', runId, 'tokens.csv'],
      ]);
      const again = await importCurated(store, { runId: null, today: TODAY });
      expect(again.map((s) => [s.series, s.newRows, s.revisedRows, s.unchanged])).toEqual([
        ['tokens', 0, 0, 8],
        ['market-events', 0, 0, 1],
        ['liquidations-daily', 0, 0, 0],
        ['short-episodes', 0, 0, 10],
      ]);
      expect((await curatedVersion(store.db)).version).toBe(2);
    });

    it('as of a day, cut in SQL: tokens by publication day, events and totals by their date', async () => {
      expect(await loadTokenDataset(store.db, '2024-06-30')).toEqual([]);
      const known = await loadTokenDataset(store.db, '2025-06-15');
      expect(known.map((r) => `${r.provider} ${r.date}`).sort()).toEqual([
        'ByteDance 2024-05-01',
        'ByteDance 2024-09-01',
        'Google 2024-05-01',
        'Google 2025-05-01',
      ]);
      expect((await loadTokenDataset(store.db)).map((r) => r.value)).toContain(1.3e15);
      expect(await loadMarketEvents(store.db, '2025-12-10')).toEqual([]);
      expect((await loadMarketEvents(store.db, '2025-12-11')).map((e) => [e.ticker, e.priceBefore])).toEqual([
        ['ORCL', 223.01],
      ]);
      expect(await loadLiquidationTotals(store.db, TODAY)).toEqual([]);
      const eps = await readCurated<{ id: string }>(store.db, 'short-episodes', { datedBy: '2021-06-30' });
      expect(eps.map((e) => e.id)).toEqual(['scion-subprime-2005', 'scion-tsla-2021q1', 'scion-arkk-2021q2']);
    });

    it('a damaged file keeps the whole set out: nothing is written, the error names file, line and value', async () => {
      const files = copyOfShipped();
      const tokens = files.find((f) => f.endsWith('tokens.csv'))!;
      const events = files.find((f) => f.endsWith('market-events.csv'))!;
      writeFileSync(events, readFileSync(events, 'utf8').replace('223.01', '224.50'));
      writeFileSync(tokens, readFileSync(tokens, 'utf8').replace('9.7e12', 'lots'));
      const r = await importCurated(store, { runId: null, today: TODAY, files });
      expect(r.map((s) => [s.status, s.reason])).toEqual([
        ['failed', `bad-input: ${tokens}: line 2: value 'lots' is not a number`],
      ]);
      // The valid change to market-events.csv was not written either.
      expect((await loadMarketEvents(store.db)).map((e) => e.priceBefore)).toEqual([223.01]);
    });

    it('a changed row is revised, with the run that changed it', async () => {
      const files = copyOfShipped();
      const events = files.find((f) => f.endsWith('market-events.csv'))!;
      writeFileSync(events, readFileSync(events, 'utf8').replace('223.01', '224.50'));
      const runId = await store.startRun('curated');
      const r = await importCurated(store, { runId, today: TODAY, files });
      expect(r.find((s) => s.series === 'market-events')).toMatchObject({ newRows: 0, revisedRows: 1 });
      const row = await store.db.all<{ run_id: number }>(
        "SELECT run_id FROM curated_rows WHERE dataset = 'market-events'",
      );
      expect(row.map((x) => Number(x.run_id))).toEqual([runId]);
      expect((await loadMarketEvents(store.db)).map((e) => e.priceBefore)).toEqual([224.5]);
    });
  });
}

suite('DuckDB', async () => {
  const store = await openStore(path.join(mkdtempSync(path.join(tmpdir(), 'tw-curated-db-')), 'tw.duckdb'));
  return { store, close: () => store.close() };
});

const pg = postgresUrl();
if (pg)
  suite('PostgreSQL', async () => {
    const schema = await freshSchema(pg);
    const store = await openStore(schema.url);
    return {
      store,
      close: async () => {
        await store.close();
        await schema.drop();
      },
    };
  });
