import { xbrlSource } from '../../sources/sec/xbrl/source.js';
import type { FilingMeta } from '../../sources/sec/xbrl/types.js';
import type { Store } from '../../store/store.js';
import { importFiles } from '../import-files.js';
import type { SeriesSummary } from '../types.js';

/**
 * `tidewatch import xbrl FILE...`: companyfacts JSON, XBRL instances and inline-XBRL documents,
 * each through the XBRL source's file transform and stored in one transaction; a bad file is one
 * failed item, the others still import.
 */
export function importXbrlFiles(
  store: Store,
  files: string[],
  meta: FilingMeta = {},
  opts: { runId?: number | null; today?: string } = {},
): Promise<SeriesSummary[]> {
  const query = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined && v !== null));
  return importFiles(store, xbrlSource.files!, files, {
    runId: opts.runId ?? null,
    today: opts.today ?? new Date().toISOString().slice(0, 10),
    query,
  });
}
