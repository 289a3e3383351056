import type { Reconcile, SeriesBatch } from '../store/series-writer.js';
import type { FundingRow, ParsedFunding } from './crypto/funding.js';
import type { LiquidationRow } from './crypto/sentiment.js';
import type { CuratedDataset, CuratedRow } from './curated/repository.js';
import type { RawBytes } from './define.js';
import type { RepoOperation, TreasuryOperation } from './nyfed/operations.js';
import type { ParsedPrices } from './prices/types.js';
import type { CompanyTicker } from './sec/thirteenf/cusip-map.js';
import type { ParsedThirteenF } from './sec/thirteenf/types.js';
import type { XbrlDocument } from './sec/xbrl/types.js';
import type { AuctionRecord } from './treasury/auctions.js';

/**
 * What a transform returns: typed batches, one kind per record kind, each written by the one
 * writer of its kind (src/update/write.ts). A batch says which summary line it counts into and,
 * when an item read several byte strings, which of them it came from (its provenance).
 */
interface BatchBase {
  /** The summary line it counts into; a function of the key the writer wrote (a derived FRED file kept apart). */
  label: string | ((key: string) => string);
  /** The byte strings it was made from (default: everything the item read). */
  inputs?: RawBytes[];
  /** Values the source left out as missing ('.' rows), reported on the summary. */
  missing?: number;
}

export interface ObservationsBatch extends BatchBase, SeriesBatch {
  kind: 'observations';
  reconcile?: Reconcile;
}

/** One 13F filing as parsed; the writer decides its value unit against stored prices and saves it whole. */
export interface ThirteenFBatch extends BatchBase {
  kind: 'thirteenf-filing';
  parsed: ParsedThirteenF;
  /** sha256 of the filing's text: an identical re-import changes nothing. */
  contentSha: string;
  /** What the summary counts: filings (an update of a filer) or holding rows (a file import). */
  count: 'filings' | 'rows';
}

export interface XbrlBatch extends BatchBase {
  kind: 'xbrl-document';
  doc: XbrlDocument;
  documentId: string;
  ticker?: string | null;
}

export interface PricesBatch extends BatchBase {
  kind: 'price-bars';
  prices: ParsedPrices;
}

export interface FundingBatch extends BatchBase {
  kind: 'funding';
  source: string;
  symbol: string;
  funding: ParsedFunding;
}

export interface OpenInterestBatch extends BatchBase {
  kind: 'open-interest';
  source: string;
  symbol: string;
  rows: Array<{ ts: string; amount: number | null; valueUsd: number | null }>;
}

export interface LiquidationsBatch extends BatchBase {
  kind: 'liquidations';
  source: string;
  rows: LiquidationRow[];
}

export interface AuctionsBatch extends BatchBase {
  kind: 'auctions';
  records: AuctionRecord[];
  origin: string;
}

export interface OperationsBatch extends BatchBase {
  kind: 'operations';
  repo: RepoOperation[];
  tsy: TreasuryOperation[];
  origin: string;
}

/** SEC's company list, used to name-match stored CUSIPs that have no ticker yet. */
export interface CusipTickersBatch extends BatchBase {
  kind: 'cusip-tickers';
  companies: CompanyTicker[];
}

/** One curated dataset read whole from its file: the rows replace what the store held for it. */
export interface CuratedBatch extends BatchBase {
  kind: 'curated';
  dataset: CuratedDataset;
  file: string;
  sha256: string;
  /** manifest.json's version and day for the files it lists; null for a file it does not list. */
  version: { version: number; updated: string } | null;
  rows: CuratedRow[];
}

/** When a fresh-window URL (EDGAR submissions) was read: it is not asked again within the hour. */
export interface FetchStateBatch extends BatchBase {
  kind: 'fetch-state';
  url: string;
}

export type Batch =
  | ObservationsBatch
  | ThirteenFBatch
  | XbrlBatch
  | PricesBatch
  | FundingBatch
  | OpenInterestBatch
  | LiquidationsBatch
  | AuctionsBatch
  | OperationsBatch
  | CusipTickersBatch
  | FetchStateBatch
  | CuratedBatch;

export type BatchKind = Batch['kind'];

/** A series batch as an observations batch counted on its own summary line (its id). */
export function observations(
  b: SeriesBatch,
  extra: Partial<Omit<ObservationsBatch, 'kind'>> = {},
): ObservationsBatch {
  return { ...b, kind: 'observations', label: b.id, ...extra };
}

export type { FundingRow };
