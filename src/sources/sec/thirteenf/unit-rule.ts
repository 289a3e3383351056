import type { IsoDate } from '../../../core/dates.js';
import type { Unit } from '../../../core/units.js';

/**
 * The 13F value-unit rule (thousands or dollars) written once, as data: the thresholds and the
 * decision order below are evaluated in TypeScript for one parsed filing (value-unit.ts) and
 * compiled to SQL for a quarterly data set (bulk.ts), so the two paths cannot drift apart. Why
 * each rule exists is explained in value-unit.ts.
 */
export const DOLLARS_FROM: IsoDate = '2023-01-03';
export const MIN_SAMPLE = 5;
export const THOUSANDS_BELOW = 0.5;
export const DOLLARS_ABOVE = 2;
export const PRICE_AGREEMENT = 0.8;
/** A row agrees with a unit when its implied price is within this factor of the day's range. */
export const PRICE_TOLERANCE = 1.5;

export type ValueUnit = Extract<Unit, 'usd' | 'usd_thousands'>;
export type UnitRule = 'price-check' | 'implied-price' | 'filing-date';

/**
 * What a filing's rows say, per filing. Share rows are SH rows with shares > 0 and value > 0.
 * priced: share rows with a stored price range; pxUsd / pxK: of those, rows whose implied price
 * value/shares (pxUsd) or value×1000/shares (pxK, only when not pxUsd) is within the range;
 * n: share rows; med: median implied price over them (null without any); date: the filing date
 * (or the period end when unknown).
 */
export interface UnitEvidence {
  priced: number;
  pxUsd: number;
  pxK: number;
  n: number;
  med: number | null;
  date: IsoDate;
}

type Field = keyof UnitEvidence;
type Term = Field | number | IsoDate | { times: number; of: Field };
type Comparison = [Field, '>' | '>=' | '<', Term];

export interface UnitClause {
  rule: UnitRule;
  unit: ValueUnit;
  /** All must hold; an empty list always holds. */
  when: Comparison[];
}

const FIELDS = new Set<string>(['priced', 'pxUsd', 'pxK', 'n', 'med', 'date']);
const isField = (t: Term): t is Field => typeof t === 'string' && FIELDS.has(t);

/** The decision order: the first clause that holds decides. */
export const UNIT_RULES: readonly UnitClause[] = [
  {
    rule: 'price-check',
    unit: 'usd',
    when: [
      ['priced', '>', 0],
      ['pxUsd', '>=', { times: PRICE_AGREEMENT, of: 'priced' }],
    ],
  },
  {
    rule: 'price-check',
    unit: 'usd_thousands',
    when: [
      ['priced', '>', 0],
      ['pxK', '>=', { times: PRICE_AGREEMENT, of: 'priced' }],
    ],
  },
  {
    rule: 'implied-price',
    unit: 'usd_thousands',
    when: [
      ['n', '>=', MIN_SAMPLE],
      ['med', '<', THOUSANDS_BELOW],
    ],
  },
  {
    rule: 'implied-price',
    unit: 'usd',
    when: [
      ['n', '>=', MIN_SAMPLE],
      ['med', '>', DOLLARS_ABOVE],
    ],
  },
  { rule: 'filing-date', unit: 'usd', when: [['date', '>=', DOLLARS_FROM]] },
  { rule: 'filing-date', unit: 'usd_thousands', when: [] },
];

function value(ev: UnitEvidence, t: Term): number | string | null {
  if (typeof t === 'number') return t;
  if (typeof t === 'object') {
    const v = ev[t.of];
    return typeof v === 'number' ? t.times * v : null;
  }
  return isField(t) ? ev[t] : t;
}

function holds(ev: UnitEvidence, [field, op, rhs]: Comparison): boolean {
  const a = ev[field];
  const b = value(ev, rhs);
  // like SQL: a comparison with NULL is not true
  if (a === null || b === null) return false;
  return op === '>' ? a > b : op === '>=' ? a >= b : a < b;
}

/** The TypeScript evaluation: the first clause of UNIT_RULES that holds. */
export function decideUnit(ev: UnitEvidence): { rule: UnitRule; unit: ValueUnit } {
  for (const c of UNIT_RULES) if (c.when.every((w) => holds(ev, w))) return { rule: c.rule, unit: c.unit };
  // unreachable: the last clause has no condition
  throw new Error('UNIT_RULES has no unconditional last clause');
}

/**
 * The SQL evaluation: `CASE` expressions for the unit and the rule over columns named by `col`
 * (evidence field → SQL expression; `date` must be a DATE expression). Portable SQL.
 */
export function unitCaseSql(col: Record<Field, string>): { unit: string; rule: string } {
  const term = (t: Term): string => {
    if (typeof t === 'number') return String(t);
    if (typeof t === 'object') return `${t.times} * ${col[t.of]}`;
    return isField(t) ? col[t] : `DATE '${t}'`;
  };
  const cond = (c: UnitClause) =>
    c.when.length ? c.when.map(([f, op, r]) => `${col[f]} ${op} ${term(r)}`).join(' AND ') : 'TRUE';
  const kase = (pick: (c: UnitClause) => string) =>
    `CASE ${UNIT_RULES.map((c) => `WHEN ${cond(c)} THEN '${pick(c)}'`).join(' ')} END`;
  return { unit: kase((c) => c.unit), rule: kase((c) => c.rule) };
}
