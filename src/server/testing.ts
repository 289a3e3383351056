import { expect } from 'vitest';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';

/** For route tests: GET `url` from a bare app on `store`, expect 200, and give the JSON body as T. */
export async function getJson<T>(store: Store, url: string): Promise<T> {
  const res = await createApp(store).request(url);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}
