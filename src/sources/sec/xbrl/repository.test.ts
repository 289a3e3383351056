import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile, SHARED_DATA } from '../../../../test/shared-data.js';
import { createHttp } from '../../../http/client.js';
import type { Http } from '../../../http/types.js';
import { capexReport } from '../../../indicators/capex/report.js';
import { withStore } from '../../../store/memory.testkit.js';
import { xbrlUpdateJob } from '../../../update/registry.js';
import { silentProgress } from '../../../update/types.js';
import { fetchCompanyFacts } from './fetch.js';
import { parseXbrlDocument } from './parse.js';
import { documentId, listXbrlCompanies, loadXbrlFacts, saveXbrlDocument } from './repository.js';

const UA = { SEC_USER_AGENT: 'tidewatch tests test@example.com' };

describe('xbrl_facts store (DuckDB in memory)', () => {
  it('importing the same file twice changes nothing; facts come back identical', async () => {
    await withStore(async (store) => {
      const text = readFileSync(dataFile('sec', 'xbrl', 'orcl-20240831_10-Q_ixbrl.htm'), 'utf8');
      const doc = parseXbrlDocument(text, 'orcl.htm', { filed: '2024-09-10' });
      const id = documentId(text);
      const a = await saveXbrlDocument(store.db, doc, id);
      const b = await saveXbrlDocument(store.db, doc, id);
      expect(a).toEqual({ cik: 1341439, inserted: doc.facts.length, unchanged: 0, filedAdded: 0 });
      expect(b).toEqual({ cik: 1341439, inserted: 0, unchanged: doc.facts.length, filedAdded: 0 });
      const back = await loadXbrlFacts(store.db, {
        ciks: [1341439],
        concepts: ['PaymentsToAcquirePropertyPlantAndEquipment'],
      });
      expect(
        back
          .filter((f) => f.dims === '')
          .map((f) => [f.start, f.end, f.value, f.filed])
          .sort(),
      ).toEqual([
        ['2023-06-01', '2023-08-31', 1_314e6, '2024-09-10'],
        ['2024-06-01', '2024-08-31', 2_303e6, '2024-09-10'],
      ]);
      expect(await listXbrlCompanies(store.db)).toEqual([
        { cik: 1341439, name: 'Oracle Corporation', ticker: 'ORCL', facts: doc.facts.length },
      ]);
    });
  });

  it('a failing insert leaves nothing half-written', async () => {
    await withStore(async (store) => {
      const doc = parseXbrlDocument(
        readFileSync(dataFile('sec', 'xbrl', 'orcl-20240831_10-Q_ixbrl.htm'), 'utf8'),
        'o',
      );
      const broken = {
        ...doc,
        facts: [...doc.facts, { ...doc.facts[0]!, concept: 'X', value: Number.NaN, end: 'not-a-date' }],
      };
      await expect(saveXbrlDocument(store.db, broken, 'doc:x')).rejects.toThrow();
      expect(await store.db.all('SELECT count(*) AS n FROM xbrl_facts')).toEqual([{ n: 0 }]);
    });
  });
});

describe('companyfacts fetch through the replay HTTP layer (shared/data/replay.json: 2 entries)', () => {
  it('refuses without SEC_USER_AGENT, before any request', async () => {
    let calls = 0;
    const http: Http = {
      get: async () => {
        calls++;
        throw new Error('no');
      },
    };
    await expect(fetchCompanyFacts(http, 1045810, {})).rejects.toMatchObject({ kind: 'config' });
    expect(calls).toBe(0);
  });

  it('sends the User-Agent with source sec to the companyfacts URL', async () => {
    const seen: { url: string; ua?: string; source: string }[] = [];
    const body = readFileSync(dataFile('sec', 'xbrl', 'CIK0001652044.json'));
    const http: Http = {
      get: async (url, o) => {
        seen.push({ url, ua: o.headers?.['User-Agent'], source: o.source });
        return {
          url,
          status: 200,
          contentType: 'application/json',
          body,
          sha256: '',
          fetchedAt: '',
          fromReplay: true,
          archivedPath: null,
          text: () => body.toString('utf8'),
          json: () => JSON.parse(body.toString('utf8')),
        };
      },
    };
    const doc = await fetchCompanyFacts(http, 1652044, UA);
    expect(seen).toEqual([
      {
        url: 'https://data.sec.gov/api/xbrl/companyfacts/CIK0001652044.json',
        ua: UA.SEC_USER_AGENT,
        source: 'sec',
      },
    ]);
    expect(doc.entityName).toBe('ALPHABET INC.');
  });

  it('update job: NVDA and GOOGL stored from replay, the other four fail as replay misses; capex report reads the store', async () => {
    const prev = process.env.SEC_USER_AGENT;
    process.env.SEC_USER_AGENT = UA.SEC_USER_AGENT;
    try {
      await withStore(async (store) => {
        const http = createHttp({ replayDir: SHARED_DATA, archiveDir: null });
        const ctx = { store, http, progress: silentProgress, log: () => {}, runId: 1, today: '2026-07-10' };
        const out = await xbrlUpdateJob.run(ctx);
        expect(out.filter((s) => s.status === 'ok').map((s) => s.series)).toEqual([
          'XBRL:GOOGL',
          'XBRL:NVDA',
        ]);
        expect(out.filter((s) => s.status === 'failed').map((s) => s.series)).toEqual([
          'XBRL:MSFT',
          'XBRL:AMZN',
          'XBRL:META',
          'XBRL:ORCL',
        ]);
        const again = await xbrlUpdateJob.run({ ...ctx, only: ['GOOGL'] });
        expect(again[0]).toMatchObject({ status: 'ok', newRows: 0 });
        const r = capexReport(await loadXbrlFacts(store.db), { ticker: 'GOOGL' });
        expect(r.companies[0]!.quarters.find((q) => q.end === '2024-06-30')?.values.capex).toBe(13_186e6);
      });
    } finally {
      if (prev === undefined) delete process.env.SEC_USER_AGENT;
      else process.env.SEC_USER_AGENT = prev;
    }
  });
});
