import { describe, expect, it } from 'vitest';
import { indexAtOrBefore, lastAtOrBefore, lowerBound, upperBound } from './sorted.js';
import { median } from './stats.js';

describe('binary searches on sorted arrays', () => {
  const days = ['2024-01-05', '2024-01-12', '2024-01-12', '2024-01-19'];
  it('upperBound counts the elements ≤ bound, lowerBound those < bound', () => {
    expect(upperBound(days, '2024-01-04')).toBe(0);
    expect(upperBound(days, '2024-01-12')).toBe(3);
    expect(lowerBound(days, '2024-01-12')).toBe(1);
    expect(upperBound(days, '2030-01-01')).toBe(4);
    expect(lowerBound([1, 2, 2, 5], 3)).toBe(3);
  });
  it('finds the last element on or before a day, by key', () => {
    const obs = days.map((date, i) => ({ date, value: i }));
    expect(indexAtOrBefore(days, '2024-01-04')).toBe(-1);
    expect(indexAtOrBefore(days, '2024-01-18')).toBe(2);
    expect(lastAtOrBefore(obs, '2024-01-13', (o) => o.date)?.value).toBe(2);
    expect(lastAtOrBefore(obs, '2024-01-01', (o) => o.date)).toBeUndefined();
    expect(lastAtOrBefore(undefined, '2024-01-01')).toBeUndefined();
  });
});

describe('median', () => {
  it('is the middle value, the mean of the middle two, or NaN', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
  it("found by selection: ties, negatives and a typed array give the sorted list's middle; the input is left as it was", () => {
    const xs = [5, -1, 5, 5, 0, -1, 7, 5, 2, -3];
    expect(median(xs)).toBe(3.5); // sorted: −3 −1 −1 0 2 | 5 5 5 5 7
    expect(xs).toEqual([5, -1, 5, 5, 0, -1, 7, 5, 2, -3]);
    expect(median(xs.slice(0, 9))).toBe(5); // sorted: −1 −1 0 2 | 5 | 5 5 5 7
    expect(median(Float64Array.of(0.2, 0.1, 0.4, 0.3))).toBeCloseTo(0.25, 15);
    expect(median([1, 1, 1, 1, 2])).toBe(1);
  });
});
