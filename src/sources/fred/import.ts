import { readFileSync } from 'node:fs';
import { reasonOf, TidewatchError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
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
  const out: SeriesSummary[] = [];
  for (const file of files) {
    opts.onFile?.(file);
    try {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new TidewatchError('not-found', `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? reasonOf(e)})`);
      }
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
      out.push({ ...summary, series: `${summary.series} ← ${file}` });
    } catch (e) {
      out.push({ source: 'fred-file', series: file, status: 'failed', newRows: 0, revisedRows: 0, reason: reasonOf(e) });
    }
  }
  return out;
}
