import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFakeSource } from '../../../test/hand-written.js';
import { dataFile } from '../../../test/shared-data.js';
import { withStore } from '../../store/memory.testkit.js';
import { importNyfedFiles } from '../../update/import/nyfed.js';
import { jobContext } from '../../update/job.testkit.js';
import { nyfedUpdateJob } from '../../update/registry.js';

describe('tidewatch import nyfed (real read-endpoint snapshots)', () => {
  it('ten snapshots → NYFED:SOFR + percentiles + volume, public next business day', async () => {
    await withStore(async (store) => {
      const dir = dataFile('nyfed', 'sofr-read-endpoint-snapshots');
      const files = readdirSync(dir).map((f) => path.join(dir, f));
      const r = await importNyfedFiles(store, files, { runId: null, today: '2026-09-01' });
      expect(r.map((s) => s.series).sort()).toEqual(
        [
          'NYFED:SOFR',
          'NYFED:SOFR_P1',
          'NYFED:SOFR_P25',
          'NYFED:SOFR_P75',
          'NYFED:SOFR_P99',
          'NYFED:SOFR_VOLUME',
        ].sort(),
      );
      const p99 = await store.getObservations('NYFED:SOFR_P99', { from: '2025-10-31', to: '2025-10-31' });
      expect(p99).toEqual([{ date: '2025-10-31', value: 4.35, knownFrom: '2025-11-03' }]);
      const vol = await store.getObservations('NYFED:SOFR_VOLUME', { from: '2021-06-01', to: '2021-06-01' });
      expect(vol[0]!.value).toBe(977e9);
    });
  });
});

describe('update --source nyfed (Markets API, HAND-WRITTEN fixtures from the documentation)', () => {
  const routes = {
    '/sofr/': 'sofr_api_2025-10-29_31.json',
    '/effr/': { body: '{"refRates":[]}' },
    '/rp/': 'rp_results_2025-10.json',
    '/tsy/': 'tsy_results_2025-12.json',
  };
  it('rates, SRF/ON RRP take-up and bill purchases land as series and operation rows', () =>
    withFakeSource(import.meta.dirname, routes, async (store, http) => {
      const out = await nyfedUpdateJob.run(
        jobContext(store, http, { today: '2025-12-31', from: '2025-10-01' }),
      );
      expect(out.every((s) => s.status === 'ok')).toBe(true);
      expect(out.find((s) => s.series === 'NYFED:SOFR')!.warnings![0]).toMatch(
        /unknown field 'unexpectedField'/,
      );
      expect(await store.getObservations('NYFED:SRF_ACCEPTED')).toEqual([
        { date: '2025-10-31', value: 35e9, knownFrom: '2025-10-31' },
      ]);
      expect((await store.getObservations('NYFED:BILL_PURCHASES')).map((o) => o.value)).toEqual([8e9, 6e9]);
      const ops = await store.db.all<{ n: number }>('SELECT count(*) AS n FROM nyfed_operations');
      expect(ops[0]!.n).toBe(6);
    }));
});
