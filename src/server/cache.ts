import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { ApiError } from './errors.js';

const gzipAsync = promisify(gzip);

/** A serialised 200 answer, kept as bytes so a hit costs no JSON work. */
export interface CachedBody {
  body: Buffer<ArrayBuffer>;
  /** The same bytes gzipped, for clients that accept it (browsers do); absent for small answers. */
  gzip?: Buffer<ArrayBuffer>;
  etag: string;
}

/** Below this a gzip member costs more than it saves. */
const GZIP_MIN_BYTES = 1024;

function sizeOf(e: CachedBody): number {
  return e.body.length + (e.gzip?.length ?? 0);
}

/**
 * Answers per (endpoint, parameters, store version, day), bounded in bytes, least recently used
 * out first. The generation (store version + day) is part of every key; when it changes the
 * older answers can never be asked for again and are dropped at once. `compute` is
 * single-flight: concurrent requests for the same key share one computation.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedBody>();
  private readonly flights = new Map<string, Promise<CachedBody>>();
  private generation = '';
  bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number) {}

  /** Start a new generation (store version or day changed): drop every answer of the old one. */
  setGeneration(g: string): void {
    if (g === this.generation) return;
    this.generation = g;
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The cached answer for `key`, or the result of `compute` (shared with concurrent callers of
   * the same key, and stored when still of the current generation and small enough).
   */
  async get(
    key: string,
    compute: () => Promise<Buffer<ArrayBuffer>>,
  ): Promise<{ entry: CachedBody; cache: 'hit' | 'miss' | 'shared' }> {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert: Map order is the LRU order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.hits++;
      return { entry: hit, cache: 'hit' };
    }
    const flying = this.flights.get(key);
    if (flying) return { entry: await flying, cache: 'shared' };
    this.misses++;
    const generation = this.generation;
    const flight = compute().then(async (body) => {
      // Compressed once per answer (zlib runs off the main thread), not once per request.
      const gz = body.length >= GZIP_MIN_BYTES ? ((await gzipAsync(body)) as Buffer<ArrayBuffer>) : undefined;
      const entry: CachedBody = {
        body,
        etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`,
      };
      if (gz && gz.length < body.length) entry.gzip = gz;
      if (generation === this.generation) this.put(key, entry);
      return entry;
    });
    this.flights.set(key, flight);
    try {
      return { entry: await flight, cache: 'miss' };
    } finally {
      this.flights.delete(key);
    }
  }

  private put(key: string, entry: CachedBody): void {
    // One answer may take at most a quarter of the budget, so a few huge ones cannot evict all.
    if (sizeOf(entry) > this.maxBytes / 4) return;
    this.entries.set(key, entry);
    this.bytes += sizeOf(entry);
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= sizeOf(e);
    }
  }
}

/**
 * At most `maxActive` computations at once (each one can hold a store's worth of rows in
 * memory), at most `maxQueue` waiting; past that the caller gets 503 with Retry-After.
 */
export class ComputeLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Moving average of a computation's duration, for Retry-After. */
  private avgMs = 500;

  constructor(
    readonly maxActive: number,
    readonly maxQueue: number,
  ) {}

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < this.maxActive) this.active++;
    else {
      if (this.waiting.length >= this.maxQueue) {
        const seconds = this.retryAfterSeconds();
        throw new ApiError(
          503,
          'busy',
          `the server is busy: ${this.active} computations running and ${this.waiting.length} waiting`,
          {
            hint: `retry in ${seconds} s; answers already computed are served meanwhile`,
            headers: { 'retry-after': String(seconds) },
          },
        );
      }
      // The slot is handed over by the finishing computation (active stays counted).
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.avgMs = 0.8 * this.avgMs + 0.2 * (performance.now() - t0);
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Time for the queue ahead to drain, in whole seconds (1–60). */
  retryAfterSeconds(): number {
    const s = Math.ceil(((this.waiting.length + 1) * this.avgMs) / this.maxActive / 1000);
    return Math.min(60, Math.max(1, s));
  }
}
