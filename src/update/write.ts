import path from 'node:path';
import type { Batch, BatchKind } from '../sources/batches.js';
import { writeFunding, writeLiquidations, writeOpenInterest } from '../sources/crypto/repository.js';
import { writeCuratedRows } from '../sources/curated/repository.js';
import { writeOperations } from '../sources/nyfed/ingest.js';
import { writePrices } from '../sources/prices/repository.js';
import { mapStoredCusips, storeResolver } from '../sources/sec/thirteenf/cusip-store.js';
import { filingKey, saveFiling } from '../sources/sec/thirteenf/repository.js';
import { normaliseWithStoredPrices } from '../sources/sec/thirteenf/stored-prices.js';
import { markFetched } from '../sources/sec/thirteenf/watchlist-store.js';
import { saveXbrlDocument } from '../sources/sec/xbrl/repository.js';
import { writeAuctions } from '../sources/treasury/ingest.js';
import type { Db } from '../store/db.js';
import { writeSeriesBatch } from '../store/series-writer.js';
import type { Store } from '../store/store.js';

/**
 * One writer per record kind. Every update and every file import writes its batches through
 * `writeBatch`, so there is exactly one path into each table: observations (with the series'
 * metadata), 13F filings, XBRL facts, price bars, funding, open interest, liquidations,
 * auctions, desk operations, the CUSIP map, EDGAR fetch state and curated rows. Each writer checks what it is
 * given (plausibility, conflicting duplicates) before writing, and counts against what was
 * stored: "new" is a row that did not exist, "revised" a stored row whose value changed.
 */
export interface Written {
  /** What was written, as provenance and trace name it: a series id, an accession, 'SPY|yahoo-chart'. */
  key: string;
  newRows: number;
  revisedRows: number;
  unchanged: number;
  warnings: string[];
}

export interface WriteContext {
  today: string;
  runId: number | null;
}

type Writer<K extends BatchKind> = (
  store: Store,
  tx: Db,
  b: Extract<Batch, { kind: K }>,
  ctx: WriteContext,
) => Promise<Written>;

const counts = (c: { newRows: number; revisedRows: number; unchanged: number }) => ({
  newRows: c.newRows,
  revisedRows: c.revisedRows,
  unchanged: c.unchanged,
});

export const WRITERS: { [K in BatchKind]: Writer<K> } = {
  observations: async (store, tx, b, ctx) => {
    const w = await writeSeriesBatch(store, tx, b, { ...ctx, reconcile: b.reconcile });
    return { key: w.id, ...counts(w), warnings: w.warnings };
  },
  'thirteenf-filing': async (_store, tx, b) => {
    const f = await normaliseWithStoredPrices(tx, b.parsed, await storeResolver(tx));
    const status = await saveFiling(tx, f, b.contentSha);
    const n = b.count === 'filings' ? 1 : f.holdings.length;
    return {
      key: filingKey(f, b.contentSha),
      newRows: status === 'new' ? n : 0,
      revisedRows: status === 'replaced' ? n : 0,
      unchanged: status === 'unchanged' ? n : 0,
      warnings: [
        `${f.accession ?? path.basename(f.source)} ${f.form}: values ${f.unit.unit} (${f.unit.rule}: ${f.unit.detail})`,
        ...f.warnings,
      ],
    };
  },
  'xbrl-document': async (_store, tx, b) => {
    const r = await saveXbrlDocument(tx, b.doc, b.documentId, b.ticker);
    // Facts stored earlier without a filing date that now have one count as revised.
    return {
      key: `${b.doc.cik}|${b.documentId}`,
      newRows: r.inserted,
      revisedRows: r.filedAdded,
      unchanged: r.unchanged,
      warnings: [],
    };
  },
  'price-bars': async (_store, tx, b) => {
    const c = await writePrices(tx, b.prices);
    return { key: `${b.prices.symbol}|${b.prices.source}`, ...counts(c), warnings: [] };
  },
  funding: async (_store, tx, b) => {
    const c = await writeFunding(tx, b.source, b.symbol, b.funding);
    return { key: `${b.symbol}|${b.source}`, ...counts(c), warnings: [] };
  },
  'open-interest': async (_store, tx, b) => {
    const c = await writeOpenInterest(tx, b.source, b.symbol, b.rows);
    return { key: `${b.symbol}|${b.source}`, ...counts(c), warnings: [] };
  },
  liquidations: async (_store, tx, b) => {
    const c = await writeLiquidations(tx, b.source, b.rows);
    return { key: b.source, ...counts(c), warnings: [] };
  },
  auctions: async (_store, tx, b) => {
    const w = await writeAuctions(tx, b.records, b.origin);
    return { key: 'treasury_auctions', ...counts(w), warnings: w.warnings };
  },
  operations: async (_store, tx, b) => {
    const c = await writeOperations(tx, b.repo, b.tsy, b.origin);
    return { key: 'nyfed_operations', ...counts(c), warnings: [] };
  },
  'cusip-tickers': async (_store, tx, b) => {
    const n = await mapStoredCusips(tx, b.companies);
    return { key: 'sec_cusip_map', newRows: n, revisedRows: 0, unchanged: 0, warnings: [] };
  },
  curated: async (_store, tx, b, ctx) => {
    const c = await writeCuratedRows(tx, b, ctx.runId);
    return {
      key: `curated:${b.dataset}`,
      ...counts(c),
      warnings: c.removed ? [`${c.removed} stored row(s) no longer in ${b.file}: removed`] : [],
    };
  },
  'fetch-state': async (_store, tx, b) => {
    await markFetched(tx, b.url, null);
    return { key: b.url, newRows: 0, revisedRows: 0, unchanged: 0, warnings: [] };
  },
};

/** Write one batch through the writer of its kind, inside the caller's transaction. */
export function writeBatch(store: Store, tx: Db, b: Batch, ctx: WriteContext): Promise<Written> {
  return (WRITERS[b.kind] as Writer<typeof b.kind>)(store, tx, b as never, ctx);
}
