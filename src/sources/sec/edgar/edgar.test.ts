import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile, SHARED_DATA } from '../../../../test/shared-data.js';
import { TidewatchError } from '../../../core/errors.js';
import { createHttp } from '../../../http/client.js';
import { fakeResponse } from '../../../http/fake.testkit.js';
import type { Http, HttpRequestOptions } from '../../../http/types.js';
import { EdgarClient } from './client.js';
import { parseFilingIndex, thirteenFDocuments } from './filing-index.js';
import { isThirteenF, parseSubmissions } from './submissions.js';
import { edgarCachePolicy, fullSubmissionUrl, normaliseAccession, submissionsUrl } from './urls.js';
import { secUserAgent } from './user-agent.js';

/** A fake Http answering from a map of URL → JSON/text, recording request headers. */
function fakeHttp(
  routes: Record<string, unknown>,
): Http & { calls: { url: string; opts: HttpRequestOptions }[] } {
  const calls: { url: string; opts: HttpRequestOptions }[] = [];
  return {
    calls,
    async get(url, opts) {
      calls.push({ url, opts });
      if (!(url in routes)) throw new TidewatchError('not-found', `no route ${url}`);
      const body = routes[url];
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      return fakeResponse(url, text);
    },
  };
}

const msft = () => JSON.parse(readFileSync(dataFile('sec', 'submissions', 'CIK0000789019.json'), 'utf8'));
const UA = { SEC_USER_AGENT: 'Test Person test@example.com' };

describe('SEC User-Agent', () => {
  it('missing SEC_USER_AGENT is a config error saying how to set it', () => {
    try {
      secUserAgent({});
      expect.unreachable();
    } catch (e) {
      expect((e as TidewatchError).kind).toBe('config');
      expect((e as TidewatchError).hint).toMatch(/export SEC_USER_AGENT="Your Name your.email@example.com"/);
    }
    expect(() => secUserAgent({ SEC_USER_AGENT: 'tidewatch' })).toThrow(/no contact e-mail/);
  });

  it('PEERS: a 403 from SEC usually means a missing identity (User-Agent) — the client refuses to call EDGAR live without SEC_USER_AGENT, and sends it when set', async () => {
    const http = fakeHttp({ [submissionsUrl(789019)]: msft() });
    await expect(new EdgarClient(http, { env: {} }).submissions(789019)).rejects.toThrow(
      /SEC_USER_AGENT is not set/,
    );
    expect(http.calls).toHaveLength(0);
    await new EdgarClient(http, { env: UA }).submissions(789019);
    expect(http.calls[0]?.opts).toEqual({ source: 'sec', headers: { 'User-Agent': UA.SEC_USER_AGENT } });
  });
});

describe('submissions JSON', () => {
  it('MSFT: 1006 recent filings 2019-09-13 … 2026-01-28, two older pages (submissions/PROVENANCE.md)', () => {
    const s = parseSubmissions(msft(), 'CIK0000789019.json');
    expect([s.cik, s.name, s.tickers]).toEqual([789019, 'MICROSOFT CORP', ['MSFT']]);
    expect(s.filings).toHaveLength(1006);
    expect(s.filings[0]).toMatchObject({
      accession: '0001193125-26-027232',
      filingDate: '2026-01-28',
      form: 'IRANNOTICE',
      reportDate: null,
    });
    expect(s.filings.at(-1)?.filingDate).toBe('2019-09-13');
    expect(s.files.map((f) => f.name)).toEqual([
      'CIK0000789019-submissions-001.json',
      'CIK0000789019-submissions-002.json',
    ]);
  });

  it('TSLA copy (cik as number or string) parses', () => {
    const t = JSON.parse(
      readFileSync(dataFile('sec', 'submissions', 'et_company_submission_TSLA_CIK0001318605.json'), 'utf8'),
    );
    const s = parseSubmissions(t, 'tsla');
    expect(s.cik).toBe(1318605);
    expect(s.filings).toHaveLength(1001);
  });

  it('follows `files` pagination (older page hand-written in the documented column shape)', async () => {
    const page = {
      accessionNumber: ['0000891020-97-000001'],
      filingDate: ['1997-02-14'],
      reportDate: ['1996-12-31'],
      form: ['13F-HR'],
      primaryDocument: ['x.txt'],
    };
    const http = fakeHttp({
      [submissionsUrl(789019)]: msft(),
      'https://data.sec.gov/submissions/CIK0000789019-submissions-001.json': page,
      'https://data.sec.gov/submissions/CIK0000789019-submissions-002.json': {
        ...page,
        accessionNumber: ['0000891020-96-000002'],
      },
    });
    const all = await new EdgarClient(http, { env: UA }).allFilings(789019, (f) => isThirteenF(f.form));
    expect(all.map((f) => f.accession)).toEqual(['0000891020-97-000001', '0000891020-96-000002']);
    expect(http.calls.map((c) => c.url.split('/').pop())).toEqual([
      'CIK0000789019.json',
      'CIK0000789019-submissions-001.json',
      'CIK0000789019-submissions-002.json',
    ]);
  });

  it('an unexpected shape names the URL and field', () => {
    const bad = msft();
    bad.filings.recent.form = 'oops';
    expect(() => parseSubmissions(bad, 'https://data.sec.gov/submissions/CIK0000789019.json')).toThrow(
      /CIK0000789019\.json: unexpected submissions JSON shape at 'filings\.recent\.form'/,
    );
    const ragged = msft();
    ragged.filings.recent.form.pop();
    expect(() => parseSubmissions(ragged, 'u')).toThrow(
      "u: column 'form' has 1005 entries, accessionNumber has 1006",
    );
  });
});

describe('filing index and URLs', () => {
  it('index.json (hand-written from the EDGAR directory-listing JSON documentation)', () => {
    const items = parseFilingIndex(
      {
        directory: {
          name: '/Archives/edgar/data/1649339/000090514823001400',
          'parent-dir': '/Archives/edgar/data/1649339',
          item: [
            {
              name: '0000905148-23-001400.txt',
              type: 'text.gif',
              size: '10921',
              'last-modified': '2023-11-14 16:05:03',
            },
            { name: 'informationtable.xml', type: 'text.gif', size: '4890' },
            { name: 'primary_doc.xml', type: 'text.gif', size: '' },
          ],
        },
      },
      'index.json',
    );
    expect(items[0]).toEqual({ name: '0000905148-23-001400.txt', size: 10921 });
    expect(thirteenFDocuments(items)).toEqual({
      primary: 'primary_doc.xml',
      tables: ['informationtable.xml'],
    });
    expect(() => parseFilingIndex({ directory: {} }, 'idx')).toThrow(
      /idx: unexpected filing index shape at 'directory.name'/,
    );
  });

  it('URLs match the replay entries; Archives are immutable, submissions fresh for an hour', () => {
    const url = fullSubmissionUrl(1649339, '000090514823001400');
    expect(url).toBe(
      'https://www.sec.gov/Archives/edgar/data/1649339/000090514823001400/0000905148-23-001400.txt',
    );
    expect(edgarCachePolicy(url)).toEqual({ kind: 'immutable' });
    expect(edgarCachePolicy(submissionsUrl(1649339))).toEqual({ kind: 'fresh', maxAgeSeconds: 3600 });
    expect(() => normaliseAccession('12-3')).toThrow(/accession number must look like/);
  });

  it('replay: the Scion 2023-09-30 full submission comes from shared/data without SEC_USER_AGENT', async () => {
    const http = createHttp({ replayDir: SHARED_DATA, archiveDir: null });
    const sub = await new EdgarClient(http, { env: {} }).fullSubmission(1649339, '0000905148-23-001400');
    expect(sub.text.length).toBe(10921);
    expect(sub.text).toContain('ISHARES TR');
    await expect(new EdgarClient(http, { env: {} }).submissions(1649339)).rejects.toMatchObject({
      kind: 'replay-miss',
    });
  });
});
