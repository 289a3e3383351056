import fc from 'fast-check';
import { expect } from 'vitest';
import { addDays } from '../src/core/dates.js';
import { isTidewatchError } from '../src/core/errors.js';

/**
 * Shared pieces of the fast-check property tests: how many runs (10,000 for pure parsers, fewer
 * where a store is written), damaged copies of real text, and the one outcome every parser must
 * have on any input: a result, or a TidewatchError that names the input — never a TypeError, a
 * RangeError or a hang.
 */
export const PARSER_RUNS = 10_000;
export const STORE_RUNS = 150;

/** One edit a broken download, a bad copy or a careless hand makes to a text file. */
export type Damage =
  | { op: 'cut'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'replace'; at: number; text: string }
  | { op: 'repeat-line'; at: number }
  | { op: 'drop-line'; at: number };

export const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.string({ maxLength: 8, unit: 'binary' }),
  }),
  fc.record({
    op: fc.constant('replace' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '',
      '0',
      '-1',
      'inf',
      'NaN',
      '1e999',
      ',',
      ';',
      '"',
      '\n',
      '\r\n',
      '\uFEFF',
      '\uFFFD',
      '9999-12-31',
      '0001-01-01',
      'null',
      '.',
      '<',
      '{',
      ']',
    ),
  }),
  fc.record({ op: fc.constant('repeat-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('drop-line' as const), at: fc.nat() }),
);

/** Apply the damages in turn (positions taken modulo the current length). */
export function damage(text: string, edits: readonly Damage[]): string {
  let t = text;
  for (const d of edits) {
    const at = t.length ? d.at % (t.length + 1) : 0;
    if (d.op === 'cut') t = t.slice(0, at);
    else if (d.op === 'insert') t = t.slice(0, at) + d.text + t.slice(at);
    else if (d.op === 'replace') {
      const end = Math.min(t.length, at + 1 + (d.at % 6));
      t = t.slice(0, at) + d.text + t.slice(end);
    } else {
      const lines = t.split('\n');
      const i = d.at % lines.length;
      if (d.op === 'repeat-line') lines.splice(i, 0, lines[i]!);
      else if (lines.length > 1) lines.splice(i, 1);
      t = lines.join('\n');
    }
  }
  return t;
}

/** `fn` returns, or throws a TidewatchError whose message names `origin`. */
export function parsesOrRefuses<T>(origin: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (!isTidewatchError(e)) throw new Error(`not a TidewatchError: ${(e as Error)?.stack ?? String(e)}`);
    expect(e.message).toContain(origin);
    return undefined;
  }
}

/** Ascending unique ISO dates: `n` steps of 1–9 days from a start between 1990 and 2020. */
export const ascendingDates = (min: number, max: number): fc.Arbitrary<string[]> =>
  fc
    .tuple(
      fc.integer({ min: 0, max: 10_000 }),
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: min, maxLength: max }),
    )
    .map(([start, steps]) => {
      let d = addDays('1990-01-01', start);
      return steps.map((s) => (d = addDays(d, s)));
    });

/** Ascending dates (as `ascendingDates`) with one `value` each: [dates, values] of the same length. */
export const datedValues = <T>(
  min: number,
  max: number,
  value: fc.Arbitrary<T>,
): fc.Arbitrary<[string[], T[]]> =>
  ascendingDates(min, max).chain((dates) =>
    fc.tuple(fc.constant(dates), fc.array(value, { minLength: dates.length, maxLength: dates.length })),
  );

/**
 * One to three damages to a real text, PARSER_RUNS times: each parse gives a result or a
 * TidewatchError naming `origin` (parsesOrRefuses); `check` asserts more on what parsed.
 */
export function anyDamage<T>(
  origin: string,
  text: string,
  parse: (damaged: string) => T,
  check?: (parsed: T | undefined) => void,
): void {
  fc.assert(
    fc.property(fc.array(damageArb, { minLength: 1, maxLength: 3 }), (edits) => {
      const parsed = parsesOrRefuses(origin, () => parse(damage(text, edits)));
      check?.(parsed);
    }),
    { numRuns: PARSER_RUNS },
  );
}

/**
 * A writer and a reader agree, PARSER_RUNS times: ascending dates with one drawn value each (as
 * `datedValues`) and one drawn `variant` per run (line ends, a BOM, key order…) are written as a
 * file's text with the records that text stands for; `read` parses the text back, and what it
 * gives must equal those records.
 */
export function roundTrips<T, V = undefined>(
  drawn: { min: number; max: number; value: fc.Arbitrary<T>; variant?: fc.Arbitrary<V> },
  write: (dates: string[], values: T[], variant: V) => { text: string; records: unknown },
  read: (text: string) => unknown,
): void {
  const variant = drawn.variant ?? (fc.constant(undefined) as fc.Arbitrary<V>);
  fc.assert(
    fc.property(datedValues(drawn.min, drawn.max, drawn.value), variant, ([dates, values], v) => {
      const { text, records } = write(dates, values, v);
      expect(read(text)).toEqual(records);
    }),
    { numRuns: PARSER_RUNS },
  );
}

/**
 * A real text cut short anywhere after its first `lines` lines (a download that stopped),
 * PARSER_RUNS times: each cut parses or is refused with a TidewatchError naming `origin`
 * (parsesOrRefuses); `check` asserts on what parsed.
 */
export function anyCut<T>(
  origin: string,
  text: string,
  lines: number,
  parse: (cut: string) => T,
  check: (parsed: T | undefined) => void,
): void {
  const start = text.split('\n').slice(0, lines).join('\n').length;
  fc.assert(
    fc.property(fc.integer({ min: start, max: text.length }), (at) => {
      check(parsesOrRefuses(origin, () => parse(text.slice(0, at))));
    }),
    { numRuns: PARSER_RUNS },
  );
}
