/**
 * Counting a write against what was stored, the one meaning of the summary's columns for every
 * record kind: a key not stored before is new, a stored key whose value differs is revised, the
 * rest unchanged. Re-importing the same file therefore says 0 new.
 */
export interface KeyedCounts {
  newRows: number;
  revisedRows: number;
  unchanged: number;
}

/** Count `incoming` (key, value) pairs against `stored`. */
export function compareByKey<T>(
  stored: Map<string, T>,
  incoming: Iterable<[string, T]>,
  same: (a: T, b: T) => boolean,
): KeyedCounts {
  const out: KeyedCounts = { newRows: 0, revisedRows: 0, unchanged: 0 };
  for (const [k, v] of incoming) {
    const before = stored.get(k);
    if (before === undefined) out.newRows++;
    else if (same(before, v)) out.unchanged++;
    else out.revisedRows++;
  }
  return out;
}

/** Equal numbers (or both missing), allowing for the last bits a round trip through the store can change. */
export const sameNumber = (a: number | null, b: number | null): boolean =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)));
