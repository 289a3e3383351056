import path from 'node:path';
import { today } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { importEachFile, walkFiles } from '../../update/files.js';
import type { SeriesSummary } from '../../update/types.js';
import { parseFundingFile } from '../crypto/funding.js';
import { writeFearGreed, writeFunding, writeLiquidations } from '../crypto/repository.js';
import { parseFearGreed, parseHyperliquidLiquidations } from '../crypto/sentiment.js';
import { type ParsePriceOptions, parsePriceCsv } from './parse.js';
import { writePrices } from './repository.js';
import type { ColumnMap } from './types.js';

/**
 * Files given, with directories expanded (recursively) to the .csv/.json files inside; a
 * missing path or dangling link is kept (the importer reports it as unreadable) and link
 * loops are cut (see walkFiles).
 */
export function expandPaths(paths: string[]): string[] {
  return walkFiles(paths, (p) => /\.(csv|json)$/i.test(p)).files;
}

/** `folder/NAME.csv`: enough to tell two downloads of one symbol apart, stable across machines. */
export function sourceLabel(file: string): string {
  return `${path.basename(path.dirname(path.resolve(file)))}/${path.basename(file)}`;
}

export interface ImportOptions {
  symbol?: string;
  map?: ColumnMap;
  partialLast?: 'drop' | 'flag';
  /** Day of the import (for vintages of series rows); default today. */
  today?: string;
  runId?: number | null;
  onFile?: (file: string) => void;
}

/** One price file: parsed fully, then stored in one transaction. Failures are per file. */
async function importOnePrice(
  store: Store,
  file: string,
  text: string,
  opts: ImportOptions,
): Promise<SeriesSummary> {
  const label = sourceLabel(file);
  const popts: ParsePriceOptions = { file: label };
  if (opts.symbol) popts.symbol = opts.symbol;
  if (opts.map) popts.map = opts.map;
  if (opts.partialLast) popts.partialLast = opts.partialLast;
  const parsed = parsePriceCsv(text, popts);
  const counts = await writePrices(store.db, parsed);
  const warnings = [...parsed.notes, ...parsed.dropped.map((d) => `dropped ${d.date}: ${d.reason}`)].map(
    (w) => `${parsed.symbol} ${label}: ${w}`,
  );
  return { source: 'prices-file', series: `${parsed.symbol} ← ${label}`, status: 'ok', ...counts, warnings };
}

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
  return importEachFile('prices-file', files, opts.onFile, (f, text) => importOnePrice(store, f, text, opts));
}

/** Symbol of a crypto side file from its name (the shared funding files are all BTC perps). */
function cryptoSymbol(file: string, explicit?: string): string {
  if (explicit) return explicit;
  const b = path.basename(file).toLowerCase();
  if (b.includes('eth')) return 'ETH';
  if (b.includes('btc')) return 'BTC';
  throw new TidewatchError('bad-input', `${file}: cannot tell the coin from the file name`, {
    hint: 'pass --symbol BTC',
  });
}

async function importOneCrypto(
  store: Store,
  file: string,
  text: string,
  opts: ImportOptions,
): Promise<SeriesSummary> {
  const label = sourceLabel(file);
  const head = text.trimStart().slice(0, 200).split(/\r?\n/)[0]!.trim().toLowerCase();
  if (head.startsWith('[') || head === 'date,fundingrate' || head === 'date,funding_mean,funding_abs') {
    const f = parseFundingFile(text, label);
    const symbol = cryptoSymbol(file, opts.symbol);
    const r = await writeFunding(store.db, `file:${label}`, symbol, f);
    return {
      source: 'crypto-file',
      series: `${symbol} funding ${f.interval} ← ${label}`,
      status: 'ok',
      newRows: Math.max(0, r.after - r.before),
      revisedRows: 0,
      unchanged: Math.min(r.before, r.after),
      warnings: [`${label}: file unit ${f.fileUnit}`, ...f.notes.map((n) => `${label}: ${n}`)],
    };
  }
  if (head === 'date,fng') {
    const rows = parseFearGreed(text, label);
    const w = await writeFearGreed(store, rows, `file:${label}`, opts.today ?? today(), opts.runId ?? null);
    return { source: 'crypto-file', series: `CRYPTO:FEAR_GREED ← ${label}`, status: 'ok', ...w };
  }
  if (head.startsWith('time,user,liquidated_ntl_pos')) {
    const rows = parseHyperliquidLiquidations(text, label);
    await writeLiquidations(store.db, `file:${label}`, rows);
    return {
      source: 'crypto-file',
      series: `liquidations ← ${label}`,
      status: 'ok',
      newRows: rows.length,
      revisedRows: 0,
      warnings: [
        `${label}: a small early Hyperliquid sample (no coin/side): format sample, not a market-wide signal`,
      ],
    };
  }
  return importOnePrice(store, file, text, opts);
}

/** `tidewatch import crypto FILE...`: klines, BTC-USD closes, funding, fear & greed, liquidations. */
export async function importCryptoFiles(
  store: Store,
  paths: string[],
  opts: ImportOptions = {},
): Promise<SeriesSummary[]> {
  const files = expandPaths(paths);
  return importEachFile('crypto-file', files, opts.onFile, (f, text) =>
    importOneCrypto(store, f, text, opts),
  );
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
