/**
 * The one place numbers become text for people: the CLI, the dashboard (bundled from this file)
 * and the report all call `formatValue`. JSON keeps raw numbers; a view model names the format of
 * each figure, so "−$157.7B", "4.2 %", "+16 bp" and "9.7T" are spelled the same everywhere.
 *
 * Conventions: one minus sign (U+2212) for every negative figure; money scales to T/B/M with `$`;
 * fractions print as percent, differences of percentages as percentage points (pp); large counts
 * are humanised (9.7T, not 9.70e+12); a missing value prints as an em dash.
 */
export type Format =
  | 'usd' // US dollars, scaled: $5.625T, $812.3B, $45.0M, $972,000
  | 'usd-change' // signed dollars: +$77.7B, −$157.7B
  | 'price' // a unit price: $84,129.55
  | 'percent' // a value already in percent units: 4.31 %
  | 'fraction' // a fraction shown as percent: 0.042 → 4.2 %
  | 'fraction-change' // signed fraction as percent: +4.2 %, −32.6 %
  | 'pp' // percentage points: +59.3 pp
  | 'fraction-pp' // a difference of two fractions, as percentage points: 0.117 → +11.7 pp
  | 'bp' // basis points: +16 bp
  | 'number' // plain decimal: 1.03
  | 'number-change' // signed plain decimal: +2.4, −9
  | 'count' // whole numbers, humanised above a million: 985, 9.7T
  | 'multiple' // ratio as a multiple: 31.8×
  | 'date' // YYYY-MM-DD as is
  | 'text';

export const MINUS = '\u2212';

export interface FormatOptions {
  /** Decimal places (defaults per format). */
  digits?: number;
}

export type Value = number | string | boolean | null | undefined;

const DASH = '—';

function signed(v: number, body: (a: number) => string, plus: boolean): string {
  if (v < 0) return `${MINUS}${body(-v)}`;
  return `${plus && v > 0 ? '+' : ''}${body(v)}`;
}

// One Intl.NumberFormat per digit count: `toLocaleString` with options builds a new one on every
// call, and the dashboard's chart axes format thousands of ticks (a second of a page load).
const FIXED = new Map<number, Intl.NumberFormat>();

function fixed(a: number, digits: number): string {
  let f = FIXED.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    FIXED.set(digits, f);
  }
  return f.format(a);
}

function scaledUsd(a: number, digits?: number): string {
  if (a >= 1e12) return `$${fixed(a / 1e12, digits ?? 3)}T`;
  if (a >= 1e9) return `$${fixed(a / 1e9, digits ?? 1)}B`;
  if (a >= 1e6) return `$${fixed(a / 1e6, digits ?? 1)}M`;
  return `$${fixed(Math.round(a), 0)}`;
}

/** Large counts humanised: 9.7T, 1.3Q (quadrillion), 120.0B; small ones grouped: 1,735. */
function humanCount(a: number, digits?: number): string {
  const steps: Array<[number, string]> = [
    [1e15, 'Q'],
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
  ];
  for (const [k, suffix] of steps) if (a >= k) return `${fixed(a / k, digits ?? 1)}${suffix}`;
  return fixed(a, Number.isInteger(a) ? 0 : (digits ?? 2));
}

export function formatValue(v: Value, format: Format, opts: FormatOptions = {}): string {
  if (v === null || v === undefined || v === '') return DASH;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (format === 'text' || format === 'date' || typeof v === 'string') return String(v);
  if (!Number.isFinite(v)) return DASH;
  const d = opts.digits;
  switch (format) {
    case 'usd':
      return signed(v, (a) => scaledUsd(a, d), false);
    case 'usd-change':
      return signed(v, (a) => scaledUsd(a, d), true);
    case 'price':
      return signed(v, (a) => `$${fixed(a, d ?? 2)}`, false);
    case 'percent':
      return signed(v, (a) => `${fixed(a, d ?? 2)} %`, false);
    case 'fraction':
      return signed(v, (a) => `${fixed(a * 100, d ?? 1)} %`, false);
    case 'fraction-change':
      return signed(v, (a) => `${fixed(a * 100, d ?? 1)} %`, true);
    case 'pp':
      return signed(v, (a) => `${fixed(a, d ?? 1)} pp`, true);
    case 'fraction-pp':
      return signed(v, (a) => `${fixed(a * 100, d ?? 1)} pp`, true);
    case 'bp':
      return signed(v, (a) => `${fixed(a, d ?? 0)} bp`, true);
    case 'number':
      return signed(v, (a) => fixed(a, d ?? 2), false);
    case 'number-change':
      return signed(v, (a) => fixed(a, d ?? 2), true);
    case 'count':
      return signed(v, (a) => humanCount(a, d), false);
    case 'multiple':
      return signed(v, (a) => `${fixed(a, d ?? 1)}×`, false);
  }
}

/** A US-dollar amount as every surface spells it: $5.625T, $812.3B, −$157.7B. */
export function formatUsd(v: Value): string {
  return formatValue(v, 'usd');
}

/** Right-aligned formats (numbers line up in tables). */
export function isNumericFormat(format: Format): boolean {
  return format !== 'text' && format !== 'date';
}
