import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsStore } from '../../../test/fixtures.js';
import { dataFile } from '../../../test/shared-data.js';
import { importThirteenFFiles } from '../../cli/commands/sec.js';
import { parseXbrlDocument } from '../../sources/sec/xbrl/parse.js';
import { documentId, saveXbrlDocument } from '../../sources/sec/xbrl/repository.js';
import type { Store } from '../../store/store.js';
import { importFredFiles } from '../../update/import/fred.js';
import { importCryptoFiles } from '../../update/import/prices.js';
import { cryptoFromStore, durationFromStore } from '../markets/load.js';
import { evaluateTheses } from './store.js';
import type { ThesisResult } from './types.js';

/**
 * The ledger read from a store filled through the real import paths (FRED, prices, crypto, XBRL
 * documents, Scion 13F filings): the capex filing dates, the thesis-3 and thesis-6 verdicts shared
 * with `duration` and `crypto`, and the 13F notional test.
 */

let store: Store;

beforeAll(async () => {
  store = await analyticsStore(
    '2026-11-26',
    ['SPY', 'QQQ', 'ARKK', 'TSLA', 'PLTR', 'MU', 'ORCL'].map((s) => `prices/yf-close-only/${s}.csv`),
  );
  await importFredFiles(store, [dataFile('fred', 'DGS10.csv')], { runId: null, today: '2026-11-26' });
  await importCryptoFiles(store, [
    dataFile('crypto', 'binance-spot-daily', 'BTCUSDT_1d.csv'),
    dataFile('crypto', 'binance-spot-daily', 'ETHUSDT_1d.csv'),
    dataFile('crypto', 'btc_usd_daily_close_volume_2015-2026.csv'),
    dataFile('crypto', 'funding'),
    dataFile('crypto', 'liquidations'),
  ]);
  for (const f of [
    'CIK0001652044.json',
    'amzn-20241231_10-K_ixbrl.htm',
    'meta-20241231_10-K_ixbrl.htm',
    'msft-20150630_xbrl-instance_10-K_FY2015.xml',
  ]) {
    const text = readFileSync(dataFile('sec', 'xbrl', f), 'utf8');
    await saveXbrlDocument(store.db, parseXbrlDocument(text, f), documentId(text));
  }
  const scion = [
    '20220331_0001567619-22-010747',
    '20230630_0000905148-23-000689',
    '20230930_0000905148-23-001400',
  ];
  await importThirteenFFiles(
    store,
    scion.map((s) => dataFile('sec', 'scion', `scion_13F-HR_${s}.txt`)),
    {},
  );
});
afterAll(async () => {
  await store?.close();
});

const check = (results: ThesisResult[], id: string) =>
  results.flatMap((r) => r.checks).find((c) => c.id === id)!;

describe('capex check: filing dates of saved 10-K documents', () => {
  it('as of 2026-02-28 it is mixed — GOOGL +59.3 pp, AMZN −28.7 pp, META −10.6 pp; MSFT FY2015 shown as stale', async () => {
    const c = check(await evaluateTheses(store, '2026-02-28'), 'capex-outruns-profit');
    expect(c.status).toBe('mixed');
    const byCompany = Object.fromEntries(c.evidence.map((e) => [e.label.split(' ')[0], e]));
    expect(byCompany.GOOGL!.value).toBe(0.5926);
    expect(byCompany.AMZN!.value).toBe(-0.2872);
    expect(byCompany.META!.value).toBe(-0.1065);
    expect(byCompany.MSFT!.label).toMatch(/stale: fiscal year ended 3896 days before 2026-02-28/);
    // AMZN/META have no filing date in the document: period end + 60 days (the 10-K deadline).
    expect(byCompany.AMZN!.inputDates).toEqual(['2024-12-31', '2025-03-01']);
    expect(byCompany.GOOGL!.inputDates).toEqual(['2025-12-31', '2026-02-05']);
  });

  it('as of 2026-11-29 the FY2024 10-Ks are stale (the FY2025 ones were due): insufficient data, and it says which', async () => {
    const c = check(await evaluateTheses(store, '2026-11-29'), 'capex-outruns-profit');
    expect(c.status).toBe('insufficient data');
    expect(c.summary).toMatch(/stale, not counted: MSFT FY2015, AMZN FY2024, META FY2024$/);
  });

  it('as of 2025-02-28 nothing of the AMZN and META FY2024 10-Ks is public yet (deadline 2025-03-01); on 2025-03-01 it is', async () => {
    const labels = async (asOf: string) =>
      check(await evaluateTheses(store, asOf), 'capex-outruns-profit').evidence.map((e) =>
        e.label.split(' ').slice(0, 2).join(' '),
      );
    expect(await labels('2025-02-28')).toEqual(['MSFT FY2015', 'GOOGL FY2024']);
    expect(await labels('2025-03-01')).toEqual(['MSFT FY2015', 'GOOGL FY2024', 'AMZN FY2024', 'META FY2024']);
  });
});

describe('one verdict for thesis 3 and thesis 6, shared with `duration` and `crypto`', () => {
  for (const asOf of ['2025-11-14', '2026-02-13']) {
    it(`duration and the ledger agree as of ${asOf}`, async () => {
      const d = await durationFromStore(store, { asOf });
      const c = check(await evaluateTheses(store, asOf), 'speculative-fall-harder');
      expect(c.status).toBe(d.thesis.status);
      expect(c.summary).toBe(d.thesis.statement);
      expect(d.thesisBasis).toMatch(/same function and inputs as the thesis ledger/);
    });
  }

  it('as of 2025-11-14: 4 of 8 squeeze windows worse for speculative assets but a lower mean (−) → mixed; MU alone is near-cash-flow', async () => {
    const d = await durationFromStore(store, { asOf: '2025-11-14' });
    expect(d.thesis).toMatchObject({ status: 'mixed', compared: 8, speculativeWorse: 4 });
    expect(d.thesis.singleMemberGroups).toEqual(['cash-flow-near: MU']);
    // --symbols does not change the verdict: the group members are always read.
    const few = await durationFromStore(store, { asOf: '2025-11-14', symbols: ['SPY'] });
    expect(few.thesis.statement).toBe(d.thesis.statement);
  });

  it('crypto and the ledger agree as of 2026-02-13: supported, −50.3 % from the intraday high and −49.7 % close-to-close', async () => {
    const s = await cryptoFromStore(store, '2026-02-13');
    const c = check(await evaluateTheses(store, '2026-02-13'), 'btc-126k-to-60k');
    expect(c.status).toBe(s.claim.status);
    expect(c.status).toBe('supported');
    expect(c.summary).toBe(s.claim.statement);
    expect(s.claim.fall.fromIntradayHigh!.depth).toBeCloseTo(-0.5032, 4);
    expect(s.claim.fall.closeToClose!.depth).toBeCloseTo(-0.4974, 4);
  });
});

describe('thesis 5 notional on the stored Scion 13F filings', () => {
  it('SPY and QQQ puts of 2023-06-30: value = shares × the period-end close (1.038 and 1.018 against dividend-adjusted closes) → supported', async () => {
    const c = check(await evaluateTheses(store, '2024-01-31'), 'notional-not-premium');
    expect(c.status).toBe('supported');
    expect(c.evidence.map((e) => [e.label.match(/ (\w+) put/)![1], e.value])).toEqual([
      ['QQQ', 1.0175],
      ['SPY', 1.038],
    ]);
    expect(c.summary).toMatch(
      /^2 stored 13F put rows filed by 2024-01-31 with a close on the period end \(3 without one\)/,
    );
  });
  it('before the 2023-08-14 filing the rows are not known', async () => {
    expect(check(await evaluateTheses(store, '2023-08-13'), 'notional-not-premium').status).toBe(
      'insufficient data',
    );
  });
});

describe('thesis 6 liquidations: the stored venue records (Hyperliquid 2023) do not cover the fall', () => {
  it('insufficient data, naming what is stored', async () => {
    const c = check(await evaluateTheses(store, '2026-03-31'), 'liquidations-2-6b');
    expect(c.status).toBe('insufficient data');
    expect(c.summary).toMatch(/stored records cover 2023-02-28 … 2023-05-01$/);
  });
});

describe('as of 2024-06-30, read from the store', () => {
  it('no evidence of any check is dated after the as-of day', async () => {
    const results = await evaluateTheses(store, '2024-06-30');
    const evidence = results.flatMap((r) => r.checks.flatMap((c) => c.evidence));
    expect(evidence.length).toBeGreaterThan(10);
    for (const e of evidence) {
      expect(e.to <= '2024-06-30', e.label).toBe(true);
      expect(
        e.inputDates.every((d) => d <= '2024-06-30'),
        `${e.label}: ${e.inputDates}`,
      ).toBe(true);
    }
  });
});
