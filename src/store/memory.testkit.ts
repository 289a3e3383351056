import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openStore, type Store } from './store.js';

/**
 * Test-only: a fresh in-memory store before each test of the file (or once for all of them with
 * `'all'`), closed after it; `use` receives it so the file keeps its own `store` variable.
 */
export function withMemoryStore(use: (store: Store) => void, scope: 'each' | 'all' = 'each'): void {
  let store: Store | undefined;
  (scope === 'each' ? beforeEach : beforeAll)(async () => {
    store = await openStore(':memory:');
    use(store);
  });
  (scope === 'each' ? afterEach : afterAll)(async () => {
    await store?.close();
  });
}

/**
 * Test-only: `use` runs on a store opened at `at` (a fresh in-memory one by default), which is
 * closed after it whether it passed or threw.
 */
export async function withStore<T>(use: (store: Store) => Promise<T>, at = ':memory:'): Promise<T> {
  const store = await openStore(at);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
