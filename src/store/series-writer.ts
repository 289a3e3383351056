import type { Plausible } from '../core/plausibility.js';
import { canonicalUnit, type Unit } from '../core/units.js';
import type { Db } from './db.js';
import type { ObservationInput, WriteResult } from './observations-writer.js';
import type { Store } from './store.js';

/**
 * The one writer of series: the series' metadata and its observation rows (through
 * observations-writer.ts: plausibility, conflicting duplicates, revisions) in the caller's
 * transaction. Every series of every source — FRED, ALFRED, DTS, Fiscal Data, NY Fed, fear &
 * greed, file or API — is written here. Values arrive in canonical units; `sourceUnit` records
 * what the provider printed.
 */
export interface SeriesBatch {
  id: string;
  source: string;
  title: string;
  sourceUnit: Unit;
  frequency: string;
  release?: string | null;
  /** What the series' values can be (checked before anything is written). */
  rule: Plausible;
  /** File or URL the rows came from, for messages. */
  origin: string;
  rows: ObservationInput[];
}

/** The latest stored value per date of a series, read inside the write's transaction. */
export type StoredValues = (seriesId: string) => Promise<Map<string, number>>;

/**
 * A check against what is stored that decides the final batch before anything is written: a
 * FRED file's unit (overlap with stored values) or a derived file kept apart under its own id.
 * Pure apart from reading `stored`; a throw refuses the batch.
 */
export type Reconcile = (stored: StoredValues) => Promise<{ batch: SeriesBatch; warnings: string[] }>;

export interface SeriesWrite extends WriteResult {
  /** The id written (a reconcile may have chosen another). */
  id: string;
  warnings: string[];
}

export async function writeSeriesBatch(
  store: Store,
  tx: Db,
  input: SeriesBatch,
  opts: { today: string; runId: number | null; reconcile?: Reconcile | undefined },
): Promise<SeriesWrite> {
  const stored: StoredValues = async (id) =>
    new Map((await store.latestVintages(id, tx)).map((o) => [o.date, o.value]));
  const { batch: b, warnings } = opts.reconcile
    ? await opts.reconcile(stored)
    : { batch: input, warnings: [] };
  await store.upsertSeries(
    {
      id: b.id,
      source: b.source,
      title: b.title,
      unit: canonicalUnit(b.sourceUnit),
      sourceUnit: b.sourceUnit,
      frequency: b.frequency,
      release: b.release ?? null,
    },
    tx,
  );
  const r = await store.writeObservations(
    b.id,
    b.rows,
    {
      sourceUnit: b.sourceUnit,
      revisionKnownFrom: opts.today,
      runId: opts.runId,
      rule: b.rule,
      origin: b.origin,
    },
    tx,
  );
  return { id: b.id, ...r, warnings };
}
