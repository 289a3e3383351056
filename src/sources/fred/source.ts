import { z } from 'zod';
import { TidewatchError } from '../../core/errors.js';
import { toCanonical, type Unit } from '../../core/units.js';
import type { Reconcile, SeriesBatch } from '../../store/series-writer.js';
import { resumeFrom } from '../../update/items.js';
import { type ObservationsBatch, observations } from '../batches.js';
import { defineSource, type Transformed } from '../define.js';
import { type CatalogEntry, catalogEntryOrGeneric, DEFAULT_FRED_SERIES, plausibleFor } from './catalog.js';
import {
  extractFred,
  type FredParse,
  FredQuerySchema,
  parseFredApiBytes,
  parseFredCsvBytes,
  parseFredCsvFile,
} from './connector.js';
import { detectDerivedFile } from './derived.js';
import { decideUnit } from './units.js';

/**
 * FRED as a source: fredgraph.csv without a key, the JSON API (and ALFRED vintages with
 * TIDEWATCH_FRED_VINTAGES=1) with FRED_API_KEY. One item per series; a file import is the same
 * CSV transform over a file's bytes, plus the derived-file check.
 */

/**
 * Re-fetch this many days before the last stored date on an incremental run, so recent revisions
 * (FRED revises H.4.1 and NFCI values) are picked up.
 */
const REVISION_WINDOW_DAYS = 120;

function seriesBatch(p: FredParse, entry: CatalogEntry, unit: Unit): SeriesBatch {
  return {
    id: entry.id,
    source: 'fred',
    title: entry.title,
    sourceUnit: unit,
    frequency: entry.frequency,
    release: entry.release,
    rule: plausibleFor(entry),
    origin: p.origin,
    rows: p.records.map((r) => ({
      date: r.date,
      value: toCanonical(r.value, unit),
      knownFrom: r.knownFrom,
      ...(r.line !== undefined ? { line: r.line } : {}),
    })),
  };
}

/**
 * The series' batch. A unit stated by the API is taken as is; otherwise the writer decides it
 * against the values already stored (decideUnit: overlap, then magnitude) before writing.
 */
function fredBatch(p: FredParse, unit: { stated: Unit } | { assumed: Unit }): ObservationsBatch {
  if ('stated' in unit) return observations(seriesBatch(p, p.entry, unit.stated), { missing: p.missing });
  const reconcile: Reconcile = async (stored) => {
    const decision = decideUnit(p.origin, p.entry, unit.assumed, p.records, await stored(p.entry.id));
    return {
      batch: seriesBatch(p, p.entry, decision.unit),
      warnings: decision.warning ? [decision.warning] : [],
    };
  };
  return observations(seriesBatch(p, p.entry, unit.assumed), { missing: p.missing, reconcile });
}

const FredFileQuery = z.object({}).default({});

/**
 * A saved fredgraph/ALFRED CSV: the same parse. A file derived from a daily series (a
 * one-weekday sample, a forward fill: derived.ts) never writes into that series: it is kept
 * apart under its own id or refused, naming the evidence — decided against the stored values
 * when the batch is written, before its unit.
 */
function fileBatch(p: FredParse): ObservationsBatch {
  const reconcile: Reconcile = async (stored) => {
    const derived = detectDerivedFile(p.origin, p.entry, p.records, await stored(p.entry.id));
    if (derived.action === 'refuse') throw new TidewatchError('bad-input', derived.message);
    const entry = derived.action === 'keep-apart' ? derived.entry : p.entry;
    const decision = decideUnit(p.origin, entry, entry.unit, p.records, await stored(entry.id));
    const notes = derived.action === 'keep-apart' ? [derived.message] : derived.warnings;
    return {
      batch: seriesBatch(p, entry, decision.unit),
      warnings: [...notes, ...(decision.warning ? [decision.warning] : [])],
    };
  };
  return observations(seriesBatch(p, p.entry, p.entry.unit), {
    missing: p.missing,
    reconcile,
    label: (id: string) => `${id} ← ${p.origin}`,
  });
}

export const fredSource = defineSource({
  name: 'fred',
  describe: 'FRED series (fredgraph.csv; JSON API + ALFRED vintages when FRED_API_KEY is set)',
  query: FredQuerySchema,
  async plan(ctx) {
    const ids = ctx.only?.length ? ctx.only.map((s) => s.toUpperCase()) : DEFAULT_FRED_SERIES;
    const vintages = process.env.TIDEWATCH_FRED_VINTAGES === '1';
    const out = [];
    for (const id of ids) {
      const from = await resumeFrom(ctx, catalogEntryOrGeneric(id).id, REVISION_WINDOW_DAYS, undefined);
      out.push({ label: id, query: { seriesId: id, vintages, ...(from ? { from } : {}) } });
    }
    return out;
  },
  extract: (http, q) => extractFred(http, q),
  transform(ex, q): Transformed {
    const csv = ex.inputs.find((r) => r.part === 'csv');
    if (csv) {
      const p = parseFredCsvBytes(csv, q.seriesId, q.from);
      return { batches: [fredBatch(p, { assumed: p.entry.unit })], warnings: p.warnings };
    }
    const p = parseFredApiBytes(ex.inputs, q.seriesId, q.vintages);
    return { batches: [fredBatch(p, { stated: p.unit })] };
  },
  files: {
    source: 'fred-file',
    query: FredFileQuery,
    // Read in pieces: the text is never held whole (see fileBatch).
    stream: { transform: async (files) => ({ batches: [fileBatch(parseFredCsvFile(files[0]!))] }) },
  },
});
