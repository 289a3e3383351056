import type { Format, Value } from '../core/format.js';
import type { Column, Row, Table } from './model.js';

/**
 * A column as it is declared: everything but its key, which is the name it stands under in
 * `columns({...})`. A bare format is a column labelled with its own key.
 */
export type ColumnSpec = Format | Omit<Column, 'key'>;

/** A column whose label differs from its key, or which has decimals or per-row formats. */
export function col(
  label: string,
  format: Format,
  extra?: number | Pick<Column, 'digits' | 'formatKey' | 'digitsKey'>,
): Omit<Column, 'key'> {
  if (extra === undefined) return { label, format };
  return typeof extra === 'number' ? { label, format, digits: extra } : { label, format, ...extra };
}

/**
 * A table's columns, each key said once: `columns({ date: 'date', value: col('adj close', 'price', 4) })`.
 * The objects are the ones the renderers and the API have always seen ({ key, label, format,
 * digits? }, in that order), so the JSON of a view does not change.
 */
export function columns(spec: Record<string, ColumnSpec>): Column[] {
  return Object.entries(spec).map(([key, c]) =>
    typeof c === 'string' ? { key, label: key, format: c } : { key, ...c },
  );
}

/**
 * A row derived from the columns: each column's cell is the item's field of the same key, unless
 * `own` gives it (a renamed or computed cell); keys of `own` that are not columns (`_tone`) follow.
 * The row holds its cells in column order, as the tables always had them.
 */
export function cells<T extends object>(cols: readonly Column[], item: T, own: Partial<Row> = {}): Row {
  const fields = item as Record<string, Value>;
  return { ...Object.fromEntries(cols.map((c) => [c.key, fields[c.key]])), ...own } as Row;
}

/** What a table carries after its rows (note, traces, how many rows the text shows, export-only). */
export type TableExtras = Omit<Partial<Table>, 'id' | 'title' | 'columns' | 'rows'>;

/** A table declared once: its id, title and columns; `of(rows)` is the table of those rows. */
export interface TableDecl {
  columns: Column[];
  of(rows: Row[], extras?: TableExtras): Table;
}

/**
 * Declare a table: `tableOf('crossings', 'SOFR above …', { month: 'text', days: col(…) })`. The
 * tables it builds hold their keys in the order they always had (id, title, columns, rows, then
 * the extras), so the JSON of a view does not change.
 */
export function tableOf(id: string, title: string, spec: Record<string, ColumnSpec>): TableDecl {
  const cols = columns(spec);
  return { columns: cols, of: (rows, extras = {}) => ({ id, title, columns: cols, rows, ...extras }) };
}
