import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FakeHttp } from '../src/sources/treasury/testing/fake-http.js';
import { withStore } from '../src/store/memory.testkit.js';
import type { Store } from '../src/store/store.js';

/**
 * The reader of a module's HAND-WRITTEN fixtures (`<dir>/fixtures/<name>`, text): a test passes
 * its own `import.meta.dirname`.
 */
export function fixtures(dir: string): (name: string) => string {
  return (name) => readFileSync(path.join(dir, 'fixtures', name), 'utf8');
}

/** What a fake endpoint answers: a fixture's name (or one computed from the URL), or a literal reply. */
export type FakeReply = string | ((url: URL) => string) | { status?: number; body: string };

/**
 * An update job's setting with HAND-WRITTEN fixtures: `use` gets a fresh in-memory store (closed
 * after it) and a FakeHttp answering each URL whose path contains a key of `routes` with that
 * reply (the first key that matches, in the order written); any other URL gets `otherwise`, or
 * a replay miss when none is given.
 */
export function withFakeSource<T>(
  dir: string,
  routes: Record<string, FakeReply>,
  use: (store: Store, http: FakeHttp) => Promise<T>,
  otherwise?: { status?: number; body: string },
): Promise<T> {
  const fx = fixtures(dir);
  const http = new FakeHttp((u) => {
    const hit = Object.entries(routes).find(([part]) => u.pathname.includes(part));
    if (!hit) return otherwise;
    const reply = hit[1];
    if (typeof reply === 'string') return { body: fx(reply) };
    return typeof reply === 'function' ? { body: fx(reply(u)) } : reply;
  });
  return withStore((store) => use(store, http));
}
