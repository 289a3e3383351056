import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../../../test/shared-data.js';
import { createHttp } from '../../../http/client.js';
import { withMemoryStore } from '../../../store/memory.testkit.js';
import type { Store } from '../../../store/store.js';
import { secUpdateJob } from '../../../update/registry.js';
import { silentProgress } from '../../../update/types.js';
import { listFilings } from './repository.js';
import { SCION_PERIODS } from './test-files.js';

let store: Store;
withMemoryStore((s) => {
  store = s;
});

const ctx = () => ({
  store,
  http: createHttp({ replayDir: SHARED_DATA, archiveDir: null }),
  progress: silentProgress,
  log: () => {},
  runId: 1,
  today: '2025-12-01',
});

describe('update --source sec (replay)', () => {
  it('fetches the 8 Scion full submissions of replay.json; a second run fetches nothing new', async () => {
    const first = await secUpdateJob.run(ctx());
    const scion = first.find((s) => s.series === '13F:1649339')!;
    expect(scion.status).toBe('ok');
    expect(scion.newRows).toBe(8);
    expect(scion.warnings?.[0]).toMatch(
      /known accessions \(8\); submissions list unavailable: replay: no recorded response/,
    );
    const tickers = first.find((s) => s.series === 'CUSIP-TICKER')!;
    expect(tickers.status).toBe('ok');
    expect(tickers.newRows).toBeGreaterThan(20);
    const filings = await listFilings(store.db, 1649339);
    expect(filings.map((f) => f.period)).toEqual(SCION_PERIODS);
    expect(filings.find((f) => f.period === '2022-06-30')).toMatchObject({
      value_unit: 'usd_thousands',
      unit_rule: 'filing-date',
    });
    const again = await secUpdateJob.run(ctx());
    expect(again.find((s) => s.series === '13F:1649339')).toMatchObject({ newRows: 0, unchanged: 8 });
  });
});
