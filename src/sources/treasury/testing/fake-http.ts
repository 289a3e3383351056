import { TidewatchError } from '../../../core/errors.js';
import { fakeResponse } from '../../../http/fake.testkit.js';
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
    return fakeResponse(url, a.body, a.status);
  }
}
