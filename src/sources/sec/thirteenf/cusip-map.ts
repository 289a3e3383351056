import { z } from 'zod';
import { TidewatchError } from '../../../core/errors.js';
import { parseSecJson } from '../shape.js';

/**
 * CUSIP → ticker. A 13F names securities by CUSIP and an abbreviated issuer name; no free SEC
 * list pairs CUSIPs with tickers. Sources, in order of trust:
 * 1. the user's mapping file (CSV `cusip,ticker[,name]`, '#' comments) — always wins;
 * 2. stored mappings (e.g. from OpenFIGI, see openfigi.ts);
 * 3. a name match against SEC's company_tickers.json (ticker ↔ CIK ↔ title). Titles and 13F
 *    issuer names differ in suffixes ("CHARTER COMMUNICATIONS INC N" vs "CHARTER
 *    COMMUNICATIONS, INC. /MO/"), so both are reduced to core words; a name shared by several
 *    tickers (iShares Trust ETFs, Alphabet's two classes) is ambiguous and left unmapped;
 * 4. built in (last resort): the index and sector ETFs (absent from EDGAR's company list) and the
 *    issuers of the puts in the watched filings and the scorecard's episodes, so those stay
 *    priced when nothing else is mapped. Every surface (holdings, watchlist, scorecard) resolves
 *    through this one resolver.
 */
export type MappingSource = 'user-file' | 'stored' | 'openfigi' | 'name-match' | 'built-in';

export interface TickerMapping {
  ticker: string;
  name: string | null;
  source: MappingSource;
}

export function parseUserMapping(text: string, where: string): Map<string, TickerMapping> {
  const out = new Map<string, TickerMapping>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [cusip, ticker, ...rest] = line.split(',').map((s) => s.trim());
    if (i === 0 && cusip?.toLowerCase() === 'cusip') return;
    if (!cusip || !/^[0-9A-Z]{8,9}$/i.test(cusip) || !ticker) {
      throw new TidewatchError(
        'bad-input',
        `${where}:${i + 1}: expected 'cusip,ticker[,name]' with a 9-character CUSIP, got '${line}'`,
      );
    }
    out.set(cusip.toUpperCase(), {
      ticker: ticker.toUpperCase(),
      name: rest.join(',') || null,
      source: 'user-file',
    });
  });
  return out;
}

const CompanyTickers = z.record(
  z.string(),
  z.object({ cik_str: z.number(), ticker: z.string(), title: z.string() }),
);

export interface CompanyTicker {
  cik: number;
  ticker: string;
  title: string;
}

export function parseCompanyTickers(json: unknown, where: string): CompanyTicker[] {
  const tickers = parseSecJson(CompanyTickers, json, where, 'company_tickers.json');
  return Object.values(tickers).map((v) => ({ cik: v.cik_str, ticker: v.ticker, title: v.title }));
}

const NOISE = new Set([
  'INC',
  'INCORPORATED',
  'CORP',
  'CORPORATION',
  'CO',
  'COMPANY',
  'LTD',
  'LIMITED',
  'LLC',
  'LP',
  'PLC',
  'NEW',
  'N',
  'THE',
  'TR',
  'TRUST',
  'SER',
  'SERIES',
  '1',
  'ADR',
  'SPONSORED',
  'SA',
  'NV',
  'AG',
  'SE',
  'HLDGS',
  'HOLDINGS',
  'HOLDING',
  'GROUP',
  'GRP',
  'CL',
  'A',
  'COM',
  'DEL',
  'DE',
  'MD',
  'MO',
  'NY',
  'ETF',
  'FD',
  'FUND',
]);

/** Core words of a company name: upper case, no punctuation (but '&'), no legal suffixes. */
export function nameKey(name: string): string {
  return name
    .toUpperCase()
    .replace(/\/[A-Z]{2,3}\//g, ' ')
    .replace(/[^A-Z0-9& ]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !NOISE.has(w))
    .join(' ');
}

export class NameMatcher {
  private readonly byKey = new Map<string, Set<string>>();

  constructor(companies: CompanyTicker[]) {
    for (const c of companies) {
      const k = nameKey(c.title);
      if (!k) continue;
      const s = this.byKey.get(k) ?? new Set<string>();
      s.add(c.ticker);
      this.byKey.set(k, s);
    }
  }

  /** The ticker whose title reduces to the same core words; null when none or ambiguous. */
  match(issuer: string): TickerMapping | null {
    const s = this.byKey.get(nameKey(issuer));
    if (s?.size !== 1) return null;
    return { ticker: [...s][0]!, name: issuer, source: 'name-match' };
  }
}

export interface TickerResolver {
  resolve(cusip: string, issuer: string): TickerMapping | null;
}

/**
 * CUSIPs seen in the stored Scion filings (scion/PROVENANCE.md) whose issuer name says nothing
 * usable: 464287523 is "ISHARES TR / ISHARES SEMICDTR", the iShares Semiconductor ETF (the
 * curated SOXX episode cites the same 47,365,000 row of 0000905148-23-001400).
 */
const BUILT_IN_CUSIPS: Record<string, string> = {
  '78462F103': 'SPY',
  '46090E103': 'QQQ',
  '464287523': 'SOXX',
};

/** Issuer-name prefixes of the ETFs and single names in the watched filings and seed episodes. */
const BUILT_IN_ISSUERS: Array<[RegExp, string]> = [
  [/^SPDR S&P 500/i, 'SPY'],
  [/^INVESCO QQQ/i, 'QQQ'],
  [/^ISHARES SEMICONDUCTOR/i, 'SOXX'],
  [/^VANECK.*SEMICONDUCTOR/i, 'SMH'],
  [/^ISHARES RUSSELL 2000/i, 'IWM'],
  [/^ARK ETF TR|^ARK INNOVATION/i, 'ARKK'],
  [/^KRANESHARES.*CHINA INTERNET/i, 'KWEB'],
  [/^TESLA/i, 'TSLA'],
  [/^NVIDIA/i, 'NVDA'],
  [/^PALANTIR/i, 'PLTR'],
  [/^APPLE INC/i, 'AAPL'],
  [/^BOOKING HOLDINGS/i, 'BKNG'],
];

export function builtInTicker(cusip: string, issuer: string): TickerMapping | null {
  const byCusip = BUILT_IN_CUSIPS[cusip.toUpperCase()];
  const ticker = byCusip ?? BUILT_IN_ISSUERS.find(([re]) => re.test(issuer.trim()))?.[1];
  return ticker ? { ticker, name: issuer, source: 'built-in' } : null;
}

export function makeResolver(layers: {
  user?: Map<string, TickerMapping>;
  stored?: Map<string, TickerMapping>;
  names?: NameMatcher;
  /** Fall back to builtInTicker (the analytics do; the import's unit check does not). */
  builtIn?: boolean;
}): TickerResolver {
  return {
    resolve(cusip, issuer) {
      return (
        layers.user?.get(cusip) ??
        layers.stored?.get(cusip) ??
        layers.names?.match(issuer) ??
        (layers.builtIn ? builtInTicker(cusip, issuer) : null)
      );
    },
  };
}
