import { nyfedSource } from '../../sources/nyfed/source.js';
import type { Store } from '../../store/store.js';
import { importFiles } from '../import-files.js';
import type { SeriesSummary } from '../types.js';

/** `tidewatch import nyfed FILE...`: SOFR/EFFR JSON in either shape (read endpoint or Markets API), all files one item. */
export async function importNyfedFiles(
  store: Store,
  files: string[],
  opts: { runId: number | null; today: string; onFile?: (f: string) => void },
): Promise<SeriesSummary[]> {
  return importFiles(store, nyfedSource.files!, files, {
    runId: opts.runId,
    today: opts.today,
    onFile: opts.onFile,
    query: {},
  });
}
