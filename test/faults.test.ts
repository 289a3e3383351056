import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../src/http/client.js';
import { DuckDb } from '../src/store/duckdb.js';
import { withStore } from '../src/store/memory.testkit.js';
import { Store } from '../src/store/store.js';
import { runUpdate } from '../src/update/run.js';
import { runCli, spawnCli } from './cli.js';
import { type Misbehaving, startMisbehavingServer } from './misbehaving-server.js';
import { freshSchema, postgresUrl } from './postgres.js';
import { dataFile } from './shared-data.js';

describe('an update run with failing series names them and keeps the rest', () => {
  let srv: Misbehaving;
  beforeAll(async () => {
    srv = await startMisbehavingServer(
      {
        WALCL: dataFile('fred/WALCL.csv'),
        WTREGEN: dataFile('fred/WTREGEN.csv'),
        RRPONTSYD: dataFile('fred/RRPONTSYD.csv'),
        DGS10: dataFile('fred/DGS10.csv'),
      },
      { RRPONTSYD: '429-once', SOFR: '500', IORB: 'hang', EFFR: 'html', DGS10: 'truncated', DGS2: 'reset' },
    );
  });
  afterAll(() => srv.close());

  it('PEERS: a partial FRED fetch shown as complete (OpenBB #7527) — ok, rate-limited-then-ok, 500, hang, HTML, truncated and reset series in one run: the run is partial and names each failure', async () => {
    const store = new Store(await DuckDb.open(':memory:'));
    await store.migrate();
    const http = new HttpClient({
      archiveDir: null,
      maxRetries: 2,
      backoffMs: 1,
      timeoutMs: 300,
      minIntervalMs: {},
      sleep: async () => undefined,
      fetchImpl: (url, init) => fetch(String(url).replace('https://fred.stlouisfed.org', srv.base), init),
    });
    const report = await runUpdate(store, http, {
      sources: ['fred'],
      only: ['WALCL', 'WTREGEN', 'RRPONTSYD', 'SOFR', 'IORB', 'EFFR', 'DGS10', 'DGS2'],
    });
    const by = Object.fromEntries(report.runs[0]!.summaries.map((s) => [s.series, s]));
    expect(by.WALCL).toMatchObject({ status: 'ok', newRows: 985 });
    expect(by.RRPONTSYD).toMatchObject({ status: 'ok', newRows: 3107 });
    expect(by.SOFR!.reason).toMatch(/HTTP 500.*gave up after 3 attempts/);
    expect(by.IORB!.reason).toMatch(/timeout: .*timed out/);
    expect(by.EFFR!.reason).toMatch(/got HTML instead of CSV/);
    expect(by.DGS10!.reason).toMatch(/id=DGS10: truncated response|not a date/);
    expect(by.DGS2!.reason).toMatch(/^network: /);
    expect(report.runs[0]!.status).toBe('partial');
    // Nothing was written for the failed series.
    for (const id of ['SOFR', 'IORB', 'EFFR', 'DGS10', 'DGS2'])
      expect(await store.getSeries(id)).toBeUndefined();
    const runs = await store.lastRuns(1);
    expect(runs[0]!.status).toBe('partial');
    await store.close();
  });
});

/** The preload that stops the child's ingest before its COMMIT (test/hold-tx.mjs). */
const HOLD_TX = pathToFileURL(path.join(import.meta.dirname, 'hold-tx.mjs')).href;

function crashSafety(name: string, target: () => Promise<{ db: string; drop: () => Promise<void> }>) {
  it(`${name}: a process killed inside an ingest leaves the database as before that series; no row lost or doubled`, async () => {
    const { db, drop } = await target();
    try {
      expect(runCli(['import', 'fred', dataFile('fred/WALCL.csv'), '--db', db]).code).toBe(0);
      const child = spawnCli(['import', 'fred', dataFile('fred/DFF.csv'), '--db', db], {
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${HOLD_TX}`.trim(),
        TIDEWATCH_HOLD_SERIES: 'DFF',
      });
      await new Promise<void>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (b) => {
          out += String(b);
          if (out.includes('HOLDING_TX DFF')) resolve();
        });
        child.on('exit', () => reject(new Error(`child exited before the transaction: ${out}`)));
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.once('close', r));
      await withStore(async (store) => {
        expect(await store.getSeries('DFF')).toBeUndefined();
        const n = await store.db.all<{ n: number }>(
          "SELECT count(*) AS n FROM observations WHERE series_id = 'DFF'",
        );
        expect(Number(n[0]!.n)).toBe(0);
        expect((await store.getSeries('WALCL'))!.observations).toBe(985);
      }, db);
      // And the re-run completes normally, idempotently: every row once.
      const rerun = runCli(['import', 'fred', dataFile('fred/DFF.csv'), '--db', db]);
      expect(rerun.stderr).toBe('');
      expect(rerun.stdout).toMatch(/DFF ← .*ok\s+25832/);
      expect(runCli(['import', 'fred', dataFile('fred/DFF.csv'), '--db', db]).stdout).toMatch(
        /ok\s+0\s+0\s+25832/,
      );
      // Case 7: the killed run was left 'running'; the next start marked it failed with the reason.
      await withStore(async (after) => {
        const n = await after.db.all<{ n: number; d: number }>(
          "SELECT count(*) AS n, count(DISTINCT date) AS d FROM observations WHERE series_id = 'DFF'",
        );
        expect([Number(n[0]!.n), Number(n[0]!.d)]).toEqual([25832, 25832]);
        const runs = await after.lastRuns(10);
        expect(runs.filter((r) => r.status === 'running')).toEqual([]);
        const killed = runs.find((r) => r.id === 2)!;
        expect(killed).toMatchObject({ source: 'fred-file', status: 'failed' });
        expect(JSON.stringify(killed.summary)).toMatch(
          new RegExp(`process ${child.pid} on .* ended without finishing this run`),
        );
        expect(runs.map((r) => r.status)).toEqual(['ok', 'ok', 'failed', 'ok']);
      }, db);
    } finally {
      await drop();
    }
  });
}

describe('crash safety', () => {
  crashSafety('DuckDB', async () => ({
    db: path.join(mkdtempSync(path.join(tmpdir(), 'tw-kill-')), 'tw.duckdb'),
    drop: async () => undefined,
  }));
  const pg = postgresUrl();
  if (pg)
    crashSafety('PostgreSQL', async () => {
      const schema = await freshSchema(pg);
      return { db: schema.url, drop: schema.drop };
    });
});
