import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFakeSource } from '../../../test/hand-written.js';
import { dataFile } from '../../../test/shared-data.js';
import { withStore } from '../../store/memory.testkit.js';
import { importTreasuryFiles } from '../../update/import/treasury.js';
import { jobContext } from '../../update/job.testkit.js';
import { treasuryUpdateJob } from '../../update/registry.js';

const T = (f: string) => dataFile('treasury', f);

describe('tidewatch import treasury (real files into a store)', () => {
  it('cash + debt + auctions: series with next-business-day known_from, auctions table, idempotent', async () => {
    await withStore(async (store) => {
      const files = [
        T('DTS_OpCashBal_20210624_20260623.csv'),
        T('DTS_PubDebtTrans_20210624_20260623.csv'),
        T('auctions_treasurydirect_2025-2026.csv'),
      ];
      const first = await importTreasuryFiles(store, files, { runId: null, today: '2026-07-01' });
      expect(first.every((s) => s.status === 'ok')).toBe(true);
      expect(first.find((s) => s.series === 'DTS:TGA_CLOSE')!.newRows).toBe(1252);
      // Friday 2026-06-19's DTS is public Monday 06-22: as of Sunday it is not known.
      const asOfSun = await store.getObservations('DTS:TGA_CLOSE', { asOf: '2026-06-21' });
      expect(asOfSun.at(-1)!.date).toBe('2026-06-18');
      const tga = await store.getObservations('DTS:TGA_CLOSE', { from: '2026-06-23' });
      expect(tga).toEqual([{ date: '2026-06-23', value: 925_876e6, knownFrom: '2026-06-24' }]);
      const auc = await store.db.all<{ n: number; approx: number }>(
        "SELECT count(*) AS n, sum(CASE WHEN approximate_fields <> '' THEN 1 ELSE 0 END) AS approx FROM treasury_auctions",
      );
      expect(auc[0]).toEqual({ n: 250, approx: 177 });
      const again = await importTreasuryFiles(store, files, { runId: null, today: '2026-07-02' });
      expect(
        again.filter((s) => s.series.startsWith('DTS:')).every((s) => s.newRows === 0 && s.revisedRows === 0),
      ).toBe(true);
    });
  });

  it('a bad file writes nothing and names the line; the good files still import', async () => {
    await withStore(async (store) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'tw-treasury-'));
      const bad = path.join(dir, 'bad.csv');
      // Real header, one good row, then a broken amount on line 3: nothing of this file may land.
      const real = readFileSync(T('DTS_OpCashBal_20210624_20260623.csv'), 'utf8').split('\n');
      writeFileSync(bad, [real[0], real[1], real[2]!.replace('262522', '26x522')].join('\n'));
      const r = await importTreasuryFiles(store, [bad, T('auctions_treasurydirect_2025-2026.csv')], {
        runId: null,
        today: '2026-07-01',
      });
      expect(r[0]).toMatchObject({ status: 'failed' });
      expect(r[0]!.reason).toMatch(/bad\.csv:3: field 'Opening Balance Today' is not a number: '26x522'/);
      expect(await store.getObservations('DTS:TGA_CLOSE')).toEqual([]);
      expect(r[1]).toMatchObject({ series: 'treasury_auctions', status: 'ok', newRows: 250 });
    });
  });
});

describe('update --source treasury (Fiscal Data API, HAND-WRITTEN fixtures from the documentation)', () => {
  const routes = {
    operating_cash_balance: (u: URL) => `ocb_page${u.searchParams.get('page[number]')}.json`,
    debt_to_penny: 'debt_to_penny.json',
  };
  it('pages through operating cash, writes DTS:TGA_CLOSE and FISCAL:DEBT_TOTAL; a failing item is reported', () =>
    withFakeSource(
      import.meta.dirname,
      routes,
      async (store, http) => {
        const out = await treasuryUpdateJob.run(
          jobContext(store, http, { today: '2026-06-24', from: '2026-06-22' }),
        );
        expect(out.find((s) => s.series === 'DTS:TGA_CLOSE')).toMatchObject({ status: 'ok', newRows: 2 });
        expect(out.find((s) => s.series === 'FISCAL:DEBT_TOTAL')).toMatchObject({ status: 'ok', newRows: 2 });
        expect(out.find((s) => s.series === 'auctions')).toMatchObject({ status: 'failed' });
        expect(http.requests.filter((r) => r.url.includes('operating_cash_balance'))).toHaveLength(2);
      },
      { status: 500, body: 'boom' },
    ));
});
