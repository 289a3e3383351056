import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Http, HttpResponse } from '../../src/http/types.js';
import { edgarCachePolicy, fullSubmissionUrl, submissionsUrl } from '../../src/sources/sec/edgar/urls.js';
import { thirteenFSource } from '../../src/sources/sec/thirteenf/source.js';
import { withStore } from '../../src/store/memory.testkit.js';
import type { openStore, Store } from '../../src/store/store.js';
import { runSourceItems } from '../../src/update/job.js';
import { silentProgress } from '../../src/update/types.js';
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
        fetchedAt: new Date().toISOString(),
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
async function inProcess<T>(
  work: (s: Awaited<ReturnType<typeof openStore>>) => Promise<T>,
  storeFile = file,
): Promise<T> {
  return withStore(async (store) => {
    return await work(store);
  }, storeFile);
}

const env = { SEC_USER_AGENT: 'Test Person test@example.com' };

describe('EDGAR responses across short-lived processes', () => {
  it('PEERS: a cache wiped at import time re-downloaded everything (edgartools #1051) — a stored Archives filing is never fetched again, by the next process either', async () => {
    expect(edgarCachePolicy(fullSubmissionUrl(SCION, ACC))).toEqual({ kind: 'immutable' });
    const http = sec();
    vi.stubEnv('SEC_USER_AGENT', env.SEC_USER_AGENT);
    // The 13F source's own fetch of one accession, as `tidewatch 13f fetch --accession` runs it.
    const fetchOne = (s: Store) =>
      runSourceItems(
        thirteenFSource,
        [{ label: `13F:${SCION}`, query: { kind: 'filer', cik: SCION, accession: ACC } }],
        {
          store: s,
          http,
          progress: silentProgress,
          log: () => undefined,
          runId: 0,
          today: '2026-01-01',
        },
      );
    const rowsStored = (s: Store) =>
      s.db
        .all<{ n: number }>('SELECT count(*) AS n FROM sec_13f_rows WHERE accession = $1', [ACC])
        .then((r) => Number(r[0]!.n));
    const first = await inProcess(async (s) => ({ summaries: await fetchOne(s), rows: await rowsStored(s) }));
    expect(first.summaries.map((x) => x.status)).toEqual(['ok']);
    expect(first.rows).toBe(13); // scion/PROVENANCE.md: 13 rows
    const second = await inProcess(async (s) => ({
      summaries: await fetchOne(s),
      rows: await rowsStored(s),
    }));
    expect(second.rows).toBe(13);
    vi.unstubAllEnvs();
    expect(http.urls).toEqual([fullSubmissionUrl(SCION, ACC)]);
  });

  it('PEERS: submissions change and need a short freshness window — refetched after an hour, not within it, across processes', async () => {
    expect(edgarCachePolicy(submissionsUrl(SCION))).toEqual({ kind: 'fresh', maxAgeSeconds: 3600 });
    const http = sec();
    // The whole source job, as `update --source sec` runs it: the list's fetch time is written
    // by the job (a fetch-state batch), and read back by the next process.
    vi.stubEnv('SEC_USER_AGENT', env.SEC_USER_AGENT);
    vi.useFakeTimers({ toFake: ['Date'] });
    const at = async (iso: string) => {
      vi.setSystemTime(new Date(iso));
      const before = http.urls.filter((u) => u === submissionsUrl(SCION)).length;
      const [line] = await inProcess(
        (s) =>
          runSourceItems(thirteenFSource, [{ label: `13F:${SCION}`, query: { kind: 'filer', cik: SCION } }], {
            store: s,
            http,
            progress: silentProgress,
            log: () => undefined,
            runId: 0,
            today: iso.slice(0, 10),
          }),
        path.join(dir, 'list.duckdb'),
      );
      return {
        listFetched: http.urls.filter((u) => u === submissionsUrl(SCION)).length - before,
        via: line!.warnings?.[0],
      };
    };
    try {
      expect(await at('2026-01-05T10:00:00Z')).toEqual({ listFetched: 1, via: 'EDGAR submissions list' });
      expect(await at('2026-01-05T10:59:00Z')).toEqual({
        listFetched: 0,
        via: 'submissions list fetched 2026-01-05 10:00:00 (< 1 h ago); known accessions used',
      });
      expect((await at('2026-01-05T11:00:01Z')).listFetched).toBe(1);
      // The filing itself was fetched once: Archives are immutable.
      expect(http.urls.filter((u) => u === fullSubmissionUrl(SCION, ACC))).toHaveLength(1);
    } finally {
      vi.useRealTimers();
      vi.unstubAllEnvs();
    }
  });
});
