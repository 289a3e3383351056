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
  /** True when answers come from recordings (TIDEWATCH_REPLAY_DIR): nothing reaches a provider. */
  readonly replaying?: boolean;
  get(url: string, opts: HttpRequestOptions): Promise<HttpResponse>;
  /** POST with a JSON or text body (OpenFIGI mapping). Replay matches method + URL, not the body. */
  post?(url: string, body: string, opts: HttpRequestOptions): Promise<HttpResponse>;
}
