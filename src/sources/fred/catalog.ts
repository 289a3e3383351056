import { ANY_VALUE, type Plausible } from '../../core/plausibility.js';
import type { Unit } from '../../core/units.js';
import type { ReleaseRule } from './publication.js';

/**
 * The FRED series tidewatch knows, with FRED's units as of 2026 (never inferred from the id).
 * `range` is the plausible span of values in the canonical unit (US$ for money): an import whose
 * values sit outside it by exactly ×1000 is in the other unit (FRED changed WTREGEN and WRESBAL
 * from billions to millions between downloads); every import is also refused outside it.
 * `sign` says whether the quantity can be zero or negative (a balance sheet cannot); positive
 * levels also refuse revisions by ×10 or more (see core/plausibility.ts).
 */
export interface CatalogEntry {
  id: string;
  title: string;
  unit: Unit;
  frequency: 'daily' | 'daily-7' | 'weekly' | 'monthly';
  release: ReleaseRule;
  range?: [number, number];
  sign?: Plausible['sign'];
  /** Part of the default `update` set. */
  default?: boolean;
}

const T = 1e12;
const B = 1e9;
/** Percent rates and yields: negative is possible (barely), above 50 % is not US money markets. */
const RATE: Pick<CatalogEntry, 'range' | 'sign'> = { range: [-5, 50], sign: 'any' };
const POS = 'positive' as const;

export const FRED_CATALOG: CatalogEntry[] = [
  {
    id: 'WALCL',
    title: 'Fed total assets (Wednesday level)',
    unit: 'usd_millions',
    frequency: 'weekly',
    release: 'h41',
    range: [0.5 * T, 20 * T],
    default: true,
    sign: POS,
  },
  {
    id: 'WTREGEN',
    title: 'Treasury General Account (week average)',
    unit: 'usd_millions',
    frequency: 'weekly',
    release: 'h41',
    range: [1 * B, 3 * T],
    default: true,
    sign: POS,
  },
  {
    id: 'RRPONTSYD',
    title: 'Overnight reverse repo (Treasuries sold)',
    unit: 'usd_billions',
    frequency: 'daily',
    release: 'same-day',
    range: [0, 5 * T],
    default: true,
    sign: 'non-negative',
  },
  {
    id: 'WRESBAL',
    title: 'Reserve balances with Federal Reserve Banks (week average)',
    unit: 'usd_millions',
    frequency: 'weekly',
    release: 'h41',
    range: [1 * B, 10 * T],
    default: true,
    sign: POS,
  },
  {
    id: 'TOTRESNS',
    title: 'Total reserves of depository institutions (NSA)',
    unit: 'usd_billions',
    frequency: 'monthly',
    release: 'monthly-h3',
    range: [1 * B, 10 * T],
    default: true,
    sign: POS,
  },
  {
    id: 'SOFR',
    title: 'Secured Overnight Financing Rate',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    default: true,
    ...RATE,
  },
  {
    id: 'IORB',
    title: 'Interest rate on reserve balances',
    unit: 'percent',
    frequency: 'daily-7',
    release: 'same-day',
    default: true,
    ...RATE,
  },
  {
    id: 'IOER',
    title: 'Interest rate on excess reserves (to 2021-07-28)',
    unit: 'percent',
    frequency: 'daily-7',
    release: 'same-day',
    ...RATE,
  },
  {
    id: 'EFFR',
    title: 'Effective federal funds rate',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    default: true,
    ...RATE,
  },
  {
    id: 'DFF',
    title: 'Federal funds effective rate (7-day)',
    unit: 'percent',
    frequency: 'daily-7',
    release: 'next-business-day',
    default: true,
    ...RATE,
  },
  {
    id: 'DFEDTARU',
    title: 'Fed funds target range, upper limit',
    unit: 'percent',
    frequency: 'daily-7',
    release: 'same-day',
    default: true,
    ...RATE,
  },
  {
    id: 'DFEDTARL',
    title: 'Fed funds target range, lower limit',
    unit: 'percent',
    frequency: 'daily-7',
    release: 'same-day',
    default: true,
    ...RATE,
  },
  {
    id: 'DGS3MO',
    title: '3-month Treasury constant maturity',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    default: true,
    ...RATE,
  },
  {
    id: 'DGS2',
    title: '2-year Treasury constant maturity',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    default: true,
    ...RATE,
  },
  {
    id: 'DGS10',
    title: '10-year Treasury constant maturity',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    default: true,
    ...RATE,
  },
  {
    id: 'T10Y2Y',
    title: '10-year minus 2-year Treasury spread',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    default: true,
    range: [-20, 20],
  },
  {
    id: 'BAMLH0A0HYM2',
    title: 'ICE BofA US High Yield option-adjusted spread',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    default: true,
    range: [0, 100],
    sign: 'non-negative',
  },
  {
    id: 'VIXCLS',
    title: 'CBOE Volatility Index close',
    unit: 'index',
    frequency: 'daily',
    release: 'next-business-day',
    default: true,
    range: [1, 200],
    sign: POS,
  },
  {
    id: 'NFCI',
    title: 'Chicago Fed National Financial Conditions Index',
    unit: 'index',
    frequency: 'weekly',
    release: 'nfci',
    default: true,
    range: [-20, 50],
  },
  {
    id: 'M2SL',
    title: 'M2 money stock (SA)',
    unit: 'usd_billions',
    frequency: 'monthly',
    release: 'monthly-h6',
    range: [100 * B, 100 * T],
    sign: POS,
  },
  {
    id: 'DTWEXBGS',
    title: 'Nominal broad US dollar index',
    unit: 'index',
    frequency: 'daily',
    release: 'next-business-day',
    default: true,
    range: [10, 1000],
    sign: POS,
  },
  {
    id: 'SP500',
    title: 'S&P 500 index close',
    unit: 'index',
    frequency: 'daily',
    release: 'market-close',
    default: true,
    range: [1, 1e6],
    sign: POS,
  },
  {
    id: 'DPSACBW027SBOG',
    title: 'Commercial bank deposits (SA)',
    unit: 'usd_billions',
    frequency: 'weekly',
    release: 'h8',
    range: [100 * B, 100 * T],
    sign: POS,
  },
  {
    id: 'FEDFUNDS',
    title: 'Effective federal funds rate (monthly)',
    unit: 'percent',
    frequency: 'monthly',
    release: 'monthly-bls',
    ...RATE,
  },
  {
    id: 'DGS1MO',
    title: '1-month Treasury constant maturity',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    ...RATE,
  },
  {
    id: 'DGS6MO',
    title: '6-month Treasury constant maturity',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    ...RATE,
  },
  {
    id: 'DGS1',
    title: '1-year Treasury constant maturity',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    ...RATE,
  },
  {
    id: 'DGS5',
    title: '5-year Treasury constant maturity',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    ...RATE,
  },
  {
    id: 'DGS7',
    title: '7-year Treasury constant maturity',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    ...RATE,
  },
  {
    id: 'DGS20',
    title: '20-year Treasury constant maturity',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    ...RATE,
  },
  {
    id: 'DGS30',
    title: '30-year Treasury constant maturity',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    ...RATE,
  },
  {
    id: 'T5YIFR',
    title: '5-year, 5-year forward inflation expectation',
    unit: 'percent',
    frequency: 'daily',
    release: 'next-business-day',
    range: [-20, 50],
  },
  {
    id: 'BAMLCC0A0CMTRIV',
    title: 'ICE BofA US Corporate total return index',
    unit: 'index',
    frequency: 'daily',
    release: 'next-business-day',
    range: [1, 1e6],
    sign: POS,
  },
  {
    id: 'CPILFESL',
    title: 'Core CPI (SA)',
    unit: 'index',
    frequency: 'monthly',
    release: 'monthly-bls',
    range: [1, 1e5],
    sign: POS,
  },
  {
    id: 'PCEPILFE',
    title: 'Core PCE price index',
    unit: 'index',
    frequency: 'monthly',
    release: 'monthly-late',
    range: [1, 1e5],
    sign: POS,
  },
  {
    id: 'UNRATE',
    title: 'Unemployment rate',
    unit: 'percent',
    frequency: 'monthly',
    release: 'monthly-bls',
    range: [0, 100],
    sign: 'non-negative',
  },
  {
    id: 'UMCSENT',
    title: 'University of Michigan consumer sentiment',
    unit: 'index',
    frequency: 'monthly',
    release: 'monthly-late',
    range: [1, 500],
    sign: POS,
  },
  {
    id: 'ICSA',
    title: 'Initial jobless claims (SA)',
    unit: 'count',
    frequency: 'weekly',
    release: 'weekly-claims',
    range: [1000, 1e8],
    sign: POS,
  },
];

const BY_ID = new Map(FRED_CATALOG.map((e) => [e.id, e]));

export function catalogEntry(id: string): CatalogEntry | undefined {
  return BY_ID.get(id.toUpperCase());
}

export const DEFAULT_FRED_SERIES = FRED_CATALOG.filter((e) => e.default).map((e) => e.id);

/** What an import of this series may write (sign, range, dates from 1900 on). */
export function plausibleFor(entry: CatalogEntry): Plausible {
  if (!entry.sign && !entry.range) return ANY_VALUE;
  const sign = entry.sign ?? 'any';
  return {
    sign,
    since: '1900-01-01',
    ...(entry.range ? { min: entry.range[0], max: entry.range[1] } : {}),
    ...(sign === 'positive' ? { maxRevision: 10 } : {}),
  };
}

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
