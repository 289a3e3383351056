import type { Http, HttpResponse } from '../../../http/types.js';
import { type FilingIndexItem, parseFilingIndex } from './filing-index.js';
import {
  type FilingRef,
  parseSubmissions,
  parseSubmissionsPage,
  type SubmissionsPage,
} from './submissions.js';
import { filingIndexUrl, fullSubmissionUrl, submissionsPageUrl, submissionsUrl } from './urls.js';
import { secUserAgent } from './user-agent.js';

/**
 * EDGAR through the shared HTTP layer (source 'sec'): it spaces sec.gov requests to 8/s (SEC
 * allows ≤10/s and blocks for 10 minutes beyond) and backs off on 429 and SEC's 403. This
 * client adds the contact User-Agent SEC requires — and refuses to run without one, except when
 * the HTTP layer replays recorded responses and nothing reaches SEC.
 */
export interface EdgarClientOptions {
  env?: Record<string, string | undefined>;
}

export class EdgarClient {
  private userAgent: string | undefined;

  constructor(
    private readonly http: Http,
    private readonly opts: EdgarClientOptions = {},
  ) {}

  private get replaying(): boolean {
    return this.http.replaying === true;
  }

  /** Any other sec.gov URL (e.g. company_tickers.json), with the same identity and pacing. */
  raw(url: string): Promise<HttpResponse> {
    return this.get(url);
  }

  private async get(url: string): Promise<HttpResponse> {
    const headers: Record<string, string> = {};
    if (!this.replaying) {
      this.userAgent ??= secUserAgent(this.opts.env ?? process.env);
      headers['User-Agent'] = this.userAgent;
    }
    return this.http.get(url, { source: 'sec', headers });
  }

  async submissions(cik: number): Promise<SubmissionsPage> {
    const res = await this.get(submissionsUrl(cik));
    return parseSubmissions(res.json(), res.url);
  }

  /** Every filing of a CIK: the recent list, then each older page named in `filings.files`. */
  async allFilings(cik: number, filter: (f: FilingRef) => boolean = () => true): Promise<FilingRef[]> {
    const first = await this.submissions(cik);
    const out = first.filings.filter(filter);
    for (const page of first.files) {
      const res = await this.get(submissionsPageUrl(page.name));
      out.push(...parseSubmissionsPage(res.json(), first.cik, res.url).filter(filter));
    }
    return out;
  }

  async filingIndex(cik: number, accession: string): Promise<FilingIndexItem[]> {
    const res = await this.get(filingIndexUrl(cik, accession));
    return parseFilingIndex(res.json(), res.url);
  }

  /** The full submission .txt (SGML wrapper with every document). Immutable once published. */
  async fullSubmission(
    cik: number,
    accession: string,
  ): Promise<{ text: string; url: string; sha256: string }> {
    const res = await this.get(fullSubmissionUrl(cik, accession));
    return { text: res.text(), url: res.url, sha256: res.sha256 };
  }
}
