import type { Db, SqlValue } from '../../../store/db.js';

/**
 * How a column of a compact result crosses the driver (see compactRows): a number, a text in
 * dictionary group `group`, or a text kept on the last row only.
 */
export type CompactColumn =
  | { name: string; kind: 'number' }
  | { name: string; kind: 'text'; group: number }
  | { name: string; kind: 'last-text' };

type TextColumn = Extract<CompactColumn, { kind: 'text' }>;

/** Number columns, in the order given. */
export const numbers = (...names: string[]): CompactColumn[] =>
  names.map((name) => ({ name, kind: 'number' }));

/** Text columns whose tuples are numbered together as dictionary group `group`. */
export const texts = (group: number, ...names: string[]): CompactColumn[] =>
  names.map((name) => ({ name, kind: 'text', group }));

/** A text kept on the last row only. */
export const lastText = (name: string): CompactColumn => ({ name, kind: 'last-text' });

/**
 * The rows of `sql` in `orderBy` order (output columns named `q."name"`), as objects with the
 * keys of `columns` in that order, fetched so that few texts cross the driver.
 *
 * A large 13F answer (~150k positions in one filer's history) spent most of its time making JS
 * values: one object per row through the driver (~2.5 µs a row even for numbers), each text
 * decoded alone (more for names over 12 bytes), or, as one JSON text built by the database,
 * in to_json and JSON.parse. Most texts repeat: a history has 40 (period, filed) pairs and a
 * few thousand (CUSIP, issuer, class, put/call, share type) tuples. So on DuckDB the text
 * columns are split into groups (`group` numbers); each group's distinct tuples are numbered
 * once and sent once (as a JSON array each), and the rows come back as columns (Db.columns)
 * carrying only tuple numbers and numbers (as DOUBLE: integers up to 2^53 are exact).
 * PostgreSQL gets the rows as one JSON text (json_agg), parsed once.
 *
 * A 'last-text' column is kept on the last row only (null on the others), for a value the caller
 * needs once (e.g. the accession whose issuer name titles the answer). The numbered rows are
 * materialised once, so ties in `orderBy` cannot number them two ways.
 */
export async function compactRows<T>(
  db: Db,
  sql: string,
  orderBy: string,
  columns: readonly CompactColumn[],
  params: SqlValue[],
): Promise<T[]> {
  if (db.dialect !== 'duckdb') {
    const r = await db.all<{ j: string | null }>(
      `SELECT CAST(json_agg(q ORDER BY ${orderBy}) AS VARCHAR) AS j FROM (${sql}) q`,
      params,
    );
    return r[0]?.j ? (JSON.parse(r[0].j) as T[]) : [];
  }
  const col = (c: string) => `"${c}"`;
  const groups = [...new Set(columns.flatMap((c) => (c.kind === 'text' ? [c.group] : [])))];
  const inGroup = (g: number) => columns.filter((c): c is TextColumn => c.kind === 'text' && c.group === g);
  const plain = columns.filter((c) => c.kind !== 'text');
  // Each group's distinct tuples, numbered once (a hash DISTINCT: no sort), then found by a hash
  // join on the tuple (IS NOT DISTINCT FROM: a null put/call or class is a value here).
  const tuples = groups.map(
    (g) => `t${g} AS MATERIALIZED (SELECT d.*, CAST(row_number() OVER () AS INTEGER) AS id_
       FROM (SELECT DISTINCT ${inGroup(g)
         .map((c) => `o.${col(c.name)}`)
         .join(', ')} FROM o) d)`,
  );
  const joins = groups.map(
    (g) =>
      `JOIN t${g} ON ${inGroup(g)
        .map((c) => `t${g}.${col(c.name)} IS NOT DISTINCT FROM o.${col(c.name)}`)
        .join(' AND ')}`,
  );
  // The rows (k_ = position, from 1) and each group's tuples (k_ = -1 - (tuple number × groups
  // + group index), tuple_ = its texts as a JSON array), in one result: one key column tells
  // them apart (a kind column was one more value per row to convert).
  const rows = [
    'CAST(o.rn_ AS INTEGER) AS k_',
    ...groups.map((g) => `t${g}.id_ AS g${g}_`),
    ...plain.map((c) =>
      c.kind === 'number'
        ? `CAST(o.${col(c.name)} AS DOUBLE) AS ${col(c.name)}`
        : `CASE WHEN o.rn_ = o.n_ THEN o.${col(c.name)} END AS ${col(c.name)}`,
    ),
    'CAST(NULL AS VARCHAR) AS tuple_',
  ];
  const dictionaries = groups.map(
    (g, i) =>
      `SELECT ${[
        `CAST(-1 - (t${g}.id_ * ${groups.length} + ${i}) AS INTEGER) AS k_`,
        ...groups.map((h) => `CAST(NULL AS INTEGER) AS g${h}_`),
        ...plain.map((c) => `CAST(NULL AS ${c.kind === 'number' ? 'DOUBLE' : 'VARCHAR'}) AS ${col(c.name)}`),
        `CAST(to_json([${inGroup(g)
          .map((c) => `t${g}.${col(c.name)}`)
          .join(', ')}]) AS VARCHAR) AS tuple_`,
      ].join(', ')} FROM t${g}`,
  );
  // The row count is only needed to keep a 'last-text' column on the last row.
  const count = plain.some((c) => c.kind === 'last-text') ? ', COUNT(*) OVER () AS n_' : '';
  const cols = await db.columns(
    `WITH q AS (${sql}),
     o AS MATERIALIZED (SELECT q.*, row_number() OVER (ORDER BY ${orderBy}) AS rn_${count} FROM q)
     ${tuples.map((t) => `, ${t}`).join('')}
     ${[`SELECT ${rows.join(', ')} FROM o ${joins.join(' ')}`, ...dictionaries].join(' UNION ALL ')}`,
    params,
  );
  const ks = (cols.k_ ?? []) as number[];
  const tupleTexts = (cols.tuple_ ?? []) as Array<string | null>;
  let n = 0;
  for (let r = 0; r < ks.length; r++) if (ks[r]! > 0) n++;
  // position → result row. The rows come in any order: filling a plain array out of order made
  // it a sparse (dictionary) array, a hash lookup for every value read below.
  const at = new Int32Array(n);
  const dict = groups.map((): Array<Array<string | null>> => []); // tuple number → texts
  for (let r = 0; r < ks.length; r++) {
    const k = ks[r]!;
    if (k > 0) {
      at[k - 1] = r;
      continue;
    }
    const v = -1 - k;
    dict[v % groups.length]![Math.floor(v / groups.length)] = JSON.parse(tupleTexts[r]!) as Array<
      string | null
    >;
  }
  // filled a column at a time: each loop handles one kind of value, and every object gets its
  // keys in the same order (one hidden class)
  const out: Array<Record<string, unknown>> = Array.from({ length: n }, () => ({}));
  for (const c of columns) {
    const name = c.name;
    if (c.kind !== 'text') {
      const values = cols[name]!;
      for (let p = 0; p < n; p++) out[p]![name] = values[at[p]!] ?? null;
      continue;
    }
    const slot = inGroup(c.group).indexOf(c);
    const ids = cols[`g${c.group}_`] as number[];
    const texts = dict[groups.indexOf(c.group)]!;
    for (let p = 0; p < n; p++) out[p]![name] = texts[ids[at[p]!]!]?.[slot] ?? null;
  }
  return out as T[];
}
