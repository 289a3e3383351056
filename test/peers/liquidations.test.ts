import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LIQUIDATION_CLAIM_USD,
  LIQUIDATION_WINDOW,
  liquidationCheck,
} from '../../src/analytics/theses/liquidations.js';
import { loadLiquidationDays } from '../../src/analytics/theses/store-inputs.js';
import type { LiquidationDay } from '../../src/analytics/theses/types.js';
import { addDays } from '../../src/core/dates.js';
import { parseHyperliquidLiquidations } from '../../src/sources/crypto/sentiment.js';
import type { Store } from '../../src/store/store.js';
import { importCryptoFiles } from '../../src/update/import/prices.js';
import { curatedStore } from '../fixtures.js';
import { dataFile } from '../shared-data.js';

/**
 * PEERS.md (markets and crypto): public, market-wide liquidations are not in ccxt's unified API
 * (ccxt #10234). So one venue's records are all a fetch can hold: they are stored and shown as
 * that venue's ('venue', measured), a lower bound of the market-wide figure, and only curated
 * aggregator totals ('market-wide', curated, cited) can refute thesis 6's $2.6B day.
 */
const FILE = 'hyperliquid_liquidations_2023.csv';
let store: Store;
let warnings: string[] = [];
beforeAll(async () => {
  // A store as `update` leaves it: the curated totals are read beside the venue's records.
  store = await curatedStore();
  const [r] = await importCryptoFiles(store, [dataFile('crypto', 'liquidations', FILE)]);
  expect(r!.status).toBe('ok');
  warnings = r!.warnings ?? [];
});
afterAll(async () => {
  await store.close();
});

const venueDay = (date: string, usd: number): LiquidationDay => ({
  date,
  source: 'venue X',
  notionalUsd: usd,
  scope: 'venue',
  basis: 'measured',
});

describe('liquidations: one venue is a lower bound, never the market', () => {
  it("PEERS: market-wide liquidations are not in ccxt's unified API (ccxt #10234) — the real Hyperliquid records are stored as one venue's, measured, and said to be no market-wide signal", async () => {
    expect(warnings).toEqual([
      `liquidations/${FILE}: a small early Hyperliquid sample (no coin/side): format sample, not a market-wide signal`,
    ]);
    const days = await loadLiquidationDays(store, '2026-03-31');
    expect(days.length).toBeGreaterThan(0);
    expect(
      days.every(
        (d) => d.scope === 'venue' && d.basis === 'measured' && d.source === `file:liquidations/${FILE}`,
      ),
    ).toBe(true);
    // the stored daily sums are the file's own figures
    const rows = parseHyperliquidLiquidations(
      readFileSync(dataFile('crypto', 'liquidations', FILE), 'utf8'),
      FILE,
    );
    const total = rows.reduce((s, r) => s + r.notionalUsd, 0);
    expect(days.reduce((s, d) => s + d.notionalUsd, 0)).toBeCloseTo(total, 2);
    // 2023 records say nothing about the 2025-26 fall: insufficient, naming what is stored
    const c = liquidationCheck({ asOf: '2026-03-31', series: {}, prices: {}, liquidations: days });
    expect(c.status).toBe('insufficient data');
    expect(c.summary).toMatch(
      new RegExp(
        `^no liquidation totals for ${LIQUIDATION_WINDOW.from} … ${LIQUIDATION_WINDOW.to} known on 2026-03-31; stored records cover ${days[0]!.date} … `,
      ),
    );
  });

  it('PEERS: venue records far below $2.6B are a lower bound (insufficient), the same figure market-wide on every day refutes', () => {
    const low = 0.1 * LIQUIDATION_CLAIM_USD;
    const window: string[] = [];
    for (let d: string = LIQUIDATION_WINDOW.from; d <= LIQUIDATION_WINDOW.to; d = addDays(d, 1))
      window.push(d);
    const venue = liquidationCheck({
      asOf: '2026-03-31',
      series: {},
      prices: {},
      liquidations: window.map((d) => venueDay(d, low)),
    });
    expect(venue.status).toBe('insufficient data');
    const market = liquidationCheck({
      asOf: '2026-03-31',
      series: {},
      prices: {},
      liquidations: window.map((d) => ({
        ...venueDay(d, low),
        source: 'aggregator Y',
        scope: 'market-wide',
        basis: 'curated',
      })),
    });
    expect(market.status).toBe('refuted');
    // one venue reaching the claim on its own does support it
    expect(
      liquidationCheck({
        asOf: '2026-03-31',
        series: {},
        prices: {},
        liquidations: [venueDay('2026-02-05', LIQUIDATION_CLAIM_USD)],
      }).status,
    ).toBe('supported');
  });
});
