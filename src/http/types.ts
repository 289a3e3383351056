/** What every connector receives: the one HTTP layer. Nothing else in the code calls fetch. */
export interface HttpRequestOptions {
  /** Logical source name for the archive and record layout: 'fred', 'sec', 'nyfed', 'treasury', 'prices', 'crypto'. */
  source: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxRetries?: number;
  /** Query parameter names whose values are secrets: never archived, logged or recorded. */
  secretParams?: string[];
}

export interface HttpResponse {
  /** Requested URL with secret parameters removed. */
  url: string;
  status: number;
  contentType: string | null;
  body: Uint8Array;
  sha256: string;
  fetchedAt: string;
  fromReplay: boolean;
  /** Where the raw bytes are archived (content-addressed), when archiving is on. */
  archivedPath: string | null;
  text(): string;
  json<T = unknown>(): T;
}

export interface Http {
  get(url: string, opts: HttpRequestOptions): Promise<HttpResponse>;
}
