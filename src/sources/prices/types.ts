import type { IsoDate } from '../../core/dates.js';

/**
 * Price file formats recognised from the header. The five daily-bar formats found in
 * ../shared/data/prices (see its PROVENANCE.md), Stooq, the two crypto daily shapes, and a
 * generic OHLCV layout that needs a column map.
 */
export type PriceFormat =
  | 'yf-autoadj-ohlcv' // Date,Close,High,Low,Open,Volume — split+dividend adjusted, Close first
  | 'yahoo-classic' // Date,Open,High,Low,Close,Adj Close,Volume with 6-decimal prices
  | 'yf-ohlc-adjclose' // same header, float64 text (yfinance auto_adjust=False)
  | 'yf-close-only' // Date,Close — last row may be an intraday snapshot
  | 'yf-multiheader' // Price,... / Ticker,... / Date,,, — yfinance >= 0.2.5x
  | 'stooq' // Date,Open,High,Low,Close,Volume — adjusted, fractional volume
  | 'binance-kline' // timestamp,open,high,low,close,volume (UTC day)
  | 'close-volume' // date,price,volume (Yahoo-style BTC-USD close)
  | 'yahoo-chart' // connector: Yahoo v8 chart JSON
  | 'generic'; // any CSV with a column map

/**
 * What adjustments the `close` figure carries. 'raw' = as traded; 'split' = split-adjusted as of
 * the download date (Yahoo's "Close"); 'split+div' = split and dividend adjusted ("Adj Close").
 */
export type CloseBasis = 'raw' | 'split' | 'split+div';

export interface PriceBar {
  date: IsoDate;
  open: number | null;
  high: number | null;
  low: number | null;
  /** Close as the source reports it (see `closeBasis`). */
  close: number;
  /** Split+dividend adjusted close (equal to `close` when the source only has adjusted prices). */
  adjClose: number;
  volume: number | null;
  /** 1-based line of the file the bar was read from (files only), for messages. */
  line?: number;
}

export interface CorporateAction {
  symbol: string;
  date: IsoDate;
  kind: 'split' | 'dividend';
  /** Split: shares after per share before (10 for NVDA's 10:1). Dividend: cash per share. */
  value: number;
  source: string;
}

export interface DroppedRow {
  date: IsoDate;
  line?: number;
  reason: string;
}

export interface ParsedPrices {
  file: string;
  format: PriceFormat;
  symbol: string;
  closeBasis: CloseBasis;
  /** Where these figures came from, stored next to every bar ('file:yf-close-only/NVDA.csv'). */
  source: string;
  bars: PriceBar[];
  actions: CorporateAction[];
  /** Rows kept out of `bars` with the reason (partial last day, duplicates, null rows). */
  dropped: DroppedRow[];
  /** Repairs applied and oddities a person should know about (gaps, re-sorting, detected splits). */
  notes: string[];
}

/** Generic CSV column map: our field -> the file's column name. */
export interface ColumnMap {
  date: string;
  close: string;
  open?: string;
  high?: string;
  low?: string;
  adjClose?: string;
  volume?: string;
}
