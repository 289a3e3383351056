import type { Store } from '../../store/store.js';
import { importEachFile } from '../../update/files.js';
import type { SeriesSummary } from '../../update/types.js';
import { catalogEntryOrGeneric } from './catalog.js';
import { withPublicationDates } from './connector.js';
import { parseFredCsv } from './csv.js';
import { ingestFredRecords } from './ingest.js';

/**
 * `tidewatch import fred FILE...`: each file is parsed fully before anything is written and
 * stored in its own transaction; a bad file is reported and the others still import.
 */
export async function importFredFiles(
  store: Store,
  files: string[],
  opts: { runId: number | null; today: string; onFile?: (file: string) => void },
): Promise<SeriesSummary[]> {
  return importEachFile('fred-file', files, opts.onFile, async (file, text) => {
    const csv = parseFredCsv(text, file);
    const entry = catalogEntryOrGeneric(csv.seriesId);
    const summary = await ingestFredRecords(store, {
      seriesId: csv.seriesId,
      origin: file,
      unit: entry.unit,
      unitRule: 'catalog',
      records: withPublicationDates(csv.seriesId, csv.rows),
      missing: csv.missing,
      runId: opts.runId,
      today: opts.today,
      source: 'fred-file',
    });
    return { ...summary, series: `${summary.series} ← ${file}` };
  });
}
