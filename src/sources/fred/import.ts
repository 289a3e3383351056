import { TidewatchError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { importEachFile } from '../../update/files.js';
import type { SeriesSummary } from '../../update/types.js';
import { catalogEntryOrGeneric } from './catalog.js';
import { withPublicationDates } from './connector.js';
import { parseFredCsv } from './csv.js';
import { detectDerivedFile } from './derived.js';
import { ingestFredRecords } from './ingest.js';

/**
 * `tidewatch import fred FILE...`: each file is parsed fully before anything is written and
 * stored in its own transaction; a bad file is reported and the others still import. A file
 * derived from a daily series (a one-weekday sample, a forward fill: derived.ts) never writes
 * into that series: it is kept apart under its own id or refused, naming the evidence.
 */
export async function importFredFiles(
  store: Store,
  files: string[],
  opts: { runId: number | null; today: string; onFile?: (file: string) => void },
): Promise<SeriesSummary[]> {
  return importEachFile('fred-file', files, opts.onFile, async (file, text) => {
    const csv = parseFredCsv(text, file);
    let entry = catalogEntryOrGeneric(csv.seriesId);
    const stored = new Map((await store.latestVintages(entry.id)).map((o) => [o.date, o.value]));
    const derived = detectDerivedFile(file, entry, csv.rows, stored);
    if (derived.action === 'refuse') throw new TidewatchError('bad-input', derived.message);
    if (derived.action === 'keep-apart') entry = derived.entry;
    const summary = await ingestFredRecords(store, {
      seriesId: entry.id,
      entry,
      origin: file,
      unit: entry.unit,
      unitRule: 'catalog',
      records: withPublicationDates(csv.seriesId, csv.rows),
      missing: csv.missing,
      runId: opts.runId,
      today: opts.today,
      source: 'fred-file',
    });
    const warnings = [...(derived.action === 'keep-apart' ? [derived.message] : derived.warnings), ...(summary.warnings ?? [])];
    return { ...summary, series: `${summary.series} ← ${file}`, ...(warnings.length ? { warnings } : {}) };
  });
}
