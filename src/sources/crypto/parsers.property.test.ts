import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realText } from '../../../test/malformed/make.js';
import { anyDamage, PARSER_RUNS, roundTrips } from '../../../test/property.js';
import { parseFundingFile } from './funding.js';
import { parseFearGreed, parseHyperliquidLiquidations } from './sentiment.js';

/** Property tests of the crypto side-file parsers (fast-check, 10,000 inputs each). */
const head = (t: string, n: number) => t.split('\n').slice(0, n).join('\n');
const FNG = `${head(realText('crypto', 'sentiment', 'fear_greed_index_daily.csv'), 41)}\n`;
const FUNDING_8H = head(realText('crypto', 'funding', 'btc_perp_funding_8h_2021-2023.csv'), 41);
const FUNDING_JSON = JSON.stringify(
  JSON.parse(realText('crypto', 'funding', 'binance_btcusdt_funding_8h_pct_2022-2025.json')).slice(0, 40),
  null,
  2,
);
const LIQ = head(realText('crypto', 'liquidations', 'hyperliquid_liquidations_2023.csv'), 21);

describe('crypto parser properties', () => {
  it('fear & greed rows round-trip (LF or CRLF)', () => {
    roundTrips(
      { min: 1, max: 60, value: fc.integer({ min: 10, max: 99 }), variant: fc.constantFrom('\n', '\r\n') },
      (dates, values, eol) => ({
        text: `date,fng${eol}${dates.map((d, i) => `${d},${values[i]}`).join(eol)}${eol}`,
        records: dates.map((date, i) => ({ date, value: values[i] })),
      }),
      (text) => parseFearGreed(text, 'f.csv').map(({ date, value }) => ({ date, value })),
    );
  });

  it('funding [ms, percent] JSON round-trips to decimal per-8h rates', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -300, max: 300 }), { minLength: 10, maxLength: 60 }), (bp) => {
        const t0 = Date.UTC(2023, 0, 1);
        const pairs = bp.map((b, i) => [t0 + i * 8 * 3_600_000, (b === 0 ? 75 : b) / 10_000 + 0.005]);
        const f = parseFundingFile(JSON.stringify(pairs), 'f.json', 'percent');
        expect(f.rows.map((r) => [Date.parse(r.time), r.rate])).toEqual(pairs.map(([t, r]) => [t, r! / 100]));
      }),
      { numRuns: PARSER_RUNS },
    );
  });

  for (const [name, text, parse] of [
    ['fear_greed.csv', FNG, (t: string) => parseFearGreed(t, 'fear_greed.csv')],
    ['btc_perp_funding_8h.csv', FUNDING_8H, (t: string) => parseFundingFile(t, 'btc_perp_funding_8h.csv')],
    ['funding.json', FUNDING_JSON, (t: string) => parseFundingFile(t, 'funding.json')],
    [
      'hyperliquid_liquidations.csv',
      LIQ,
      (t: string) => parseHyperliquidLiquidations(t, 'hyperliquid_liquidations.csv'),
    ],
  ] as const) {
    it(`any damage to a real ${name}: rows, or a TidewatchError naming the file`, () => {
      anyDamage<unknown>(name, text, parse);
    });
  }
});
