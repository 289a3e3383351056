import type { Position } from './positions.js';

/** Quarter-over-quarter change of one position (matched by CUSIP + put/call + share type). */
export type ChangeKind = 'new' | 'added' | 'trimmed' | 'exited' | 'unchanged';

export interface PositionChange {
  key: string;
  cusip: string;
  issuer: string;
  putCall: Position['putCall'];
  kind: ChangeKind;
  sharesBefore: number;
  sharesAfter: number;
  /** Change in shares in percent of the earlier quarter; null for new positions. */
  sharesChangePct: number | null;
  valueBeforeUsd: number;
  valueAfterUsd: number;
}

/**
 * Changes are judged on share counts, not values: a value moves with the price even when the
 * manager did nothing. Output order: new, added, trimmed, exited, unchanged; larger value first.
 */
export function diffPositions(before: Position[], after: Position[]): PositionChange[] {
  const prev = new Map(before.map((p) => [p.key, p]));
  const next = new Map(after.map((p) => [p.key, p]));
  const out: PositionChange[] = [];
  for (const a of after) {
    const b = prev.get(a.key);
    const sb = b?.shares ?? 0;
    const kind: ChangeKind = !b ? 'new' : a.shares > sb ? 'added' : a.shares < sb ? 'trimmed' : 'unchanged';
    out.push({
      key: a.key,
      cusip: a.cusip,
      issuer: a.issuer,
      putCall: a.putCall,
      kind,
      sharesBefore: sb,
      sharesAfter: a.shares,
      sharesChangePct: b && sb > 0 ? ((a.shares - sb) / sb) * 100 : null,
      valueBeforeUsd: b?.valueUsd ?? 0,
      valueAfterUsd: a.valueUsd,
    });
  }
  for (const b of before) {
    if (next.has(b.key)) continue;
    out.push({
      key: b.key,
      cusip: b.cusip,
      issuer: b.issuer,
      putCall: b.putCall,
      kind: 'exited',
      sharesBefore: b.shares,
      sharesAfter: 0,
      sharesChangePct: -100,
      valueBeforeUsd: b.valueUsd,
      valueAfterUsd: 0,
    });
  }
  const rank: Record<ChangeKind, number> = { new: 0, added: 1, trimmed: 2, exited: 3, unchanged: 4 };
  return out.sort(
    (x, y) =>
      rank[x.kind] - rank[y.kind] ||
      Math.max(y.valueAfterUsd, y.valueBeforeUsd) - Math.max(x.valueAfterUsd, x.valueBeforeUsd),
  );
}

export function summariseDiff(changes: PositionChange[]): Record<ChangeKind, number> {
  const s: Record<ChangeKind, number> = { new: 0, added: 0, trimmed: 0, exited: 0, unchanged: 0 };
  for (const c of changes) s[c.kind]++;
  return s;
}
