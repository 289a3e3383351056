import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curatedStore } from '../../../test/fixtures.js';
import { dataFile } from '../../../test/shared-data.js';
import { parseXbrlDocument } from '../../sources/sec/xbrl/parse.js';
import { documentId, saveXbrlDocument } from '../../sources/sec/xbrl/repository.js';
import { createApp } from '../app.js';

describe('capex API', () => {
  it('/api/capex, /api/curated/tokens, /api/curated/events; 400 on a bad parameter', async () => {
    const store = await curatedStore();
    try {
      const text = readFileSync(dataFile('sec', 'xbrl', 'CIK0001652044.json'), 'utf8');
      await saveXbrlDocument(store.db, parseXbrlDocument(text, 'g.json'), documentId(text));
      const app = createApp(store);
      const r = await (await app.request('/api/capex?ticker=GOOGL&asOf=2024-07-24')).json();
      const q = r.companies[0].quarters.at(-1);
      expect(q).toMatchObject({ end: '2024-06-30', basis: { capex: '6M YTD − Q' } });
      expect(q.values.capex).toBe(13_186e6);
      expect(r.burstRule.gapThreshold).toBe(0.4);
      expect((await app.request('/api/capex?asOf=2024-02-30')).status).toBe(400);
      const t = await (await app.request('/api/curated/tokens')).json();
      expect(
        t.rows.find(
          (x: { provider: string; date: string }) => x.provider === 'Google' && x.date === '2025-10-01',
        ).value,
      ).toBe(1.3e15);
      const e = await (await app.request('/api/curated/events?ticker=orcl')).json();
      expect(e.events[0]).toMatchObject({ date: '2025-12-11', ticker: 'ORCL' });
    } finally {
      await store.close();
    }
  });
});
