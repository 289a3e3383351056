import { type Plausible, positiveLevel } from '../../core/plausibility.js';
import { replaceKeyedRows } from '../../store/bulk-delete.js';
import type { KeyedCounts } from '../../store/compare.js';
import type { Db } from '../../store/db.js';
import type { SeriesBatch } from '../../store/series-writer.js';
import { nextBusinessDay } from '../fred/publication.js';
import { dailyTotals, type RepoOperation, type TreasuryOperation } from './operations.js';
import type { RateRecord } from './rates.js';

/**
 * NY Fed data → store. Rates are public 08:00 the next business day; operation results the same
 * day. Series ids:
 *   NYFED:SOFR, NYFED:SOFR_P1, NYFED:SOFR_P25, NYFED:SOFR_P75, NYFED:SOFR_P99 (percent),
 *   NYFED:SOFR_VOLUME (US$), NYFED:EFFR (+ _P99, _VOLUME),
 *   NYFED:SRF_ACCEPTED, NYFED:RRP_ACCEPTED, NYFED:BILL_PURCHASES (US$ per day).
 */
/**
 * What NY Fed series can be: rates and percentiles are percent in [-5, 50] (SOFR's 1st
 * percentile has been negative); volumes are positive US$ levels (SOFR about $1–3.5T, EFFR about
 * $0.1T); operation take-up is a non-negative US$ amount. NY Fed publishes from 1954 (EFFR) on.
 */
export const NYFED_RULES = {
  rate: { sign: 'any', since: '1954-07-01', min: -5, max: 50 } satisfies Plausible,
  volume: positiveLevel('1954-07-01', 1e8, 1e14),
  takeUp: { sign: 'non-negative', since: '1954-07-01', max: 1e13 } satisfies Plausible,
} as const;

const FIELDS = [
  ['', 'rate', 'percent', NYFED_RULES.rate],
  ['_P1', 'p1', 'percent', NYFED_RULES.rate],
  ['_P25', 'p25', 'percent', NYFED_RULES.rate],
  ['_P75', 'p75', 'percent', NYFED_RULES.rate],
  ['_P99', 'p99', 'percent', NYFED_RULES.rate],
  ['_VOLUME', 'volume', 'usd_billions', NYFED_RULES.volume],
] as const;

/**
 * Records → one batch per rate type and field, linear in the records. Lazy: each batch's rows
 * are built when the writer reaches it, so only one series' rows exist at a time.
 */
export function* rateBatches(records: RateRecord[], origin: string): Generator<SeriesBatch> {
  const byType = new Map<string, RateRecord[]>();
  for (const r of records) {
    const list = byType.get(r.type);
    if (list) list.push(r);
    else byType.set(r.type, [r]);
  }
  for (const [type, recs] of byType) {
    for (const [suffix, field, unit, rule] of FIELDS) {
      const rows: SeriesBatch['rows'] = [];
      for (const r of recs) {
        const v = r[field];
        if (v !== null)
          rows.push({ date: r.date, value: v, knownFrom: nextBusinessDay(r.date), where: r.where });
      }
      if (rows.length === 0) continue;
      yield {
        id: `NYFED:${type}${suffix}`,
        source: 'nyfed',
        title: `${type} ${suffix ? suffix.slice(1).toLowerCase().replace('p', 'percentile ') : 'rate'} (NY Fed)`,
        sourceUnit: unit,
        frequency: 'daily',
        release: 'next-business-day',
        rule,
        origin,
        rows,
      };
    }
  }
}

function dailyBatch(id: string, title: string, daily: Map<string, number>, origin: string): SeriesBatch {
  return {
    id,
    source: 'nyfed',
    title,
    sourceUnit: 'usd',
    frequency: 'daily',
    release: 'same-day',
    rule: NYFED_RULES.takeUp,
    origin,
    rows: [...daily.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, value]) => ({ date, value, knownFrom: date })),
  };
}

export function operationBatches(
  repo: RepoOperation[],
  tsy: TreasuryOperation[],
  origin: string,
): SeriesBatch[] {
  const out: SeriesBatch[] = [];
  // Take-up per day of each side of the repo desk: the standing repo facility and ON RRP.
  const takeUp = [
    {
      kind: 'repo',
      id: 'NYFED:SRF_ACCEPTED',
      title: 'Standing repo facility take-up (NY Fed repo operations)',
    },
    {
      kind: 'reverse-repo',
      id: 'NYFED:RRP_ACCEPTED',
      title: 'ON RRP take-up (NY Fed reverse repo operations)',
    },
  ] as const;
  if (repo.length)
    for (const t of takeUp) {
      const ops = repo.filter((o) => o.kind === t.kind);
      out.push(
        dailyBatch(
          t.id,
          t.title,
          dailyTotals(ops, (o) => o.accepted),
          origin,
        ),
      );
    }
  const bills = tsy.filter((o) => o.bills && o.direction === 'purchase');
  if (tsy.length)
    out.push(
      dailyBatch(
        'NYFED:BILL_PURCHASES',
        'Fed Treasury bill purchases (par accepted)',
        dailyTotals(bills, (o) => o.parAccepted),
        origin,
      ),
    );
  return out.filter((b) => b.rows.length > 0);
}

const OPERATION_COLUMNS = [
  'operation_id',
  'operation_date',
  'kind',
  'operation_type',
  'bills',
  'accepted',
  'submitted',
  'award_rate',
  'origin',
];

/** The one writer of `nyfed_operations`: replaces the given operations by id and date, counted against what was stored. */
export async function writeOperations(
  tx: Db,
  repo: RepoOperation[],
  tsy: TreasuryOperation[],
  origin: string,
): Promise<KeyedCounts> {
  const rows = [
    ...repo.map((o) => [o.id, o.date, o.kind, o.term, false, o.accepted, o.submitted, o.awardRate, origin]),
    ...tsy.map((o) => [
      o.id,
      o.date,
      `treasury-${o.direction}`,
      o.operationType,
      o.bills,
      o.parAccepted,
      null,
      null,
      origin,
    ]),
  ] as (string | number | boolean | null)[][];
  return replaceKeyedRows(tx, 'nyfed_operations', OPERATION_COLUMNS, rows);
}
