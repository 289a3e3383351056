import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Http, HttpResponse } from '../../src/http/types.js';
import { EdgarClient } from '../../src/sources/sec/edgar/client.js';
import { edgarCachePolicy, fullSubmissionUrl, submissionsUrl } from '../../src/sources/sec/edgar/urls.js';
import { fetchFiling, thirteenFAccessions } from '../../src/sources/sec/thirteenf/fetch.js';
import { openStore } from '../../src/store/store.js';
import { dataFile } from '../shared-data.js';

/**
 * PEERS.md (storage): a cache wiped at import time made short-lived processes re-download
 * everything (edgartools #1051). Archived immutable responses (EDGAR Archives URLs) never need
 * refetching; submissions change and need a short freshness window. Each "process" here opens
 * the store file, works, and closes it; the fake HTTP layer counts what reaches SEC. The filing
 * is the real Scion 2023-09-30 13F-HR (sec/scion/PROVENANCE.md, accession 0000905148-23-001400).
 */
const SCION = 1649339;
const ACC = '0000905148-23-001400';
const text = readFileSync(dataFile('sec', 'scion', `scion_13F-HR_20230930_${ACC}.txt`), 'utf8');
const submissions = {
  cik: '0001649339',
  name: 'Scion Asset Management, LLC',
  filings: {
    recent: {
      accessionNumber: [ACC],
      filingDate: ['2023-11-14'],
      reportDate: ['2023-09-30'],
      form: ['13F-HR'],
      primaryDocument: ['xslForm13F_X02/primary_doc.xml'],
    },
    files: [],
  },
};

function sec(): Http & { urls: string[] } {
  const urls: string[] = [];
  const routes: Record<string, string> = {
    [fullSubmissionUrl(SCION, ACC)]: text,
    [submissionsUrl(SCION)]: JSON.stringify(submissions),
  };
  return {
    urls,
    async get(url) {
      urls.push(url);
      const body = routes[url]!;
      return {
        url,
        status: 200,
        contentType: null,
        body: new TextEncoder().encode(body),
        sha256: 'x',
        fetchedAt: '',
        fromReplay: false,
        archivedPath: null,
        text: () => body,
        json: <T>() => JSON.parse(body) as T,
      } satisfies HttpResponse;
    },
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'tw-peers-cache-'));
const file = path.join(dir, 'tw.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One short-lived process: open the store, run, close. */
async function inProcess<T>(work: (s: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(file);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const env = { SEC_USER_AGENT: 'Test Person test@example.com' };

describe('EDGAR responses across short-lived processes', () => {
  it('PEERS: a cache wiped at import time re-downloaded everything (edgartools #1051) — a stored Archives filing is never fetched again, by the next process either', async () => {
    expect(edgarCachePolicy(fullSubmissionUrl(SCION, ACC))).toEqual({ kind: 'immutable' });
    const http = sec();
    const first = await inProcess((s) => fetchFiling(s.db, new EdgarClient(http, { env }), SCION, ACC));
    expect([first.status, first.period, first.rows]).toEqual(['new', '2023-09-30', 13]); // scion/PROVENANCE.md: 13 rows
    const second = await inProcess((s) => fetchFiling(s.db, new EdgarClient(http, { env }), SCION, ACC));
    expect(second.status).toBe('already-stored');
    expect(http.urls).toEqual([fullSubmissionUrl(SCION, ACC)]);
  });

  it('PEERS: submissions change and need a short freshness window — refetched after an hour, not within it, across processes', async () => {
    expect(edgarCachePolicy(submissionsUrl(SCION))).toEqual({ kind: 'fresh', maxAgeSeconds: 3600 });
    const http = sec();
    const at = (iso: string) =>
      inProcess((s) => thirteenFAccessions(s.db, new EdgarClient(http, { env }), SCION, new Date(iso)));
    expect(await at('2026-01-05T10:00:00Z')).toEqual({ accessions: [ACC], via: 'EDGAR submissions list' });
    const within = await at('2026-01-05T10:59:00Z');
    expect(within.via).toBe(
      'submissions list fetched 2026-01-05 10:00:00 (< 1 h ago); known accessions used',
    );
    expect(http.urls).toEqual([submissionsUrl(SCION)]);
    expect((await at('2026-01-05T11:00:01Z')).via).toBe('EDGAR submissions list');
    expect(http.urls).toEqual([submissionsUrl(SCION), submissionsUrl(SCION)]);
  });
});
