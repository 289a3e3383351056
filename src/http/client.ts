import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeText } from '../core/decode.js';
import { TidewatchError } from '../core/errors.js';
import { archiveBytes, archiveDirFromEnv, sha256 } from './archive.js';
import {
  loadManifest,
  matchEntry,
  type ReplayManifest,
  recordPath,
  redactUrl,
  scrubSecrets,
  secretValuesOf,
} from './replay.js';
import type { Http, HttpRequestOptions, HttpResponse } from './types.js';

/** JSON of a response body; a body that is not JSON is refused naming its origin and how it starts. */
export function parseJsonBody<T = unknown>(text: string, origin: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    const start = scrubSecrets(text.slice(0, 60).replace(/\s+/g, ' '));
    throw new TidewatchError('bad-input', `${origin}: body is not JSON (starts with '${start}')`, {
      cause: e,
    });
  }
}

export type { Http, HttpRequestOptions, HttpResponse };

/** Minimum spacing between requests per host. FRED: 120/min; SEC: ≤10/s (we keep 8/s, as peers do). */
export const HOST_MIN_INTERVAL_MS: Record<string, number> = {
  'fred.stlouisfed.org': 500,
  'api.stlouisfed.org': 500,
  'alfred.stlouisfed.org': 500,
  'www.sec.gov': 125,
  'data.sec.gov': 125,
  'efts.sec.gov': 125,
};
const DEFAULT_MIN_INTERVAL_MS = 100;

export interface HttpConfig {
  replayDir?: string;
  recordDir?: string;
  /** Content-addressed raw archive folder; null disables archiving. */
  archiveDir?: string | null;
  userAgent?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** Base for exponential backoff (ms). */
  backoffMs?: number;
  /** Cap on a single wait, including Retry-After. */
  maxWaitMs?: number;
  minIntervalMs?: Record<string, number>;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Called after every successful response (the update pipeline records it in raw_archive). */
  onResponse?: (r: HttpResponse, source: string) => void | Promise<void>;
}

const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function makeResponse(init: Omit<HttpResponse, 'text' | 'json'>): HttpResponse {
  let cachedText: string | undefined;
  return {
    ...init,
    text() {
      cachedText ??= decodeText(init.body, init.url).text;
      return cachedText;
    },
    json<T>() {
      return parseJsonBody<T>(this.text(), init.url);
    },
  };
}

/** Seconds or HTTP-date → milliseconds to wait; undefined when absent or unreadable. */
export function parseRetryAfter(v: string | null, now = Date.now()): number | undefined {
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** The one HTTP layer: rate limits, retries, timeouts, archive, replay and record. */
export class HttpClient implements Http {
  private readonly nextSlot = new Map<string, number>();
  /** Hosts that stayed unreachable through a full retry cycle: later requests fail fast. */
  private readonly unreachable = new Map<string, string>();
  private readonly manifest: ReplayManifest | undefined;
  private readonly cfg: Required<Pick<HttpConfig, 'timeoutMs' | 'maxRetries' | 'backoffMs' | 'maxWaitMs'>> &
    HttpConfig;

  constructor(cfg: HttpConfig = {}) {
    // Keys given as undefined must not override the defaults (a timeout of undefined aborts at once).
    const given = Object.fromEntries(Object.entries(cfg).filter(([, v]) => v !== undefined)) as HttpConfig;
    this.cfg = { timeoutMs: 30_000, maxRetries: 4, backoffMs: 500, maxWaitMs: 60_000, ...given };
    this.manifest = cfg.replayDir ? loadManifest(cfg.replayDir) : undefined;
  }

  get replaying(): boolean {
    return this.manifest !== undefined;
  }

  get(url: string, opts: HttpRequestOptions): Promise<HttpResponse> {
    return this.request('GET', url, undefined, opts);
  }

  post(url: string, body: string, opts: HttpRequestOptions): Promise<HttpResponse> {
    return this.request('POST', url, body, opts);
  }

  private async request(
    method: 'GET' | 'POST',
    url: string,
    body: string | undefined,
    opts: HttpRequestOptions,
  ): Promise<HttpResponse> {
    const safeUrl = redactUrl(url, opts.secretParams);
    const res = this.manifest
      ? this.fromReplay(method, url, safeUrl)
      : await this.fetchWithRetry(method, url, body, safeUrl, opts);
    const archived = this.archive(res);
    const out = makeResponse({ ...res, archivedPath: archived });
    if (!this.manifest && this.cfg.recordDir && res.status >= 200 && res.status < 300)
      this.record(method, opts.source, out);
    await this.cfg.onResponse?.(out, opts.source);
    return out;
  }

  private fromReplay(method: string, url: string, safeUrl: string): Omit<HttpResponse, 'text' | 'json'> {
    const dir = this.cfg.replayDir!;
    const entry = matchEntry(this.manifest!.entries, method, url);
    if (!entry) {
      throw new TidewatchError('replay-miss', `replay: no recorded response for ${method} ${safeUrl}`, {
        hint: `add an entry to ${path.join(dir, 'replay.json')} or run without TIDEWATCH_REPLAY_DIR`,
      });
    }
    const body = new Uint8Array(readFileSync(path.join(dir, entry.file)));
    if (entry.status < 200 || entry.status >= 300) {
      throw new TidewatchError('http', `replay: ${safeUrl} recorded with status ${entry.status}`, {
        status: entry.status,
      });
    }
    return {
      url: safeUrl,
      status: entry.status,
      contentType: entry.contentType ?? null,
      body,
      sha256: sha256(body),
      fetchedAt: new Date().toISOString(),
      fromReplay: true,
      archivedPath: null,
    };
  }

  private async waitForSlot(host: string): Promise<void> {
    const interval = this.cfg.minIntervalMs?.[host] ?? HOST_MIN_INTERVAL_MS[host] ?? DEFAULT_MIN_INTERVAL_MS;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(host) ?? 0);
    this.nextSlot.set(host, slot + interval);
    if (slot > now) await (this.cfg.sleep ?? sleepReal)(slot - now);
  }

  private async fetchWithRetry(
    method: string,
    url: string,
    body: string | undefined,
    safeUrl: string,
    opts: HttpRequestOptions,
  ): Promise<Omit<HttpResponse, 'text' | 'json'>> {
    const host = new URL(url).host;
    const secrets = secretValuesOf(url, opts.secretParams);
    const down = this.unreachable.get(host);
    if (down)
      throw new TidewatchError(
        'network',
        `${method} ${safeUrl} skipped: ${host} was unreachable earlier in this run (${down})`,
      );
    const maxRetries = opts.maxRetries ?? this.cfg.maxRetries;
    const sleep = this.cfg.sleep ?? sleepReal;
    let lastError: TidewatchError | undefined;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      await this.waitForSlot(host);
      let retryAfterMs: number | undefined;
      try {
        const res = await this.fetchOnce(method, url, body, safeUrl, opts);
        if (res.status >= 200 && res.status < 300) return res.response;
        lastError = statusError(method, safeUrl, host, res.status, res.response.body, secrets);
        // 4xx other than 429 (and SEC's 403 throttle) will not get better by asking again.
        if (!isRetryable(lastError)) throw lastError;
        retryAfterMs = parseRetryAfter(res.retryAfter);
      } catch (e) {
        if (e === lastError) throw e;
        lastError = toNetworkError(e, `${method} ${safeUrl}`, opts.timeoutMs ?? this.cfg.timeoutMs, secrets);
      }
      if (attempt === maxRetries) break;
      const backoff = this.cfg.backoffMs * 2 ** attempt;
      const jitter = Math.random() * backoff * 0.5;
      await sleep(Math.min(this.cfg.maxWaitMs, Math.max(retryAfterMs ?? 0, backoff + jitter)));
    }
    // Only "cannot reach the host at all" trips the breaker; a hang or reset is one resource's problem.
    if (lastError?.kind === 'network' && UNREACHABLE_CODES.test(lastError.message))
      this.unreachable.set(host, lastError.message);
    throw new TidewatchError(
      lastError?.kind ?? 'network',
      `${lastError?.message ?? `${method} ${safeUrl} failed`} (gave up after ${maxRetries + 1} attempts)`,
      {
        cause: lastError,
        status: lastError?.status,
      },
    );
  }

  private async fetchOnce(
    method: string,
    url: string,
    body: string | undefined,
    safeUrl: string,
    opts: HttpRequestOptions,
  ): Promise<{ status: number; retryAfter: string | null; response: Omit<HttpResponse, 'text' | 'json'> }> {
    const ctrl = new AbortController();
    const timeoutMs = opts.timeoutMs ?? this.cfg.timeoutMs;
    const timer = setTimeout(() => ctrl.abort(new TimeoutSignal(timeoutMs)), timeoutMs);
    try {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (this.cfg.userAgent && !headers['User-Agent']) headers['User-Agent'] = this.cfg.userAgent;
      const res = await (this.cfg.fetchImpl ?? fetch)(url, {
        method,
        body,
        headers,
        signal: ctrl.signal,
        redirect: 'follow',
      });
      // The body is read under the same timeout: a server that sends headers then hangs is caught.
      const bytes = new Uint8Array(await res.arrayBuffer());
      return {
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        response: {
          url: safeUrl,
          status: res.status,
          contentType: res.headers.get('content-type'),
          body: bytes,
          sha256: sha256(bytes),
          fetchedAt: new Date().toISOString(),
          fromReplay: false,
          archivedPath: null,
        },
      };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Replayed answers are archived too: a replayed run must be traceable to the bytes it read
   * exactly like a live one (the recording folder may change or move later).
   */
  private archive(res: Omit<HttpResponse, 'text' | 'json'>): string | null {
    const dir = this.cfg.archiveDir;
    return dir ? archiveBytes(dir, res.sha256, res.body) : null;
  }

  /** Record mode: body unchanged under <source>/<host>/<path>, manifest replaced atomically. */
  private record(method: string, source: string, res: HttpResponse): void {
    const dir = this.cfg.recordDir!;
    const rel = recordPath(source, res.url);
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, res.body);
    const manifestFile = path.join(dir, 'replay.json');
    const manifest: ReplayManifest = existsSync(manifestFile)
      ? loadManifest(dir)
      : { version: 1, entries: [] };
    const entry = {
      method,
      url: res.url,
      file: rel,
      status: res.status,
      contentType: res.contentType ?? 'application/octet-stream',
      note: `recorded ${new Date().toISOString()}`,
    };
    const i = manifest.entries.findIndex((e) => e.method === method && e.url === res.url);
    if (i >= 0) manifest.entries[i] = entry;
    else manifest.entries.push(entry);
    writeFileSync(`${manifestFile}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(`${manifestFile}.tmp`, manifestFile);
  }
}

const UNREACHABLE_CODES = /\((ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|EHOSTUNREACH)\)/;

class TimeoutSignal extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
  }
}

/** How much of an error body a message quotes: enough for a provider's error text, not a page. */
const SNIPPET_CHARS = 200;

/**
 * The start of an error body, fit to quote in a message that ends up in ingest_runs.summary and
 * on screens: whitespace folded, cut, and scrubbed of secrets (a server that echoes the request
 * URL would otherwise hand back our api_key).
 */
export function bodySnippet(body: Uint8Array, secrets: string[] = []): string {
  const text = new TextDecoder()
    .decode(body.slice(0, 4 * SNIPPET_CHARS))
    .replace(/\s+/g, ' ')
    .trim();
  const scrubbed = scrubSecrets(text, secrets);
  return scrubbed.length > SNIPPET_CHARS ? `${scrubbed.slice(0, SNIPPET_CHARS)}…` : scrubbed;
}

/** The error for a non-2xx answer: its kind, the status and the start of the body. */
function statusError(
  method: string,
  safeUrl: string,
  host: string,
  status: number,
  body: Uint8Array,
  secrets: string[],
): TidewatchError {
  const secThrottle = status === 403 && host.endsWith('sec.gov');
  const kind = status === 429 || secThrottle ? 'rate-limited' : status === 404 ? 'not-found' : 'http';
  const snippet = bodySnippet(body, secrets);
  return new TidewatchError(
    kind,
    `${method} ${safeUrl} answered HTTP ${status}${snippet ? `: ${snippet}` : ''}`,
    {
      status,
      hint: secThrottle
        ? 'SEC wants a User-Agent with a contact address (SEC_USER_AGENT) and ≤10 requests/s'
        : undefined,
    },
  );
}

function isRetryable(e: TidewatchError): boolean {
  return (
    e.kind === 'rate-limited' ||
    e.kind === 'network' ||
    e.kind === 'timeout' ||
    (e.status !== undefined && e.status >= 500)
  );
}

function toNetworkError(e: unknown, request: string, timeoutMs: number, secrets: string[]): TidewatchError {
  if (e instanceof TidewatchError) return e;
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (
    err?.name === 'TimeoutSignal' ||
    err instanceof TimeoutSignal ||
    err?.name === 'AbortError' ||
    err?.cause instanceof TimeoutSignal
  ) {
    return new TidewatchError('timeout', `${request} timed out after ${timeoutMs} ms`, { cause: e });
  }
  const code = err?.cause?.code ? ` (${err.cause.code})` : '';
  const reason = scrubSecrets(String(err?.cause?.message ?? err?.message ?? String(e)), secrets);
  return new TidewatchError('network', `${request} failed: ${reason}${code}`, { cause: e });
}

export { sha256 };

/** The client configured from the environment (TIDEWATCH_REPLAY_DIR, TIDEWATCH_RECORD_DIR, …). */
export function createHttp(overrides: HttpConfig = {}): HttpClient {
  const env = process.env;
  return new HttpClient({
    replayDir: env.TIDEWATCH_REPLAY_DIR || undefined,
    recordDir: env.TIDEWATCH_RECORD_DIR || undefined,
    archiveDir: archiveDirFromEnv(env),
    userAgent: env.TIDEWATCH_USER_AGENT ?? 'tidewatch/0.1 (+https://github.com/tidewatch)',
    timeoutMs: env.TIDEWATCH_HTTP_TIMEOUT_MS ? Number(env.TIDEWATCH_HTTP_TIMEOUT_MS) : undefined,
    ...overrides,
  });
}
