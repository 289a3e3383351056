import { createHash } from 'node:crypto';
import { TidewatchError } from '../../../core/errors.js';
import type { Http, HttpRequestOptions, HttpResponse } from '../../../http/types.js';

/**
 * Test double for the shared HTTP layer: answers from a function of the URL and records every
 * request, so connector tests can assert paging (which URLs, in which order) offline.
 */
export class FakeHttp implements Http {
  readonly requests: { url: string; opts: HttpRequestOptions }[] = [];
  constructor(private readonly answer: (url: URL) => { status?: number; body: string } | undefined) {}

  async get(url: string, opts: HttpRequestOptions): Promise<HttpResponse> {
    this.requests.push({ url, opts });
    const a = this.answer(new URL(url));
    if (!a) throw new TidewatchError('replay-miss', `no fake response for GET ${url}`);
    const body = new TextEncoder().encode(a.body);
    return {
      url,
      status: a.status ?? 200,
      contentType: 'application/json',
      body,
      sha256: createHash('sha256').update(body).digest('hex'),
      fetchedAt: new Date(0).toISOString(),
      fromReplay: true,
      archivedPath: null,
      text: () => a.body,
      json: <T>() => JSON.parse(a.body) as T,
    };
  }
}
