import path from 'node:path';
import { today } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { cryptoFiles } from '../../sources/crypto/source.js';
import { pricesSource, sourceLabel } from '../../sources/prices/source.js';
import type { ColumnMap } from '../../sources/prices/types.js';
import type { Store } from '../../store/store.js';
import { walkFiles } from '../files.js';
import { importFiles } from '../import-files.js';
import type { SeriesSummary } from '../types.js';

/**
 * Files given, with directories expanded (recursively) to the .csv/.json files inside; a
 * missing path or dangling link is kept (the importer reports it as unreadable) and link
 * loops are cut (see walkFiles).
 */
export function expandPaths(paths: string[]): string[] {
  return walkFiles(paths, (p) => /\.(csv|json)$/i.test(p)).files;
}

export { sourceLabel };

export interface ImportOptions {
  symbol?: string;
  map?: ColumnMap;
  partialLast?: 'drop' | 'flag';
  /** Day of the import (for vintages of series rows); default today. */
  today?: string;
  runId?: number | null;
  onFile?: (file: string) => void;
}

const queryOf = (opts: ImportOptions) => ({
  ...(opts.symbol ? { symbol: opts.symbol } : {}),
  ...(opts.map ? { map: opts.map } : {}),
  ...(opts.partialLast ? { partialLast: opts.partialLast } : {}),
});

/** Files through importFiles with the options the price and crypto commands share (today by default). */
function importWith(
  store: Store,
  imp: NonNullable<typeof pricesSource.files>,
  files: string[],
  opts: ImportOptions,
) {
  return importFiles(store, imp, files, {
    runId: opts.runId ?? null,
    today: opts.today ?? today(),
    onFile: opts.onFile,
    query: queryOf(opts),
  });
}

/** `tidewatch import prices FILE...`: each file parsed fully, then stored in one transaction. Failures are per file. */
export async function importPriceFiles(
  store: Store,
  paths: string[],
  opts: ImportOptions = {},
): Promise<SeriesSummary[]> {
  const files = expandPaths(paths);
  if (opts.symbol && files.length > 1) {
    throw new TidewatchError('bad-input', `--symbol ${opts.symbol} given for ${files.length} files`, {
      hint: '--symbol names the symbol of ONE file',
    });
  }
  return importWith(store, pricesSource.files!, files, opts);
}

/** `tidewatch import crypto FILE...`: klines, BTC-USD closes, funding, fear & greed, liquidations. */
export async function importCryptoFiles(
  store: Store,
  paths: string[],
  opts: ImportOptions = {},
): Promise<SeriesSummary[]> {
  return importWith(store, cryptoFiles, expandPaths(paths), opts);
}

/**
 * Demo set-up in one call: every price file under <shared>/prices and every crypto file under
 * <shared>/crypto (PROVENANCE.md files are skipped by extension).
 */
export async function loadDefaultPriceFiles(
  store: Store,
  opts: { sharedData?: string; today?: string; runId?: number | null; onFile?: (f: string) => void } = {},
): Promise<SeriesSummary[]> {
  const root = opts.sharedData ?? process.env.TIDEWATCH_SHARED_DATA ?? path.resolve('../shared/data');
  const base = {
    today: opts.today,
    runId: opts.runId ?? null,
    ...(opts.onFile ? { onFile: opts.onFile } : {}),
  };
  // The Stooq fixture is a 12-row format sample: importing it as NVDA history would add nothing.
  const prices = expandPaths([path.join(root, 'prices')]).filter(
    (f) => !f.includes(`${path.sep}fixtures${path.sep}`),
  );
  return [
    ...(await importPriceFiles(store, prices, base)),
    ...(await importCryptoFiles(store, [path.join(root, 'crypto')], base)),
  ];
}
