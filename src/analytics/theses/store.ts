import { reasonOf } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { RISK_SERIES } from '../regime/from-series.js';
import { loadAllVintages, loadPrices, loadSeriesAsOf } from '../regime/load.js';
import { loadCuratedEpisodes, type ShortEpisode } from '../scorecard/episodes.js';
import { loadThirteenFPutEpisodes, mergeEpisodes } from '../scorecard/thirteenf.js';
import { assembleThesisData } from './assemble.js';
import { evaluateThesesOn } from './ledger.js';
import {
  loadCapexYears,
  loadHighs,
  loadLiquidationDays,
  loadThirteenFPuts,
  loadTokens,
} from './store-inputs.js';
import type { ThesisResult, ThesisStatus } from './types.js';

/**
 * The ledger's I/O edge: read what other domains stored (each read defensive — a domain that
 * was never imported means "insufficient data", not an error), evaluate, and keep every run.
 */

export const LEDGER_SERIES = [...new Set([...Object.values(RISK_SERIES), 'TOTRESNS', 'DGS10'])];
export const LEDGER_SYMBOLS = [
  'SPY',
  '^GSPC',
  'QQQ',
  'BTC',
  'ARKK',
  'TSLA',
  'PLTR',
  'ETH',
  'MU',
  'SNDK',
  'ORCL',
  'NVDA',
  'SOXX',
  'SMH',
  'KWEB',
];

export async function loadEpisodes(
  store: Store,
): Promise<{ episodes: ShortEpisode[]; thirteenFStored: boolean }> {
  const f = await loadThirteenFPutEpisodes(store.db);
  return { episodes: mergeEpisodes(loadCuratedEpisodes(), f.episodes), thirteenFStored: f.stored };
}

/** Evaluate every thesis on what the store knew on `asOf`. */
export async function evaluateTheses(store: Store, asOf: string): Promise<ThesisResult[]> {
  const [series, vintages, prices, eps, capex, highs, thirteenFPuts, liquidations] = await Promise.all([
    loadSeriesAsOf(store, LEDGER_SERIES, asOf),
    loadAllVintages(store, Object.values(RISK_SERIES), asOf),
    loadPrices(store, LEDGER_SYMBOLS, asOf),
    loadEpisodes(store),
    loadCapexYears(store, asOf).catch(() => []),
    loadHighs(store, 'BTC', asOf),
    loadThirteenFPuts(store, asOf),
    loadLiquidationDays(store, asOf),
  ]);
  // S&P 500: SPY (total-return ETF, long history) when stored, else ^GSPC.
  if (!prices.SPY && prices['^GSPC']) prices.SPY = prices['^GSPC'];
  return evaluateThesesOn(
    assembleThesisData(asOf, series, prices, eps.episodes, capex, vintages, {
      ...(highs ? { highs: { BTC: highs } } : {}),
      tokens: loadTokens(asOf),
      thirteenFPuts,
      liquidations,
    }),
  );
}

export interface StatusChange {
  thesisId: string;
  from: ThesisStatus | null;
  to: ThesisStatus;
  runAt: string;
  asOf: string;
}

/** Store one evaluation run; returns the theses whose status differs from their previous run. */
export async function recordThesisRun(
  store: Store,
  results: readonly ThesisResult[],
  runAt = new Date(),
): Promise<StatusChange[]> {
  const ts = runAt.toISOString().replace('T', ' ').replace('Z', '');
  const previous = await latestStatuses(store);
  await store.db.transaction(async (tx) => {
    for (const r of results) {
      await tx.run(
        `INSERT INTO thesis_runs (run_at, as_of, thesis_id, thesis_number, status, summary, result_json)
         VALUES (CAST($1 AS TIMESTAMP), CAST($2 AS DATE), $3, $4, $5, $6, $7)`,
        [
          ts,
          r.asOf,
          r.id,
          r.number,
          r.status,
          r.checks.map((c) => `${c.id}: ${c.status} — ${c.summary}`).join('\n'),
          JSON.stringify(r),
        ],
      );
    }
  });
  return results
    .filter((r) => previous.get(r.id) !== r.status)
    .map((r) => ({
      thesisId: r.id,
      from: previous.get(r.id) ?? null,
      to: r.status,
      runAt: runAt.toISOString(),
      asOf: r.asOf,
    }));
}

async function latestStatuses(store: Store): Promise<Map<string, ThesisStatus>> {
  const rows = await store.db.all<{ thesis_id: string; status: ThesisStatus }>(
    `SELECT t.thesis_id, t.status FROM thesis_runs t
      WHERE t.run_at = (SELECT max(run_at) FROM thesis_runs u WHERE u.thesis_id = t.thesis_id)`,
  );
  return new Map(rows.map((r) => [r.thesis_id, r.status]));
}

/** Status changes over all stored runs, oldest first (a run that kept the status is not a change). */
export async function thesisHistory(store: Store, thesisId?: string): Promise<StatusChange[]> {
  const rows = await store.db.all<{ thesis_id: string; status: ThesisStatus; run_at: string; as_of: string }>(
    `SELECT thesis_id, status, CAST(run_at AS VARCHAR) AS run_at, CAST(as_of AS VARCHAR) AS as_of
       FROM thesis_runs ${thesisId ? 'WHERE thesis_id = $1' : ''} ORDER BY thesis_id, run_at`,
    thesisId ? [thesisId] : [],
  );
  const out: StatusChange[] = [];
  const last = new Map<string, ThesisStatus>();
  for (const r of rows) {
    const prev = last.get(r.thesis_id) ?? null;
    if (prev !== r.status)
      out.push({ thesisId: r.thesis_id, from: prev, to: r.status, runAt: r.run_at, asOf: r.as_of });
    last.set(r.thesis_id, r.status);
  }
  return out;
}

/** The last stored run of each thesis (for the API/dashboard without re-evaluating). */
export async function latestThesisResults(store: Store): Promise<ThesisResult[]> {
  const rows = await store.db.all<{ result_json: string }>(
    `SELECT t.result_json FROM thesis_runs t
      WHERE t.run_at = (SELECT max(run_at) FROM thesis_runs u WHERE u.thesis_id = t.thesis_id)
      ORDER BY t.thesis_number`,
  );
  const out: ThesisResult[] = [];
  for (const r of rows) {
    try {
      out.push(JSON.parse(r.result_json) as ThesisResult);
    } catch (e) {
      throw new Error(`thesis_runs.result_json does not parse: ${reasonOf(e)}`);
    }
  }
  return out;
}
