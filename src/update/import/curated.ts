import path from 'node:path';
import { z } from 'zod';
import { CURATED_EPISODES_FILE, parseEpisodes } from '../../analytics/scorecard/episodes.js';
import { TidewatchError } from '../../core/errors.js';
import { parseJsonWhole } from '../../core/wholeness.js';
import type { CuratedBatch } from '../../sources/batches.js';
import {
  parseLiquidationTotalsCsv,
  parseMarketEventsCsv,
  parseTokensCsv,
} from '../../sources/curated/datasets.js';
import { CURATED_DIR } from '../../sources/curated/load.js';
import type { CuratedDataset, CuratedRow } from '../../sources/curated/repository.js';
import { type FileImport, type RawBytes, textOf } from '../../sources/define.js';
import type { Store } from '../../store/store.js';
import { importFiles } from '../import-files.js';
import type { SeriesSummary, UpdateJob } from '../types.js';

/**
 * The curated import: the hand-kept CSVs shipped with the code go into the store like any other
 * source (one item, all files read and checked before a row is written, one writer, provenance
 * per file), so every curated row has a known_from and an ingest run. `update` and `import all`
 * run it; `tidewatch import curated [FILE...]` runs it alone.
 */

const MANIFEST = 'manifest.json';

/**
 * A dataset's rows as stored: each parsed record with its key, its line (records come back in file
 * order, one per line after the header), its own date and the day it became public.
 */
function rowsOf<R>(
  parse: (text: string, file: string) => R[],
  key: (r: R) => string,
  date: (r: R) => string,
  knownFrom: (r: R) => string = date,
): (text: string, file: string) => CuratedRow[] {
  return (text, file) =>
    parse(text, file).map((r, i) => ({
      key: key(r),
      line: i + 2,
      date: date(r),
      knownFrom: knownFrom(r),
      record: r,
    }));
}

/** The file of each dataset (by base name) and how a parsed row is keyed and dated. */
const DATASETS: Record<CuratedDataset, { file: string; rows: (text: string, file: string) => CuratedRow[] }> =
  {
    tokens: {
      file: 'tokens.csv',
      // A figure counts from the day it was published (it may describe a month a year earlier).
      rows: rowsOf(
        parseTokensCsv,
        (r) => `${r.date}|${r.provider}|${r.product}|${r.metric}`,
        (r) => r.date,
        (r) => r.published,
      ),
    },
    'market-events': {
      file: 'market-events.csv',
      rows: rowsOf(
        parseMarketEventsCsv,
        (r) => `${r.date}|${r.ticker}|${r.kind}`,
        (r) => r.date,
      ),
    },
    'liquidations-daily': {
      file: 'liquidations-daily.csv',
      rows: rowsOf(
        parseLiquidationTotalsCsv,
        (r) => r.date,
        (r) => r.date,
      ),
    },
    'short-episodes': {
      file: path.basename(CURATED_EPISODES_FILE),
      // Public from the cited filing date, else period end + the 13F deadline (episodes.ts).
      rows: rowsOf(
        parseEpisodes,
        (e) => e.id,
        (e) => e.periodEnd,
        (e) => e.knownFrom,
      ),
    },
  };

/** The shipped files, in the order they are read. */
export const CURATED_FILES: string[] = [
  path.join(CURATED_DIR, MANIFEST),
  ...(['tokens', 'market-events', 'liquidations-daily'] as const).map((d) =>
    path.join(CURATED_DIR, DATASETS[d].file),
  ),
  CURATED_EPISODES_FILE,
];

/** The manifest's version for the files it lists (its `datasets` must name each of them). */
function manifestVersion(raw: RawBytes): {
  version: { version: number; updated: string };
  files: Set<string>;
} {
  const m = parseJsonWhole(textOf(raw).text, raw.origin) as {
    version?: unknown;
    updated?: unknown;
    datasets?: Record<string, { file?: string }>;
  };
  if (typeof m.version !== 'number' || !Number.isInteger(m.version) || m.version < 1)
    throw new TidewatchError(
      'bad-input',
      `${raw.origin}: version '${String(m.version)}' is not a positive integer`,
    );
  if (typeof m.updated !== 'string')
    throw new TidewatchError('bad-input', `${raw.origin}: updated '${String(m.updated)}' is missing`);
  const files = new Set(Object.values(m.datasets ?? {}).map((d) => d.file ?? ''));
  return { version: { version: m.version, updated: m.updated }, files };
}

export const curatedImport: FileImport<Record<string, never>> = {
  source: 'curated',
  query: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  // The set is one item: a dataset is never stored from a set where another file is refused.
  group: (files) => [files.map((f) => f.file)],
  transform(inputs) {
    const byName = new Map<string, RawBytes>();
    for (const r of inputs) {
      const name = path.basename(r.origin);
      if (name !== MANIFEST && !Object.values(DATASETS).some((d) => d.file === name))
        throw new TidewatchError(
          'bad-input',
          `${r.origin}: not a curated file (expected ${MANIFEST}, ${Object.values(DATASETS)
            .map((d) => d.file)
            .join(', ')})`,
        );
      if (byName.has(name))
        throw new TidewatchError('bad-input', `${r.origin}: a second ${name} in one curated import`);
      byName.set(name, r);
    }
    const need = [MANIFEST, ...Object.values(DATASETS).map((d) => d.file)].filter((f) => !byName.has(f));
    if (need.length)
      throw new TidewatchError(
        'bad-input',
        `curated import: missing file(s) ${need.join(', ')} (the set is imported whole)`,
      );
    const manifest = byName.get(MANIFEST)!;
    const listed = manifestVersion(manifest);
    const batches: CuratedBatch[] = Object.entries(DATASETS).map(([dataset, d]) => {
      const raw = byName.get(d.file)!;
      const inManifest = listed.files.has(d.file);
      return {
        kind: 'curated',
        label: dataset,
        dataset: dataset as CuratedDataset,
        file: raw.origin,
        sha256: raw.sha256,
        version: inManifest ? listed.version : null,
        rows: d.rows(textOf(raw).text, raw.origin),
        inputs: inManifest ? [raw, manifest] : [raw],
      };
    });
    return { batches };
  },
};

/** Import the curated files (default: the ones shipped with the code) in run `runId`. */
export function importCurated(
  store: Store,
  opts: { runId: number | null; today: string; files?: readonly string[] },
): Promise<SeriesSummary[]> {
  return importFiles(store, curatedImport, opts.files?.length ? opts.files : CURATED_FILES, {
    runId: opts.runId,
    today: opts.today,
    query: {},
  });
}

/** `update --source curated` (and the first step of every full update): the shipped files. */
export const curatedUpdateJob: UpdateJob = {
  source: 'curated',
  describe:
    'curated datasets shipped with the code: token disclosures, market events, liquidation totals, short episodes',
  run: (ctx) => importCurated(ctx.store, { runId: ctx.runId, today: ctx.today }),
};
