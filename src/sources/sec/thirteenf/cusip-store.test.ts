import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../http/client.js';
import { openStore, type Store } from '../../../store/store.js';
import { parseCompanyTickers } from './cusip-map.js';
import { mapCusips, storeResolver } from './cusip-store.js';
import { parseThirteenF } from './filing.js';
import { normaliseFiling } from './normalise.js';
import { OPENFIGI_URL } from './openfigi.js';
import { contentHash, saveFiling } from './repository.js';
import { secText } from './test-files.js';

/**
 * `tidewatch 13f map-cusips --openfigi` path through the real HttpClient in replay mode.
 * THE OPENFIGI RESPONSE BELOW IS HAND-WRITTEN FROM THE PROVIDER'S DOCUMENTATION
 * (https://www.openfigi.com/api#post-v3-mapping: one `{data:[…]}` or `{warning}` per job, in
 * order); the tickers are the public listings of those issuers. Nothing touches the internet.
 */
const SCION_Q3 = 'scion_13F-HR_20230930_0000905148-23-001400.txt';
// The 6 CUSIPs of Scion's 2023-09-30 filing that the company_tickers.json name match leaves
// unmapped, in CUSIP order (the order the connector asks them in).
const LEFT = ['01609W102', '444097109', '464287523', '47215P106', '88339P101', 'Y7388L103'];
const REPLY = [
  { data: [{ ticker: 'BABA', name: 'ALIBABA GROUP HOLDING-SP ADR', exchCode: 'US' }] },
  { data: [{ ticker: 'HPP', name: 'HUDSON PACIFIC PROPERTIES IN', exchCode: 'US' }] },
  { data: [{ ticker: 'SOXX', name: 'ISHARES SEMICONDUCTOR ETF', exchCode: 'US' }] },
  { data: [{ ticker: 'JD', name: 'JD.COM INC-ADR', exchCode: 'US' }] },
  { data: [{ ticker: 'REAL', name: 'REALREAL INC/THE', exchCode: 'US' }] },
  { warning: 'No identifier found.' },
];

let store: Store;
let dir: string;
beforeEach(async () => {
  store = await openStore(':memory:');
  const t = secText('scion', SCION_Q3);
  await saveFiling(store.db, normaliseFiling(parseThirteenF(t, { source: SCION_Q3 })), contentHash(t));
  dir = mkdtempSync(path.join(os.tmpdir(), 'tw-openfigi-'));
  writeFileSync(path.join(dir, 'openfigi-mapping.json'), JSON.stringify(REPLY));
  writeFileSync(
    path.join(dir, 'replay.json'),
    JSON.stringify({
      version: 1,
      entries: [
        {
          method: 'POST',
          url: OPENFIGI_URL,
          file: 'openfigi-mapping.json',
          contentType: 'application/json',
          note: 'hand-written from the OpenFIGI documentation',
        },
      ],
    }),
  );
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('map-cusips', () => {
  it('name match maps 6 of Scion Q3-2023’s 13 CUSIPs; OpenFIGI maps 5 of the 6 left (SOXX among them)', async () => {
    const http = new HttpClient({ replayDir: dir, archiveDir: null });
    const bodies: string[] = [];
    const headers: Record<string, string>[] = [];
    const poster = {
      post: (url: string, body: string, opts: { source: string; headers: Record<string, string> }) => {
        bodies.push(body);
        headers.push(opts.headers);
        return http.post(url, body, opts);
      },
    };
    const companies = parseCompanyTickers(
      JSON.parse(secText('reference', 'company_tickers.json')),
      'company_tickers.json',
    );
    const r = await mapCusips(store.db, {
      companies,
      openFigi: { poster, env: { OPENFIGI_API_KEY: 'secret-key-123' } },
    });
    expect(r.nameMatched).toBe(6);
    expect([r.openFigiAsked, r.openFigiMapped]).toEqual([6, 5]);
    expect(JSON.parse(bodies[0]!).map((j: { idValue: string }) => j.idValue)).toEqual(LEFT);
    expect(headers[0]?.['X-OPENFIGI-APIKEY']).toBe('secret-key-123');
    // the key is sent as a header only: never in the result a command prints
    expect(JSON.stringify(r)).not.toContain('secret-key-123');
    expect(r.stillUnmapped).toEqual([{ cusip: 'Y7388L103', issuer: 'SAFE BULKERS INC' }]);
    const resolved = (await storeResolver(store.db, path.join(dir, 'no-such-map.csv'))).resolve(
      '464287523',
      'ISHARES TR',
    );
    expect(resolved?.ticker).toBe('SOXX');

    // a second run asks only for what is still unmapped (replay answers 6 jobs ⇒ size mismatch)
    await expect(
      mapCusips(store.db, { openFigi: { poster, env: { OPENFIGI_API_KEY: 'secret-key-123' } } }),
    ).rejects.toThrow(/expected an array of 1 mapping results/);
    expect(JSON.parse(bodies[1]!)).toEqual([{ idType: 'ID_CUSIP', idValue: 'Y7388L103' }]);
  });

  it('without OPENFIGI_API_KEY the OpenFIGI step refuses with a config error and stores nothing', async () => {
    const http = new HttpClient({ replayDir: dir, archiveDir: null });
    await expect(
      mapCusips(store.db, { openFigi: { poster: { post: http.post.bind(http) }, env: {} } }),
    ).rejects.toMatchObject({ kind: 'config' });
    const n = await store.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM sec_cusip_map');
    expect(n[0]?.n).toBe(0);
  });
});
