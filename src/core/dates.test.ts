import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextBusinessDay, publicationDate } from '../sources/fred/publication.js';
import { addDays, addMonths, epochDay, fromEpochDay, isIsoDate, weekday } from './dates.js';

describe('dates', () => {
  it('validates real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    for (const bad of [
      '2024-04-31',
      '2024-00-10',
      '2024-01-00',
      ' 2024-01-01',
      '2024-01-01\n',
      '2024/01/01',
      '２０２４-01-01',
    ])
      expect(isIsoDate(bad)).toBe(false);
  });
  it('reads dates exactly as the pattern YYYY-MM-DD with a calendar check (10,000 generated strings)', () => {
    // The former definition, a regular expression, as the oracle of the character-by-character one.
    const byPattern = (s: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      if (!m) return false;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      return (
        mo >= 1 &&
        mo <= 12 &&
        d >= 1 &&
        d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!
      );
    };
    const chars = fc.constantFrom(...'0123456789-', '0', '1', '2', '3', '9', '/', ' ', '٣', '\n');
    const near = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(
        ([y, m, d]) =>
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      );
    fc.assert(
      fc.property(fc.oneof(near, fc.string({ unit: chars, minLength: 9, maxLength: 11 })), (s) => {
        expect(isIsoDate(s)).toBe(byPattern(s));
      }),
      { numRuns: 10_000 },
    );
  });
  it('day arithmetic and weekdays', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('1960-03-01', -1)).toBe('1960-02-29');
    expect(weekday('2025-11-12')).toBe(3);
    expect(weekday('1965-01-01')).toBe(5);
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
  it('publication rules: H.4.1 next day, SOFR next business day', () => {
    expect(publicationDate('h41', '2025-11-12')).toBe('2025-11-13');
    expect(nextBusinessDay('2025-11-14')).toBe('2025-11-17');
    expect(nextBusinessDay('2025-11-15')).toBe('2025-11-17');
    expect(publicationDate('same-day', '2025-11-14')).toBe('2025-11-14');
  });

  it('fromEpochDay writes every day of 1000–9999 as Date does, and the years outside through Date', () => {
    const viaDate = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
    for (let n = epochDay('1000-01-01') - 3; n <= epochDay('9999-12-31') + 3; n += 89)
      expect(fromEpochDay(n)).toBe(viaDate(n));
    for (const d of [
      '1000-01-01',
      '1600-02-29',
      '1899-12-31',
      '1900-03-01',
      '1969-12-31',
      '1970-01-01',
      '2000-02-29',
      '2024-12-31',
      '9999-12-31',
    ])
      expect(fromEpochDay(epochDay(d))).toBe(d);
    expect(fromEpochDay(epochDay('0999-12-31'))).toBe('0999-12-31');
  });
});
