import type { Db } from '../../store/db.js';
import type { Store } from '../../store/store.js';
import { importEachFile } from '../../update/files.js';
import type { SeriesSummary } from '../../update/types.js';
import { nextBusinessDay, type SeriesBatch, writeSeriesBatches } from '../treasury/store-writer.js';
import { dailyTotals, type RepoOperation, type TreasuryOperation } from './operations.js';
import { parseRatesJson, type RateRecord } from './rates.js';

/**
 * NY Fed data → store. Rates are public 08:00 the next business day; operation results the same
 * day. Series ids:
 *   NYFED:SOFR, NYFED:SOFR_P1, NYFED:SOFR_P25, NYFED:SOFR_P75, NYFED:SOFR_P99 (percent),
 *   NYFED:SOFR_VOLUME (US$), NYFED:EFFR (+ _P99, _VOLUME),
 *   NYFED:SRF_ACCEPTED, NYFED:RRP_ACCEPTED, NYFED:BILL_PURCHASES (US$ per day).
 */
const FIELDS = [
  ['', 'rate', 'percent'],
  ['_P1', 'p1', 'percent'],
  ['_P25', 'p25', 'percent'],
  ['_P75', 'p75', 'percent'],
  ['_P99', 'p99', 'percent'],
  ['_VOLUME', 'volume', 'usd_billions'],
] as const;

export function rateBatches(records: RateRecord[]): SeriesBatch[] {
  const byType = new Map<string, RateRecord[]>();
  for (const r of records) byType.set(r.type.toUpperCase(), [...(byType.get(r.type.toUpperCase()) ?? []), r]);
  const out: SeriesBatch[] = [];
  for (const [type, recs] of byType) {
    for (const [suffix, field, unit] of FIELDS) {
      const rows = recs
        .filter((r) => r[field] !== null)
        .map((r) => ({ date: r.date, value: r[field] as number, knownFrom: nextBusinessDay(r.date) }));
      if (rows.length === 0) continue;
      out.push({
        id: `NYFED:${type}${suffix}`,
        source: 'nyfed',
        title: `${type} ${suffix ? suffix.slice(1).toLowerCase().replace('p', 'percentile ') : 'rate'} (NY Fed)`,
        sourceUnit: unit,
        frequency: 'daily',
        release: 'next-business-day',
        rows,
      });
    }
  }
  return out;
}

function dailyBatch(id: string, title: string, daily: Map<string, number>): SeriesBatch {
  return {
    id,
    source: 'nyfed',
    title,
    sourceUnit: 'usd',
    frequency: 'daily',
    release: 'same-day',
    rows: [...daily.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, value]) => ({ date, value, knownFrom: date })),
  };
}

export function operationBatches(repo: RepoOperation[], tsy: TreasuryOperation[]): SeriesBatch[] {
  const out: SeriesBatch[] = [];
  if (repo.length) {
    out.push(
      dailyBatch(
        'NYFED:SRF_ACCEPTED',
        'Standing repo facility take-up (NY Fed repo operations)',
        dailyTotals(
          repo.filter((o) => o.kind === 'repo'),
          (o) => o.accepted,
        ),
      ),
      dailyBatch(
        'NYFED:RRP_ACCEPTED',
        'ON RRP take-up (NY Fed reverse repo operations)',
        dailyTotals(
          repo.filter((o) => o.kind === 'reverse-repo'),
          (o) => o.accepted,
        ),
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
      ),
    );
  return out.filter((b) => b.rows.length > 0);
}

export async function writeOperations(
  tx: Db,
  repo: RepoOperation[],
  tsy: TreasuryOperation[],
  origin: string,
): Promise<number> {
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
  for (const r of rows) {
    await tx.run(
      'DELETE FROM nyfed_operations WHERE operation_id = $1 AND operation_date = CAST($2 AS DATE)',
      [r[0]!, r[1]!],
    );
  }
  await tx.insertMany(
    'nyfed_operations',
    [
      'operation_id',
      'operation_date',
      'kind',
      'operation_type',
      'bills',
      'accepted',
      'submitted',
      'award_rate',
      'origin',
    ],
    rows,
  );
  return rows.length;
}

/** `tidewatch import nyfed FILE...`: SOFR/EFFR JSON in either shape (read endpoint or Markets API). */
export async function importNyfedFiles(
  store: Store,
  files: string[],
  opts: { runId: number | null; today: string; onFile?: (f: string) => void },
): Promise<SeriesSummary[]> {
  // Parse everything first: a snapshot folder is many one-day files that belong together.
  const records: RateRecord[] = [];
  const warnings: string[] = [];
  // Only failures come back from the parse pass: the records are written together below.
  const failed = await importEachFile('nyfed', files, opts.onFile, async (file, text) => {
    const r = parseRatesJson(text, file);
    records.push(...r.records);
    warnings.push(...r.warnings);
    return [];
  });
  if (records.length === 0) return failed;
  const sums = await store.db.transaction((tx) =>
    writeSeriesBatches(store, tx, rateBatches(records), opts, warnings),
  );
  return [...sums, ...failed];
}
