import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planImportAll } from '../src/cli/commands/import-all.js';
import { withStore } from '../src/store/memory.testkit.js';
import { PostgresDb } from '../src/store/postgres.js';
import { runCli, spawnCli } from './cli.js';
import { postgresUrl } from './postgres.js';
import { dataFile } from './shared-data.js';

/** A small folder laid out like ../shared/data, with real files copied in. */
function dataFolder(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tw-all-'));
  for (const [rel, src] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    copyFileSync(src, path.join(root, rel));
  }
  return root;
}

describe('import all survives dangling links and link loops (case 7)', () => {
  const root = dataFolder({
    'fred/WALCL.csv': dataFile('fred', 'WALCL.csv'),
    'crypto/sentiment/fear_greed_index_daily.csv': dataFile(
      'crypto',
      'sentiment',
      'fear_greed_index_daily.csv',
    ),
  });
  symlinkSync('/nonexistent/WTREGEN.csv', path.join(root, 'fred', 'WTREGEN.csv'));
  symlinkSync('..', path.join(root, 'crypto', 'loop'));

  it('the plan keeps the dangling link as a file (its importer reports it) and cuts the loop with a note', () => {
    const notes: string[] = [];
    const plan = planImportAll(root, notes);
    expect(plan).toEqual([
      { kind: 'fred', args: [path.join(root, 'fred', 'WALCL.csv'), path.join(root, 'fred', 'WTREGEN.csv')] },
      { kind: 'crypto', args: [path.join(root, 'crypto', 'sentiment', 'fear_greed_index_daily.csv')] },
    ]);
    expect(notes).toEqual([
      `${path.join(root, 'crypto', 'loop')}: skipped, folder already visited as ${realpathSync(root)} (symbolic link loop?)`,
    ]);
  });

  it('the CLI imports the rest, names the broken link, exits 2, no stack trace', async () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'tw-all-db-')), 'tw.duckdb');
    const r = runCli(['import', 'all', root, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /FAILED fred-file\/.*WTREGEN\.csv: not-found: .*WTREGEN\.csv: cannot read \(ENOENT\)/,
    );
    expect(r.stdout).toMatch(/note: .*symbolic link loop/);
    await withStore(async (store) => {
      expect((await store.getSeries('WALCL'))?.observations).toBe(985);
      expect((await store.getSeries('CRYPTO:FEAR_GREED'))?.observations).toBe(2931);
    }, db);
  });
});

const pg = postgresUrl();

describe.runIf(pg)('two import all runs on one PostgreSQL database at once both succeed (case 8)', () => {
  const schema = `tw_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  afterAll(async () => {
    const admin = await PostgresDb.open(pg!);
    await admin.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.close();
  });

  it('every series, table and run is there once; no duplicate-key error', async () => {
    const admin = await PostgresDb.open(pg!);
    await admin.run(`CREATE SCHEMA ${schema}`);
    await admin.close();
    const u = new URL(pg!);
    u.searchParams.set('options', `-c search_path=${schema}`);
    const url = u.toString();
    const root = dataFolder({
      'fred/WALCL.csv': dataFile('fred', 'WALCL.csv'),
      'fred/WTREGEN.csv': dataFile('fred', 'WTREGEN.csv'),
      'treasury/auctions.csv': dataFile('treasury', 'auctions_treasurydirect_2025-2026.csv'),
      'nyfed/sofr_2025-10-31.json': dataFile('nyfed', 'sofr-read-endpoint-snapshots', 'sofr_2025-10-31.json'),
      'sec/scion/scion_13F-HR_20230930_0000905148-23-001400.txt': dataFile(
        'sec',
        'scion',
        'scion_13F-HR_20230930_0000905148-23-001400.txt',
      ),
      'prices/yf-close-only/NVDA.csv': dataFile('prices', 'yf-close-only', 'NVDA.csv'),
      'crypto/sentiment/fear_greed_index_daily.csv': dataFile(
        'crypto',
        'sentiment',
        'fear_greed_index_daily.csv',
      ),
    });
    // Both start on a fresh schema, so they also race through the migrations.
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawnCli(['import', 'all', root, '--db', url]);
        let out = '';
        child.stdout.on('data', (b) => (out += String(b)));
        child.stderr.on('data', (b) => (out += String(b)));
        child.on('close', (code) => resolve({ code, out }));
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.out).not.toMatch(/duplicate key|FAILED|^error:/m);
    expect(b.out).not.toMatch(/duplicate key|FAILED|^error:/m);
    expect([a.code, b.code]).toEqual([0, 0]);
    await withStore(async (store) => {
      expect((await store.getSeries('WALCL'))?.observations).toBe(985);
      expect((await store.getSeries('NYFED:SOFR'))?.observations).toBe(1);
      const n = async (sql: string) => (await store.db.all<{ n: number }>(sql))[0]!.n;
      expect(await n('SELECT count(*) AS n FROM treasury_auctions')).toBe(250);
      expect(await n("SELECT count(*) AS n FROM price_bars WHERE symbol = 'NVDA'")).toBe(6923);
      expect(
        await n("SELECT count(*) AS n FROM sec_13f_filings WHERE accession = '0000905148-23-001400'"),
      ).toBe(1);
      // The curated rows once each (8 token figures, 1 event, 10 short episodes).
      expect(await n('SELECT count(*) AS n FROM curated_rows')).toBe(19);
      // 7 importers (curated, fred, treasury, nyfed, 13f, prices, crypto) × 2 runs, distinct ids, all ok.
      const runs = await store.lastRuns(50);
      expect(runs).toHaveLength(14);
      expect(new Set(runs.map((r) => r.id)).size).toBe(14);
      expect(runs.every((r) => r.status === 'ok')).toBe(true);
    }, url);
  });
});
