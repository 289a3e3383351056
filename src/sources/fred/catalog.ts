import type { Unit } from '../../core/units.js';
import type { ReleaseRule } from './publication.js';

/**
 * The FRED series tidewatch knows, with FRED's units as of 2026 (never inferred from the id).
 * `range` is the plausible span of values in the canonical unit (US$ for money): an import whose
 * values sit outside it by exactly ×1000 is in the other unit (FRED changed WTREGEN and WRESBAL
 * from billions to millions between downloads).
 */
export interface CatalogEntry {
  id: string;
  title: string;
  unit: Unit;
  frequency: 'daily' | 'daily-7' | 'weekly' | 'monthly';
  release: ReleaseRule;
  range?: [number, number];
  /** Part of the default `update` set. */
  default?: boolean;
}

const T = 1e12;
const B = 1e9;

export const FRED_CATALOG: CatalogEntry[] = [
  { id: 'WALCL', title: 'Fed total assets (Wednesday level)', unit: 'usd_millions', frequency: 'weekly', release: 'h41', range: [0.5 * T, 20 * T], default: true },
  { id: 'WTREGEN', title: 'Treasury General Account (week average)', unit: 'usd_millions', frequency: 'weekly', release: 'h41', range: [1 * B, 3 * T], default: true },
  { id: 'RRPONTSYD', title: 'Overnight reverse repo (Treasuries sold)', unit: 'usd_billions', frequency: 'daily', release: 'same-day', range: [0, 5 * T], default: true },
  { id: 'WRESBAL', title: 'Reserve balances with Federal Reserve Banks (week average)', unit: 'usd_millions', frequency: 'weekly', release: 'h41', range: [1 * B, 10 * T], default: true },
  { id: 'TOTRESNS', title: 'Total reserves of depository institutions (NSA)', unit: 'usd_billions', frequency: 'monthly', release: 'monthly-h3', range: [1 * B, 10 * T], default: true },
  { id: 'SOFR', title: 'Secured Overnight Financing Rate', unit: 'percent', frequency: 'daily', release: 'next-business-day', default: true },
  { id: 'IORB', title: 'Interest rate on reserve balances', unit: 'percent', frequency: 'daily-7', release: 'same-day', default: true },
  { id: 'IOER', title: 'Interest rate on excess reserves (to 2021-07-28)', unit: 'percent', frequency: 'daily-7', release: 'same-day' },
  { id: 'EFFR', title: 'Effective federal funds rate', unit: 'percent', frequency: 'daily', release: 'next-business-day', default: true },
  { id: 'DFF', title: 'Federal funds effective rate (7-day)', unit: 'percent', frequency: 'daily-7', release: 'next-business-day', default: true },
  { id: 'DFEDTARU', title: 'Fed funds target range, upper limit', unit: 'percent', frequency: 'daily-7', release: 'same-day', default: true },
  { id: 'DFEDTARL', title: 'Fed funds target range, lower limit', unit: 'percent', frequency: 'daily-7', release: 'same-day', default: true },
  { id: 'DGS3MO', title: '3-month Treasury constant maturity', unit: 'percent', frequency: 'daily', release: 'next-business-day', default: true },
  { id: 'DGS2', title: '2-year Treasury constant maturity', unit: 'percent', frequency: 'daily', release: 'next-business-day', default: true },
  { id: 'DGS10', title: '10-year Treasury constant maturity', unit: 'percent', frequency: 'daily', release: 'next-business-day', default: true },
  { id: 'T10Y2Y', title: '10-year minus 2-year Treasury spread', unit: 'percent', frequency: 'daily', release: 'next-business-day', default: true },
  { id: 'BAMLH0A0HYM2', title: 'ICE BofA US High Yield option-adjusted spread', unit: 'percent', frequency: 'daily', release: 'next-business-day', default: true },
  { id: 'VIXCLS', title: 'CBOE Volatility Index close', unit: 'index', frequency: 'daily', release: 'next-business-day', default: true },
  { id: 'NFCI', title: 'Chicago Fed National Financial Conditions Index', unit: 'index', frequency: 'weekly', release: 'nfci', default: true },
  { id: 'M2SL', title: 'M2 money stock (SA)', unit: 'usd_billions', frequency: 'monthly', release: 'monthly-h6', range: [100 * B, 100 * T] },
  { id: 'DTWEXBGS', title: 'Nominal broad US dollar index', unit: 'index', frequency: 'daily', release: 'next-business-day', default: true },
  { id: 'SP500', title: 'S&P 500 index close', unit: 'index', frequency: 'daily', release: 'market-close', default: true },
  { id: 'DPSACBW027SBOG', title: 'Commercial bank deposits (SA)', unit: 'usd_billions', frequency: 'weekly', release: 'h8', range: [100 * B, 100 * T] },
  { id: 'FEDFUNDS', title: 'Effective federal funds rate (monthly)', unit: 'percent', frequency: 'monthly', release: 'monthly-bls' },
  { id: 'DGS1MO', title: '1-month Treasury constant maturity', unit: 'percent', frequency: 'daily', release: 'next-business-day' },
  { id: 'DGS6MO', title: '6-month Treasury constant maturity', unit: 'percent', frequency: 'daily', release: 'next-business-day' },
  { id: 'DGS1', title: '1-year Treasury constant maturity', unit: 'percent', frequency: 'daily', release: 'next-business-day' },
  { id: 'DGS5', title: '5-year Treasury constant maturity', unit: 'percent', frequency: 'daily', release: 'next-business-day' },
  { id: 'DGS7', title: '7-year Treasury constant maturity', unit: 'percent', frequency: 'daily', release: 'next-business-day' },
  { id: 'DGS20', title: '20-year Treasury constant maturity', unit: 'percent', frequency: 'daily', release: 'next-business-day' },
  { id: 'DGS30', title: '30-year Treasury constant maturity', unit: 'percent', frequency: 'daily', release: 'next-business-day' },
  { id: 'T5YIFR', title: '5-year, 5-year forward inflation expectation', unit: 'percent', frequency: 'daily', release: 'next-business-day' },
  { id: 'BAMLCC0A0CMTRIV', title: 'ICE BofA US Corporate total return index', unit: 'index', frequency: 'daily', release: 'next-business-day' },
  { id: 'CPILFESL', title: 'Core CPI (SA)', unit: 'index', frequency: 'monthly', release: 'monthly-bls' },
  { id: 'PCEPILFE', title: 'Core PCE price index', unit: 'index', frequency: 'monthly', release: 'monthly-late' },
  { id: 'UNRATE', title: 'Unemployment rate', unit: 'percent', frequency: 'monthly', release: 'monthly-bls' },
  { id: 'UMCSENT', title: 'University of Michigan consumer sentiment', unit: 'index', frequency: 'monthly', release: 'monthly-late' },
  { id: 'ICSA', title: 'Initial jobless claims (SA)', unit: 'count', frequency: 'weekly', release: 'weekly-claims' },
];

const BY_ID = new Map(FRED_CATALOG.map((e) => [e.id, e]));

export function catalogEntry(id: string): CatalogEntry | undefined {
  return BY_ID.get(id.toUpperCase());
}

export const DEFAULT_FRED_SERIES = FRED_CATALOG.filter((e) => e.default).map((e) => e.id);

/** Unknown ids still import: as an index-like series published the next business day. */
export function catalogEntryOrGeneric(id: string): CatalogEntry {
  return (
    catalogEntry(id) ?? {
      id: id.toUpperCase(),
      title: id.toUpperCase(),
      unit: 'index',
      frequency: 'daily',
      release: 'next-business-day',
    }
  );
}
