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
