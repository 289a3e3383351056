import type { SqlValue } from './db.js';

/**
 * The WHERE clause of a per-symbol read: `symbol = $1`, the date range when given, and an
 * equality per extra column whose value is given — with its positional parameters.
 */
export function symbolRangeWhere(
  symbol: string,
  range: { from?: string; to?: string },
  equal: Record<string, string | undefined> = {},
): { where: string; params: SqlValue[] } {
  const params: SqlValue[] = [symbol];
  const parts = ['symbol = $1'];
  if (range.from) parts.push(`date >= CAST($${params.push(range.from)} AS DATE)`);
  if (range.to) parts.push(`date <= CAST($${params.push(range.to)} AS DATE)`);
  for (const [column, value] of Object.entries(equal))
    if (value !== undefined) parts.push(`${column} = $${params.push(value)}`);
  return { where: parts.join(' AND '), params };
}
