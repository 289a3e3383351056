import type { BulkTable } from './bulk.js';

/**
 * Test and bench support: one row of a Form 13F data-set table in the metadata's column order,
 * from the values that matter (every other column empty). Naming columns keeps hand-written
 * rows readable and fails loudly on a misspelt one.
 */
export function dataSetRow(meta: Map<string, BulkTable>, table: string, values: Record<string, string>): string[] {
  const columns = meta.get(table)?.columns.map((c) => c.name);
  if (!columns) throw new Error(`no table ${table} in the 13F data-set metadata`);
  for (const k of Object.keys(values)) {
    if (!columns.includes(k)) throw new Error(`${table} has no column ${k}`);
  }
  return columns.map((c) => values[c] ?? '');
}
