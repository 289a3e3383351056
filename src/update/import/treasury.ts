import { treasurySource } from '../../sources/treasury/source.js';
import type { Store } from '../../store/store.js';
import { importFiles } from '../import-files.js';
import type { SeriesSummary } from '../types.js';

/** `tidewatch import treasury FILE...`: each file through the treasury source's file transform, in its own transaction. */
export async function importTreasuryFiles(
  store: Store,
  files: string[],
  opts: { runId: number | null; today: string; onFile?: (f: string) => void },
): Promise<SeriesSummary[]> {
  return importFiles(store, treasurySource.files!, files, {
    runId: opts.runId,
    today: opts.today,
    onFile: opts.onFile,
    query: {},
  });
}
