import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullStoreCopy } from '../../test/full-store.js';
import { openStore, type Store } from '../store/store.js';
import { freshnessView, runFamily, runReason, seriesFamily } from './freshness.js';
import { onBlankStore } from './view.testkit.js';

/**
 * One freshness entry per source family on the README's full store (every real file imported,
 * then a replayed `update`, whose Treasury and NY Fed jobs fail for want of recordings).
 */
let store: Store;
beforeAll(async () => {
  store = await openStore(fullStoreCopy());
}, 600_000);
afterAll(async () => {
  await store?.close();
});

describe('freshness view (src/views/freshness.ts)', () => {
  it('an update and a file import of one source are one entry: "treasury update: failed" beside "treasury-file: ok" is one chip', async () => {
    // A day after every run of the store (runs are dated when the store was built).
    const v = await freshnessView(store, { asOf: '2099-12-31' });
    expect(v.kpis.map((k) => k.id)).toEqual(['fred', 'treasury', 'nyfed', 'sec', 'prices', 'crypto']);
    const t = v.data.sources.find((s) => s.id === 'treasury')!;
    expect(t.runs.map((r) => [r.kind, r.source, r.status])).toEqual([
      ['update', 'treasury', 'failed'],
      ['file import', 'treasury-file', 'ok'],
    ]);
    expect(t.status).toBe('failed');
    expect(t.runs[0]!.reason).toMatch(
      /^4 of 4 failed: tga: replay-miss: replay: no recorded response for GET https:\/\/api\.fiscaldata\.treasury\.gov/,
    );
    expect(t.why).toContain('last update (treasury)');
    expect(t.why).toContain('last file import (treasury-file)');
    // The SEC family holds the 13F and XBRL jobs; its worst last run (XBRL: 4 of 6 companies not recorded) sets it.
    const sec = v.data.sources.find((s) => s.id === 'sec')!;
    expect(new Set(sec.runs.map((r) => r.source))).toEqual(new Set(['sec', 'sec-13f', 'xbrl', 'xbrl-file']));
    expect(sec.status).toBe('partial');
    // DTS data end 2026-06-23: on 2099-12-31 nothing of the Treasury is current.
    expect(t).toMatchObject({ newest: '2026-06-24', stale: true, tone: 'bad' });
  });

  it('as of 2025-11-14: the newest observation known that day per family, stale by the one cadence rule', async () => {
    const v = await freshnessView(store, { asOf: '2025-11-14' });
    const s = Object.fromEntries(v.data.sources.map((x) => [x.id, x]));
    expect(Object.fromEntries(v.data.sources.map((x) => [x.id, [x.newest, x.stale, x.tone]]))).toEqual({
      // IORB of 2025-11-14; six discontinued or cut-off FRED series are stale (named in the tooltip).
      fred: ['2025-11-14', false, 'warn'],
      treasury: ['2025-11-13', false, 'good'],
      // Three NY Fed snapshots, the newest of 2025-10-31: 14 days > 10 for a daily series.
      nyfed: ['2025-10-31', true, 'bad'],
      // XBRL facts of 2025-09-30 are current; the newest 13F (Scion, 2024-12-31) is not.
      sec: ['2025-09-30', false, 'warn'],
      prices: ['2025-11-14', false, 'good'],
      crypto: ['2025-11-14', false, 'good'],
    });
    expect(s.fred!.staleSeries).toContain('DFF 2025-03-21');
    expect(s.sec!.parts.find((p) => p.what.startsWith('13F'))).toMatchObject({
      newest: '2024-12-31',
      cadence: 'quarterly',
      stale: true,
    });
    // No run had started by then: none is reported (the store was built later).
    expect(v.data.sources.every((x) => x.runs.length === 0 && x.status === null)).toBe(true);
    expect(v.kpis.find((k) => k.id === 'nyfed')).toMatchObject({
      value: '2025-10-31',
      format: 'date',
      stale: true,
      tone: 'bad',
    });
  });

  it('families and reasons from run sources and summaries', () => {
    expect(
      [
        'fred',
        'fred-file',
        'treasury-file',
        'nyfed-file',
        'sec-13f',
        'xbrl',
        'xbrl-file',
        'prices-file',
        'crypto-file',
      ].map(runFamily),
    ).toEqual(['fred', 'fred', 'treasury', 'nyfed', 'sec', 'sec', 'sec', 'prices', 'crypto']);
    expect(seriesFamily({ id: 'DTS:TGA_CLOSE', source: 'treasury' })).toBe('treasury');
    expect(
      seriesFamily({ id: 'CRYPTO:FEAR_GREED', source: 'file:sentiment/fear_greed_index_daily.csv' }),
    ).toBe('crypto');
    expect(seriesFamily({ id: 'WALCL', source: 'fred' })).toBe('fred');
    expect(
      runReason([
        { series: 'SPY', status: 'skipped', reason: 'replay mode: no recorded Yahoo response for SPY' },
        { series: 'QQQ', status: 'ok' },
      ]),
    ).toBe('1 of 2 skipped: replay mode: no recorded Yahoo response for SPY');
    expect(runReason([{ series: 'WALCL', status: 'ok' }])).toBeNull();
  });

  it('an empty store says so and what to run', async () => {
    const v = await onBlankStore((blank) => freshnessView(blank, { asOf: '2025-11-14' }));
    expect(v.empty).toMatchObject({
      reason: 'nothing-stored',
      hint: 'tidewatch update (or tidewatch import all ../shared/data)',
    });
  });
});
