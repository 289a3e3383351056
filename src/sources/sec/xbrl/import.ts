import path from 'node:path';
import type { Store } from '../../../store/store.js';
import { importEachFile } from '../../../update/files.js';
import type { SeriesSummary } from '../../../update/types.js';
import { parseXbrlDocument } from './parse.js';
import { documentId, saveXbrlDocument } from './repository.js';
import type { FilingMeta } from './types.js';

/**
 * `tidewatch import xbrl FILE...`: companyfacts JSON, XBRL instances and inline-XBRL documents,
 * each checked whole (root element closed, JSON complete) and parsed before anything is written,
 * then stored in one transaction; a bad file is one failed item, the others still import.
 */
export function importXbrlFiles(store: Store, files: string[], meta: FilingMeta = {}): Promise<SeriesSummary[]> {
  return importEachFile('xbrl', files, undefined, async (file, text) => {
    const doc = parseXbrlDocument(text, path.basename(file), meta);
    const r = await saveXbrlDocument(store.db, doc, documentId(text));
    return {
      source: `xbrl-${doc.kind}`,
      series: `${file} (CIK ${doc.cik}${doc.documentType ? `, ${doc.documentType}` : ''}${doc.periodEnd ? ` ${doc.periodEnd}` : ''})`,
      status: 'ok',
      newRows: r.inserted,
      // Facts stored earlier without a filing date that now have one.
      revisedRows: r.filedAdded,
      unchanged: r.unchanged,
      warnings: doc.warnings.slice(0, 20),
    };
  });
}
