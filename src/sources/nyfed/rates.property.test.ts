import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realText } from '../../../test/malformed/make.js';
import { anyDamage, roundTrips } from '../../../test/property.js';
import { parseRatesJson } from './rates.js';

/** Property tests of the NY Fed rates reader (fast-check, 10,000 inputs each). */
const snapshot = realText('nyfed', 'sofr-read-endpoint-snapshots', 'sofr_2025-10-31.json');
const pct = fc.integer({ min: -500, max: 5000 }).map((x) => x / 100);

describe('parseRatesJson properties', () => {
  it('read-endpoint records round-trip through JSON (with or without BOM, any key order)', () => {
    roundTrips(
      {
        min: 1,
        max: 20,
        value: fc.tuple(pct, pct, pct, fc.option(fc.integer({ min: 1, max: 9999 }), { nil: null })),
        variant: fc.record({ bom: fc.boolean(), reversedKeys: fc.boolean() }),
      },
      (dates, vals, { bom, reversedKeys }) => {
        const recs = dates.map((d, i) => {
          const [rate, p1, p99, vol] = vals[i]!;
          const o: Record<string, unknown> = {
            refRateType: 'SOFR',
            refRateDt: d,
            revisionIndicator: false,
            dailyRate: rate,
            ratePercentile1st: p1,
            ratePercentile99th: p99,
            tradingVolume: vol,
          };
          return reversedKeys ? Object.fromEntries(Object.entries(o).reverse()) : o;
        });
        return {
          text: `${bom ? '\uFEFF' : ''}${JSON.stringify(recs, null, 2)}`,
          // Volume is published in billions.
          records: dates.map((d, i) => {
            const [rate, p1, p99, vol] = vals[i]!;
            return [d, rate, p1, p99, vol === null ? null : vol * 1e9];
          }),
        };
      },
      (text) => parseRatesJson(text, 'r.json').records.map((x) => [x.date, x.rate, x.p1, x.p99, x.volume]),
    );
  });

  it('any damage to a real snapshot: records, or a TidewatchError naming the file', () => {
    anyDamage(
      'sofr.json',
      snapshot,
      (t) => parseRatesJson(t, 'sofr.json'),
      // Whatever parses has a rate name that can be part of a series id.
      (r) => {
        for (const rec of r?.records ?? []) expect(rec.type).toMatch(/^[A-Z0-9]{2,12}$/);
      },
    );
  });
});
