import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { openStore, type Store } from '../../store/store.js';
import { importCryptoFiles, importPriceFiles } from '../../update/import/prices.js';
import { readFunding } from '../crypto/repository.js';
import { listPriceSources, mergedCloses, readActions, readAdjustedCloses, readBars } from './repository.js';

let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
});
afterAll(async () => {
  await store.close();
});
const opts = { today: '2026-11-26', runId: null };

describe('price import into the store (real files)', () => {
  it('imports NVDA from two downloads; re-import is idempotent; merged view re-bases and names sources', async () => {
    const files = [
      dataFile('prices', 'yf-close-only', 'NVDA.csv'),
      dataFile('prices', 'yahoo-classic-csv', 'NVDA.csv'),
    ];
    const first = await importPriceFiles(store, files, opts);
    expect(first.map((s) => [s.status, s.newRows])).toEqual([
      ['ok', 6923],
      ['ok', 6084],
    ]);
    expect(first[0]!.warnings!.join(' ')).toMatch(/dropped 2026-08-03: partial last day/);
    const again = await importPriceFiles(store, files, opts);
    expect(again.map((s) => [s.newRows, s.unchanged])).toEqual([
      [0, 6923],
      [0, 6084],
    ]);
    const classic = await readBars(store.db, 'NVDA', {
      source: 'file:yahoo-classic-csv/NVDA.csv',
      from: '2024-03-07',
      to: '2024-03-07',
    });
    expect(classic[0]).toMatchObject({ close: 926.690002, closeBasis: 'split' }); // raw-ish close kept as reported
    const m = await mergedCloses(store.db, 'NVDA');
    expect(m.links[0]!.source).toBe('file:yf-close-only/NVDA.csv');
    expect(m.links[1]!.ratio).toBeCloseTo(0.0998, 3); // the 10:1 split (+ dividends) between the downloads
    // Across the 2024-06-10 split the merged series moves like the stock did (+0.75 %), not −90 %.
    const d7 = m.points.find((p) => p.date === '2024-06-07')!;
    const d10 = m.points.find((p) => p.date === '2024-06-10')!;
    expect(d10.value / d7.value - 1).toBeCloseTo(0.0075, 3);
    // Dividends derived from Close vs Adj Close of the classic file are stored as actions.
    const divs = (await readActions(store.db, 'NVDA')).filter((a) => a.kind === 'dividend');
    expect(divs.length).toBeGreaterThan(20);
    expect((await listPriceSources(store.db, 'NVDA')).map((s) => s.format)).toEqual([
      'yf-close-only',
      'yahoo-classic',
    ]);
  });

  it('adjusted closes kept per data version: the cut at a day is the stored bars up to it; a new download is seen at once', async () => {
    // NVDA's two downloads, imported by the test above; the first read keeps every close.
    const cut = (await readAdjustedCloses(store.db, ['NVDA'], { to: '2024-06-10' })).get('NVDA')!;
    const direct = await store.db.all<{ source: string; n: number; last: string }>(
      `SELECT source, CAST(count(*) AS INTEGER) AS n, CAST(max(date) AS VARCHAR) AS last FROM price_bars
        WHERE symbol = 'NVDA' AND date <= DATE '2024-06-10' GROUP BY source ORDER BY source`,
    );
    expect(cut.map((s) => ({ source: s.source, n: s.points.length, last: s.points.at(-1)!.date }))).toEqual(
      direct,
    );
    for (const src of cut) {
      const last = src.points.at(-1)!;
      const bars = await readBars(store.db, 'NVDA', { source: src.source, from: last.date, to: last.date });
      expect(last.value).toBe(bars[0]!.adjClose);
    }
    expect((await readAdjustedCloses(store.db, ['NVDA'], { to: '1990-01-01' })).has('NVDA')).toBe(false);
    // A third download (a new source) is written: the next read has it, without a restart.
    const { writeFileSync, mkdtempSync, mkdirSync } = await import('node:fs');
    const dir = `${mkdtempSync('/tmp/tw-prices-')}/later-download`;
    mkdirSync(dir);
    writeFileSync(`${dir}/NVDA.csv`, 'Date,Close\n2026-09-01,170.5\n2026-09-02,171.25\n');
    const r = await importPriceFiles(store, [`${dir}/NVDA.csv`], opts);
    expect(r[0]!.status).toBe('ok');
    const after = (await readAdjustedCloses(store.db, ['NVDA'])).get('NVDA')!;
    const later = after.find((x) => x.source.includes('later-download'));
    expect(after.length).toBe(3);
    expect(later!.points[0]).toEqual({ date: '2026-09-01', value: 170.5 });
    const stored = await readBars(store.db, 'NVDA', { source: later!.source });
    expect(later!.points).toEqual(stored.map((b) => ({ date: b.date, value: b.adjClose })));
    await store.db.run("DELETE FROM price_bars WHERE symbol = 'NVDA' AND source LIKE '%later-download%'");
    expect((await readAdjustedCloses(store.db, ['NVDA'])).get('NVDA')!.length).toBe(2);
  });

  it('inside a transaction the closes are read, never kept: its own uncommitted delete is seen, and gone after the rollback', async () => {
    const lastDays = (series: { points: { date: string }[] }[]) => series.map((s) => s.points.at(-1)!.date);
    // Classic Yahoo ends 2024-03-08; the close-only download 2026-07-31 (its partial 08-03 dropped).
    const kept = (await readAdjustedCloses(store.db, ['NVDA'])).get('NVDA')!;
    expect(lastDays(kept)).toEqual(['2024-03-08', '2026-07-31']);
    await expect(
      store.db.transaction(async (tx) => {
        // Read before the delete too: a view that kept what it read would answer this again after it.
        expect(lastDays((await readAdjustedCloses(tx, ['NVDA'])).get('NVDA')!)).toEqual(lastDays(kept));
        await tx.run("DELETE FROM price_bars WHERE symbol = 'NVDA' AND date > DATE '2024-01-31'");
        const inside = (await readAdjustedCloses(tx, ['NVDA'])).get('NVDA')!;
        expect(lastDays(inside)).toEqual(['2024-01-31', '2024-01-31']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(lastDays((await readAdjustedCloses(store.db, ['NVDA'])).get('NVDA')!)).toEqual(lastDays(kept));
  });

  it('a bad file fails alone, nothing of it written; the good file still imports', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/tw-prices-');
    writeFileSync(`${dir}/BAD.csv`, 'Date,Close\n2024-01-02,10\n2024-01-03,-1\n');
    const r = await importPriceFiles(
      store,
      [`${dir}/BAD.csv`, dataFile('prices', 'yf-multiheader-csv', 'GSPC.csv')],
      opts,
    );
    expect(r[0]).toMatchObject({ status: 'failed' });
    expect(r[0]!.reason).toMatch(/line 3: close -1 on 2024-01-03 is not positive/);
    expect(await readBars(store.db, 'BAD')).toEqual([]);
    expect(r[1]).toMatchObject({ status: 'ok', newRows: 502, series: '^GSPC ← yf-multiheader-csv/GSPC.csv' });
  });

  it('crypto folder: klines, BTC-USD, funding (percent file converted), fear & greed, liquidations', async () => {
    const r = await importCryptoFiles(store, [dataFile('crypto')], opts);
    expect(r.filter((s) => s.status !== 'ok')).toEqual([]);
    expect(r.map((s) => s.series)).toEqual([
      'BTC ← binance-spot-daily/BTCUSDT_1d.csv',
      'ETH ← binance-spot-daily/ETHUSDT_1d.csv',
      'BTC ← crypto/btc_usd_daily_close_volume_2015-2026.csv',
      'BTC funding 8h ← funding/binance_btcusdt_funding_8h_pct_2022-2025.json',
      'BTC funding 1d ← funding/binance_btcusdt_funding_daily_2019-2026.csv',
      'BTC funding 8h ← funding/btc_perp_funding_8h_2021-2023.csv',
      'liquidations ← liquidations/hyperliquid_liquidations_2023.csv',
      'CRYPTO:FEAR_GREED ← sentiment/fear_greed_index_daily.csv',
    ]);
    const f = await readFunding(store.db, 'BTC', { interval: '8h', from: '2025-11-12' });
    expect(f.map((x) => x.ts)).toEqual(['2025-11-12T00:00:00Z', '2025-11-12T08:00:00Z']);
    for (const x of f) expect(Math.abs(x.rate)).toBeLessThan(0.001); // stored as decimal, not percent
    const fg = await store.getObservations('CRYPTO:FEAR_GREED', { from: '2026-02-13' });
    expect(fg[0]!.value).toBe(9);
    const btc = await mergedCloses(store.db, 'BTC');
    expect(btc.points.at(-1)).toMatchObject({
      date: '2026-02-13',
      source: 'file:crypto/btc_usd_daily_close_volume_2015-2026.csv',
    });
  });
});
