import { writeFileSync, readFileSync } from 'node:fs';
import { importNyfedFiles } from '../src/sources/nyfed/ingest.js';
import { openStore } from '../src/store/store.js';
import { addDays } from '../src/core/dates.js';
const base = JSON.parse(readFileSync('/work/shared/data/nyfed/sofr-read-endpoint-snapshots/sofr_2025-10-31.json', 'utf8'))[0];
for (const n of [25000, 50000]) {
  const recs = [];
  for (let i = 0; i < n; i++) recs.push({ ...base, refRateDt: addDays('1950-01-01', i) });
  const f = `/tmp/ing/nyfed_${n}.json`;
  writeFileSync(f, JSON.stringify(recs));
  const store = await openStore(':memory:');
  const t0 = performance.now();
  const r = await importNyfedFiles(store, [f], { runId: null, today: '2026-11-29' });
  console.log(n, ((performance.now() - t0) / 1000).toFixed(1), 's', r.length, r[0]?.status, r[0]?.reason?.slice(0, 100));
  await store.close();
}
