import { expect } from 'vitest';
import { withStore } from '../store/memory.testkit.js';
import type { Store } from '../store/store.js';
import type { Empty, View } from './model.js';
import { renderText } from './text.js';

/** The view is empty for this reason, says this message (and hint), and its text says the same. */
export function expectEmpty(v: View, reason: Empty['reason'], message: string, hint?: string): void {
  expect(v.empty).toEqual({ reason, message, ...(hint !== undefined ? { hint } : {}) });
  const text = renderText(v);
  expect(text).toContain(message);
  if (hint !== undefined) expect(text).toContain(`hint: ${hint}`);
}

/** What `build` makes of a store with nothing in it (the "nothing stored" states); the store is closed after. */
export function onBlankStore<T>(build: (store: Store) => Promise<T>): Promise<T> {
  return withStore(build);
}
