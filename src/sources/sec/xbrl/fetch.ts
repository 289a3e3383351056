import { TidewatchError } from '../../../core/errors.js';
import type { Http } from '../../../http/types.js';
import { type RawBytes, rawFromResponse, textOf } from '../../define.js';
import { secUserAgent } from '../edgar/user-agent.js';
import { parseCompanyFacts } from './companyfacts.js';
import type { XbrlDocument } from './types.js';

/**
 * Fetches data.sec.gov companyfacts through the shared HTTP layer (replayable, archived).
 * SEC fair access requires a User-Agent naming a contact; without SEC_USER_AGENT we refuse
 * before any request. Rate limiting and 429/403 backoff are the HTTP layer's and the EDGAR
 * client's business; this is one request per company.
 */
export function companyFactsUrl(cik: number): string {
  return `https://data.sec.gov/api/xbrl/companyfacts/CIK${String(cik).padStart(10, '0')}.json`;
}

/** Extract: one company's companyfacts response (a contact User-Agent unless replaying). */
export async function extractCompanyFacts(
  http: Http,
  cik: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RawBytes> {
  // Replay answers from recordings and reaches nobody: no contact User-Agent is needed then.
  const replaying = http.replaying === true;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (!replaying) headers['User-Agent'] = secUserAgent(env);
  const url = companyFactsUrl(cik);
  const res = await http.get(url, { source: 'sec', headers });
  if (res.status === 404)
    throw new TidewatchError('not-found', `${url}: no companyfacts for CIK ${cik}`, { status: 404 });
  if (res.status < 200 || res.status >= 300) {
    throw new TidewatchError('http', `${url}: HTTP ${res.status}`, { status: res.status });
  }
  return rawFromResponse(res);
}

/** companyfacts bytes → the document, refused when it is about another company. */
export function parseCompanyFactsBytes(raw: RawBytes, cik: number): XbrlDocument {
  const url = companyFactsUrl(cik);
  const doc = parseCompanyFacts(textOf(raw).text, url);
  if (doc.cik !== cik)
    throw new TidewatchError('bad-input', `${url}: response is for CIK ${doc.cik}, asked for ${cik}`);
  return doc;
}

export async function fetchCompanyFacts(
  http: Http,
  cik: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<XbrlDocument> {
  return parseCompanyFactsBytes(await extractCompanyFacts(http, cik, env), cik);
}
