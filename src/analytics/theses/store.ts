import { reasonOf } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { RISK_SERIES } from '../regime/from-series.js';
import { loadPrices, loadSeriesAsOf, riskFromStore } from '../regime/load.js';
import { loadScorecard } from '../scorecard/report.js';
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

/**
 * Evaluate every thesis on what the store knew on `asOf`. The risk history (levels, their
 * counts, the net-liquidity input) is riskFromStore's — the same call `tidewatch risk` makes;
 * thesis 5 reads the scorecard object itself (/api/scorecard as of the same day).
 */
export async function evaluateTheses(store: Store, asOf: string): Promise<ThesisResult[]> {
  const [series, risk, prices, scorecard, capex, highs, thirteenFPuts, liquidations, tokens] =
    await Promise.all([
      loadSeriesAsOf(store, LEDGER_SERIES, asOf),
      riskFromStore(store, asOf),
      loadPrices(store, LEDGER_SYMBOLS, asOf),
      loadScorecard(store, asOf),
      loadCapexYears(store, asOf),
      loadHighs(store, 'BTC', asOf),
      loadThirteenFPuts(store, asOf),
      loadLiquidationDays(store, asOf),
      loadTokens(store, asOf),
    ]);
  // S&P 500: SPY (total-return ETF, long history) when stored, else ^GSPC.
  if (!prices.SPY && prices['^GSPC']) prices.SPY = prices['^GSPC'];
  const data = assembleThesisData(asOf, series, prices, [], capex, risk, {
    ...(highs ? { highs: { BTC: highs } } : {}),
    tokens,
    thirteenFPuts,
    liquidations,
  });
  data.scorecard = scorecard.episodes;
  return evaluateThesesOn(data);
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

/**
 * Status changes over all stored runs, oldest first (a run that kept the status is not a change).
 * With `asOf`, only runs made by the end of that day: the history as it had been recorded then.
 */
export async function thesisHistory(
  store: Store,
  q: { thesisId?: string; asOf?: string } = {},
): Promise<StatusChange[]> {
  const where: string[] = [];
  const params: string[] = [];
  if (q.thesisId) {
    params.push(q.thesisId);
    where.push(`thesis_id = $${params.length}`);
  }
  if (q.asOf) {
    params.push(q.asOf);
    where.push(`CAST(run_at AS DATE) <= CAST($${params.length} AS DATE)`);
  }
  const rows = await store.db.all<{ thesis_id: string; status: ThesisStatus; run_at: string; as_of: string }>(
    `SELECT thesis_id, status, CAST(run_at AS VARCHAR) AS run_at, CAST(as_of AS VARCHAR) AS as_of
       FROM thesis_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY thesis_id, run_at`,
    params,
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
