import { TidewatchError } from './errors.js';

/**
 * Units are explicit and converted in one place. Money is stored canonically in US dollars;
 * the unit the source used is recorded next to it. Never multiply by 1000 anywhere else.
 */
export type Unit =
  | 'usd'
  | 'usd_thousands'
  | 'usd_millions'
  | 'usd_billions'
  | 'percent'
  | 'index'
  | 'count'
  | 'ratio'
  | 'bp';

export type CanonicalUnit = 'usd' | 'percent' | 'index' | 'count' | 'ratio' | 'bp';

const SCALE: Record<Unit, { canonical: CanonicalUnit; factor: number; label: string }> = {
  usd: { canonical: 'usd', factor: 1, label: 'US$' },
  usd_thousands: { canonical: 'usd', factor: 1e3, label: 'US$ thousands' },
  usd_millions: { canonical: 'usd', factor: 1e6, label: 'US$ millions' },
  usd_billions: { canonical: 'usd', factor: 1e9, label: 'US$ billions' },
  percent: { canonical: 'percent', factor: 1, label: 'percent' },
  index: { canonical: 'index', factor: 1, label: 'index' },
  count: { canonical: 'count', factor: 1, label: 'count' },
  ratio: { canonical: 'ratio', factor: 1, label: 'ratio' },
  bp: { canonical: 'bp', factor: 1, label: 'basis points' },
};

export function canonicalUnit(unit: Unit): CanonicalUnit {
  return SCALE[unit].canonical;
}

export function unitFactor(unit: Unit): number {
  return SCALE[unit].factor;
}

export function unitLabel(unit: Unit): string {
  return SCALE[unit].label;
}

/** Convert a value in `unit` to the canonical unit (US dollars for money). */
export function toCanonical(value: number, unit: Unit): number {
  return value * SCALE[unit].factor;
}

/** One step up or down the thousands ladder, used when a source changed its unit by ×1000. */
export function scaleUnit(unit: Unit, steps: -1 | 1): Unit {
  const ladder: Unit[] = ['usd', 'usd_thousands', 'usd_millions', 'usd_billions'];
  const i = ladder.indexOf(unit);
  const next = ladder[i + steps];
  if (i < 0 || next === undefined) {
    throw new TidewatchError('unit-mismatch', `cannot rescale unit ${unit} by 1000^${steps}`);
  }
  return next;
}

/**
 * Parse a unit the way FRED's API metadata spells it ("Millions of U.S. Dollars",
 * "Billions of US Dollars", "Percent", "Index ...").
 */
export function parseFredUnits(text: string): Unit | undefined {
  const t = text.toLowerCase();
  if (/dollar/.test(t)) {
    if (/billion/.test(t)) return 'usd_billions';
    if (/million/.test(t)) return 'usd_millions';
    if (/thousand/.test(t)) return 'usd_thousands';
    return 'usd';
  }
  if (/percent/.test(t)) return 'percent';
  if (/basis point/.test(t)) return 'bp';
  if (/index/.test(t)) return 'index';
  if (/number|thousands of persons|count/.test(t)) return 'count';
  return undefined;
}
