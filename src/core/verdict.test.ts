import { describe, expect, it } from 'vitest';
import { thresholds } from './verdict.js';

describe('thresholds: a table of named thresholds, one a line', () => {
  it('each row becomes { value, unit, why } under its name, in the order declared (the ledger JSON keeps it)', () => {
    const t = thresholds({ LOW: [60, 'days', 'three months'], HIGH: [0.25, 'fraction', 'a quarter'] });
    expect(t.LOW).toEqual({ value: 60, unit: 'days', why: 'three months' });
    expect(t.HIGH.value).toBe(0.25);
    expect(JSON.stringify(t)).toBe(
      '{"LOW":{"value":60,"unit":"days","why":"three months"},"HIGH":{"value":0.25,"unit":"fraction","why":"a quarter"}}',
    );
  });
});
