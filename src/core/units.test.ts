import { describe, expect, it } from 'vitest';
import { parseFredUnits, scaleUnit, toCanonical } from './units.js';

describe('units', () => {
  it('converts to US dollars in one place', () => {
    expect(toCanonical(6_580_462, 'usd_millions')).toBe(6_580_462e6);
    expect(toCanonical(1.559, 'usd_billions')).toBeCloseTo(1.559e9, 0);
    expect(scaleUnit('usd_millions', 1)).toBe('usd_billions');
    expect(() => scaleUnit('usd_billions', 1)).toThrow(/cannot rescale/);
    expect(parseFredUnits('Millions of U.S. Dollars')).toBe('usd_millions');
    expect(parseFredUnits('Billions of US Dollars')).toBe('usd_billions');
    expect(parseFredUnits('Percent')).toBe('percent');
  });
});
