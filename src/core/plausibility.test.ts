import { describe, expect, it } from 'vitest';
import {
  ANY_VALUE,
  assertPlausible,
  assertPlausibleRevision,
  implausibility,
  type Plausible,
  positiveLevel,
} from './plausibility.js';

/** Every verdict of the plausibility rule is reachable, and each is shown here (case 2). */
const WALCL: Plausible = positiveLevel('1900-01-01', 0.5e12, 20e12);
const RATE: Plausible = { sign: 'any', since: '1954-07-01', min: -5, max: 50 };
const TODAY = '2026-11-29';
const at = (date: string, value: number) => ({ date, value, where: 'line 7' });

describe('implausibility', () => {
  it('accepts a plausible value (WALCL 2025-11-12 $6.580T; SOFR 1st percentile −0.03 %)', () => {
    expect(implausibility(WALCL, at('2025-11-12', 6_580_462e6), TODAY)).toBeNull();
    expect(implausibility(RATE, at('2021-06-01', -0.03), TODAY)).toBeNull();
    expect(implausibility(ANY_VALUE, at('1700-01-01', -1e30), TODAY)).toBeNull();
  });
  it.each([
    ['not a date', WALCL, at('2025-02-30', 1e12), /not a calendar date/],
    ['year 1', WALCL, at('0001-01-01', 1e12), /dated before 1900-01-01/],
    ['year 9999', WALCL, at('9999-12-31', 1e12), /dated after 2026-12-06 \(today 2026-11-29\)/],
    ['Infinity', WALCL, at('2025-11-12', Number.POSITIVE_INFINITY), /not a finite number/],
    ['NaN', RATE, at('2025-11-12', Number.NaN), /not a finite number/],
    ['zero level', WALCL, at('2025-11-12', 0), /not positive/],
    [
      'negative where never negative',
      { sign: 'non-negative', since: '1900-01-01' } satisfies Plausible,
      at('2025-11-12', -1),
      /negative, which this quantity never is/,
    ],
    ['below the range', WALCL, at('2025-11-12', 6.58e9), /below the plausible minimum 500000000000/],
    ['above the range', RATE, at('2025-11-12', 422), /above the plausible maximum 50/],
  ] as const)('%s', (_n, rule, v, why) => {
    expect(implausibility(rule, v, TODAY)).toMatch(why);
  });
  it('auctions announced a few weeks ahead are plausible where a series a week ahead is not', () => {
    expect(implausibility({ ...WALCL, futureDays: 31 }, at('2026-12-20', 1e12), TODAY)).toBeNull();
    expect(implausibility(WALCL, at('2026-12-20', 1e12), TODAY)).toMatch(/dated after/);
  });
});

describe('assertPlausible / assertPlausibleRevision', () => {
  it('throw a bad-input TidewatchError naming origin, line, series, date and value', () => {
    expect(() => assertPlausible('WALCL.csv', 'WALCL', WALCL, [at('2025-11-05', 0)], TODAY)).toThrow(
      /^WALCL\.csv: line 7: WALCL 2025-11-05 value 0 is not positive, which this quantity always is; nothing of this input was written$/,
    );
  });
  it('a level revised by ×10 or more is refused; by less, or a non-level, is a revision', () => {
    expect(() =>
      assertPlausibleRevision('W.csv', 'WTREGEN', WALCL, 374_515e6, at('2020-03-04', 3_745.15e6)),
    ).toThrow(/would replace the stored 374515000000 \(×0\.0100\)/);
    expect(() =>
      assertPlausibleRevision('W.csv', 'WTREGEN', WALCL, 374_515e6, at('2020-03-04', 374_600e6)),
    ).not.toThrow();
    expect(() => assertPlausibleRevision('S.csv', 'SOFR', RATE, 0.01, at('2021-06-01', 0.05))).not.toThrow();
  });
});
