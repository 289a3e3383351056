import { describe, expect, it } from 'vitest';
import type { InfoTableRow } from './types.js';
import { detectValueUnit, MIN_SAMPLE } from './value-unit.js';

/** Literal rows: value and shares only matter here. */
const rows = (pairs: [number, number][]): InfoTableRow[] =>
  pairs.map(([value, shares], i) => ({
    line: i + 1,
    issuer: `R${i}`,
    titleOfClass: 'COM',
    cusip: `C${i}`,
    figi: null,
    value,
    shares,
    shareType: 'SH',
    putCall: null,
    discretion: 'SOLE',
    otherManagers: [],
    votingSole: 0,
    votingShared: 0,
    votingNone: 0,
  }));

describe('value unit detection', () => {
  it('PEERS: a unit detector on implied prices fails on tiny filings (edgartools #1336) — a two-row amendment on the threshold does not decide; the filing date does, and the decision says which rule', () => {
    // Implied prices 0.4 and 0.6: median 0.5 sits on the thousands threshold.
    const d = detectValueUnit(
      rows([
        [400, 1000],
        [600, 1000],
      ]),
      { filed: '2023-05-15', period: '2023-03-31' },
    );
    expect(d.unit).toBe('usd');
    expect(d.rule).toBe('filing-date');
    expect(d.detail).toMatch(`only 2 share row(s), fewer than the ${MIN_SAMPLE}`);
  });

  it('PEERS: Scion files 5–20 rows, the detector needs a minimum-sample rule and must say which rule decided — 4 rows at ~$0.05 implied do not decide, the 5th does', () => {
    const five: [number, number][] = [
      [50, 1000],
      [40, 1000],
      [60, 1000],
      [70, 1000],
      [30, 1000],
    ];
    const when = { filed: '2023-11-14', period: '2023-09-30' };
    const four = detectValueUnit(rows(five.slice(0, MIN_SAMPLE - 1)), when);
    expect([four.unit, four.rule, four.sample]).toEqual(['usd', 'filing-date', 4]);
    expect(four.detail).toMatch('only 4 share row(s), fewer than the 5 the implied-price rule needs');
    const enough = detectValueUnit(rows(five), when);
    expect([enough.unit, enough.rule, enough.sample]).toEqual(['usd_thousands', 'implied-price', 5]);
  });

  it('five rows at ~$0.05 implied are thousands even when filed after 2023-01-03 (disagreement recorded)', () => {
    const d = detectValueUnit(
      rows([
        [50, 1000],
        [40, 1000],
        [60, 1000],
        [70, 1000],
        [30, 1000],
      ]),
      { filed: '2023-11-14', period: '2023-09-30' },
    );
    expect([d.unit, d.rule, d.sample]).toEqual(['usd_thousands', 'implied-price', 5]);
    expect(d.disagreement).toMatch(/^filing-date says usd/);
  });

  it('a median in the undecided band abstains (falls back to the filing date)', () => {
    const d = detectValueUnit(rows(Array.from({ length: 6 }, () => [1000, 1000] as [number, number])), {
      filed: '2022-02-14',
      period: '2021-12-31',
    });
    expect([d.unit, d.rule]).toEqual(['usd_thousands', 'filing-date']);
    expect(d.detail).toMatch(/undecided band/);
  });

  it('price-check wins over the other rules with one priced row', () => {
    const r = rows([[90_900, 1000]]); // $90.9 a share only if the value is in dollars... or 90.9k
    const prices = new Map([['C0', { low: 89, high: 92 }]]);
    const d = detectValueUnit(r, { filed: '2022-02-14', period: '2021-12-31', pricesByCusip: prices });
    expect([d.unit, d.rule]).toEqual(['usd', 'price-check']);
    expect(d.disagreement).toMatch(/filing-date says usd_thousands/);
    const t = detectValueUnit(rows([[91, 1000]]), {
      filed: '2023-11-14',
      period: '2023-09-30',
      pricesByCusip: prices,
    });
    expect([t.unit, t.rule]).toEqual(['usd_thousands', 'price-check']);
  });

  it('PRN and option-free zero rows are not used as samples', () => {
    const r = rows([
      [0, 100],
      [100, 0],
    ]);
    const d = detectValueUnit(r, { filed: '2021-01-01', period: '2020-12-31' });
    expect(d.sample).toBe(0);
    expect(d.medianImpliedPrice).toBeNull();
  });
});
