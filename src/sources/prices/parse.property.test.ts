import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realText } from '../../../test/malformed/make.js';
import { anyCut, anyDamage, roundTrips } from '../../../test/property.js';
import { parsePriceCsv } from './parse.js';

/** Property tests of the price-file parser (fast-check, 10,000 inputs each). */
const head = (t: string, n: number, eol: string) => t.split(eol).slice(0, n).join(eol);
const SPY = head(realText('prices', 'yf-autoadj-ohlcv', 'SPY.csv'), 41, '\r\n');
// Classic Yahoo writes no final newline: the first 40 rows, written the same way.
const NVDA = head(realText('prices', 'yahoo-classic-csv', 'NVDA.csv'), 41, '\n');

describe('parsePriceCsv properties', () => {
  it('yfinance OHLCV bars round-trip (a daily walk within ±10 %, volumes near their median)', () => {
    roundTrips(
      {
        min: 12,
        max: 60,
        value: fc.tuple(
          fc.double({ min: 0.9, max: 1.1, noNaN: true }),
          fc.integer({ min: 600_000, max: 1_400_000 }),
        ),
      },
      (dates, steps) => {
        let close = 100;
        const bars = dates.map((date, i) => {
          close *= steps[i]![0];
          return { date, close, high: close * 1.01, low: close * 0.99, open: close, volume: steps[i]![1] };
        });
        const rows = bars.map((b) => `${b.date},${b.close},${b.high},${b.low},${b.open},${b.volume}`);
        return { text: `Date,Close,High,Low,Open,Volume\r\n${rows.join('\r\n')}\r\n`, records: bars };
      },
      (text) => {
        const p = parsePriceCsv(text, { file: 'yf-autoadj-ohlcv/X.csv' });
        expect(p.format).toBe('yf-autoadj-ohlcv');
        return p.bars.map(({ date, close, high, low, open, volume }) => ({
          date,
          close,
          high,
          low,
          open,
          volume,
        }));
      },
    );
  });

  for (const [name, text] of [
    ['yf-autoadj-ohlcv/SPY.csv', SPY],
    ['yahoo-classic-csv/NVDA.csv', NVDA],
  ] as const) {
    it(`any damage to a real ${name}: bars, or a TidewatchError naming the file`, () => {
      anyDamage(name, text, (t) => parsePriceCsv(t, { file: name }));
    });
  }

  it('classic Yahoo cut anywhere after its 8th line: every close kept is a real close, or the file is refused', () => {
    const real = new Map(
      parsePriceCsv(NVDA, { file: 'o', partialLast: 'flag' }).bars.map((b) => [b.date, b.close]),
    );
    anyCut(
      'NVDA.csv',
      NVDA,
      8,
      (t) => parsePriceCsv(t, { file: 'yahoo-classic-csv/NVDA.csv', partialLast: 'flag' }),
      (p) => {
        for (const b of p?.bars ?? []) expect(b.close).toBe(real.get(b.date));
      },
    );
  });
});
