import { splitCsvLine } from '../../core/csv.js';
import { TidewatchError } from '../../core/errors.js';

import type { CloseBasis, ColumnMap, PriceFormat } from './types.js';

export function csvLines(text: string): string[] {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = t.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines;
}

export interface DetectedLayout {
  format: PriceFormat;
  /** Number of header lines to skip. */
  headerLines: number;
  /** Column index of each field, -1 when absent. */
  cols: {
    date: number;
    open: number;
    high: number;
    low: number;
    close: number;
    adjClose: number;
    volume: number;
  };
  closeBasis: CloseBasis;
  /** Ticker named inside the file (multi-row header), if any. */
  tickerInFile: string | null;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/^"|"$/g, '');

function indexer(header: string[]) {
  const h = header.map(norm);
  return (name: string | undefined) => (name === undefined ? -1 : h.indexOf(name.toLowerCase()));
}

/** Prices with at most 6 decimals in the first data rows: the classic Yahoo download, not yfinance. */
function looksSixDecimal(lines: string[], start: number, closeIdx: number): boolean {
  for (let i = start; i < Math.min(lines.length, start + 20); i++) {
    const cell = splitCsvLine(lines[i] ?? '')[closeIdx] ?? '';
    const dec = cell.split('.')[1] ?? '';
    if (dec.length > 6) return false;
  }
  return true;
}

/**
 * Recognise the layout from the header line(s). The header is the contract: the same
 * `Date,Open,High,Low,Close,Adj Close,Volume` header is told apart (classic Yahoo vs yfinance)
 * only by number text, which matters for provenance, not for meaning.
 */
export function detectLayout(lines: string[], file: string, map?: ColumnMap): DetectedLayout {
  const first = lines[0];
  if (first === undefined) throw new TidewatchError('bad-input', `${file}: empty file, no header line`);
  const header = splitCsvLine(first);
  const key = header.map(norm).join(',');
  const at = indexer(header);
  const mk = (
    format: PriceFormat,
    closeBasis: CloseBasis,
    headerLines = 1,
    tickerInFile: string | null = null,
  ) => ({
    format,
    headerLines,
    closeBasis,
    tickerInFile,
    cols: {
      date: Math.max(at('date'), at('timestamp')),
      open: at('open'),
      high: at('high'),
      low: at('low'),
      close: at('close') >= 0 ? at('close') : at('price'),
      adjClose: at('adj close'),
      volume: at('volume'),
    },
  });

  if (map) {
    const cols = {
      date: at(map.date),
      open: at(map.open),
      high: at(map.high),
      low: at(map.low),
      close: at(map.close),
      adjClose: at(map.adjClose),
      volume: at(map.volume),
    };
    for (const [field, name] of Object.entries(map)) {
      if (name !== undefined && at(name) < 0) {
        throw new TidewatchError(
          'bad-input',
          `${file}: column map names ${field}='${name}' but the header is '${first}'`,
          { hint: 'spell the column exactly as in the header (case-insensitive)' },
        );
      }
    }
    return {
      format: 'generic',
      headerLines: 1,
      cols,
      closeBasis: cols.adjClose >= 0 ? 'split' : 'split+div',
      tickerInFile: null,
    };
  }

  if (norm(header[0] ?? '') === 'price' && norm(splitCsvLine(lines[1] ?? '')[0] ?? '') === 'ticker') {
    // yfinance multi-index CSV: field names on line 1, tickers on line 2, "Date,,,," on line 3.
    const tickers = splitCsvLine(lines[1] ?? '')
      .slice(1)
      .filter((t) => t.trim() !== '');
    const unique = [...new Set(tickers)];
    if (unique.length > 1) {
      throw new TidewatchError('bad-input', `${file}: multi-ticker yfinance CSV (${unique.join(', ')})`, {
        hint: 'download one ticker per file',
      });
    }
    const third = norm(splitCsvLine(lines[2] ?? '')[0] ?? '');
    const layout = mk('yf-multiheader', 'split+div', third === 'date' ? 3 : 2, unique[0] ?? null);
    layout.cols.date = 0;
    layout.cols.adjClose = at('adj close');
    // With auto_adjust=False the file has an Adj Close column and Close is split-adjusted only.
    layout.closeBasis = layout.cols.adjClose >= 0 ? 'split' : 'split+div';
    return layout;
  }

  switch (key) {
    case 'date,close,high,low,open,volume':
      return mk('yf-autoadj-ohlcv', 'split+div');
    case 'date,open,high,low,close,adj close,volume':
      return looksSixDecimal(lines, 1, 4) ? mk('yahoo-classic', 'split') : mk('yf-ohlc-adjclose', 'split');
    case 'date,close':
      return mk('yf-close-only', 'split+div');
    case 'date,open,high,low,close,volume':
      return mk('stooq', 'split+div');
    case 'data,otwarcie,najwyzszy,najnizszy,zamkniecie,wolumen': {
      // Stooq's Polish-language header, same columns.
      const l = mk('stooq', 'split+div');
      l.cols = { date: 0, open: 1, high: 2, low: 3, close: 4, adjClose: -1, volume: 5 };
      return l;
    }
    case 'timestamp,open,high,low,close,volume':
      return mk('binance-kline', 'raw');
    case 'date,price,volume':
      return mk('close-volume', 'raw');
    default:
      throw new TidewatchError('bad-input', `${file}: unrecognised price file header '${first}'`, {
        hint:
          'known headers: yfinance, classic Yahoo, close-only, multi-row yfinance, Stooq, Binance klines; ' +
          'for another layout pass a column map, e.g. --map date=Day,close=Last,volume=Vol',
      });
  }
}

/** Parse `date=Day,close=Last,adjClose=Adj` into a ColumnMap. */
export function parseColumnMap(spec: string): ColumnMap {
  const out: Record<string, string> = {};
  const allowed = new Set(['date', 'open', 'high', 'low', 'close', 'adjClose', 'volume']);
  for (const part of spec.split(',')) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (!k || !v || !allowed.has(k)) {
      throw new TidewatchError('bad-input', `--map: cannot read '${part}' (want field=Column)`, {
        hint: `fields: ${[...allowed].join(', ')}`,
      });
    }
    out[k] = v;
  }
  if (!out.date || !out.close) {
    throw new TidewatchError('bad-input', `--map '${spec}' must name at least date= and close=`);
  }
  return out as unknown as ColumnMap;
}
