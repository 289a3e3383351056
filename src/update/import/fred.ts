import { fredSource } from '../../sources/fred/source.js';
import type { Store } from '../../store/store.js';
import { importFiles } from '../import-files.js';
import type { SeriesSummary } from '../types.js';

/**
 * `tidewatch import fred FILE...`: each file through the FRED source's transform and written in
 * its own transaction; a bad file is reported and the others still import. A file derived from a
 * daily series is kept apart under its own id or refused (see source.ts).
 */
export function importFredFiles(
  store: Store,
  files: string[],
  opts: { runId: number | null; today: string; onFile?: (file: string) => void },
): Promise<SeriesSummary[]> {
  return importFiles(store, fredSource.files!, files, {
    runId: opts.runId,
    today: opts.today,
    onFile: opts.onFile,
    query: {},
  });
}
