import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realText } from '../../../test/malformed/make.js';
import { anyDamage, datedValues, PARSER_RUNS, parsesOrRefuses } from '../../../test/property.js';
import { parseFredCsv } from './csv.js';

/** Property tests of the FRED CSV parser (fast-check, 10,000 inputs each). */
const walcl = realText('fred', 'WALCL.csv').split('\n').slice(0, 41).join('\n'); // header + 40 real rows

const rowsArb = datedValues(
  1,
  60,
  fc.oneof(
    fc.integer({ min: -1e9, max: 1e9 }).map(String),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x.toFixed(3)),
    fc.constant(''),
  ),
);

describe('parseFredCsv properties', () => {
  it('round-trips every header variant, line end and BOM: same dates, values and missing count', () => {
    fc.assert(
      fc.property(
        rowsArb,
        fc.constantFrom('observation_date,X1', 'DATE,X1', '"Date","X1"', 'date,x1', 'X1,observation_date'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        ([dates, values], header, eol, bom) => {
          const valueFirst = header.startsWith('X1');
          const lines = dates.map((d, i) => (valueFirst ? `${values[i]},${d}` : `${d},${values[i]}`));
          const text = `${bom ? '\uFEFF' : ''}${header}${eol}${lines.join(eol)}${eol}`;
          const csv = parseFredCsv(text, 'p.csv');
          const expected = dates.flatMap((d, i) =>
            values[i] === '' ? [] : [{ date: d, value: Number(values[i]) }],
          );
          expect(csv.seriesId).toBe('X1');
          expect(csv.rows.map(({ date, value }) => ({ date, value }))).toEqual(expected);
          expect(csv.missing).toBe(values.filter((v) => v === '').length);
        },
      ),
      { numRuns: PARSER_RUNS },
    );
  });

  it('any damage to a real file: rows, or a TidewatchError naming the file — never another error', () => {
    anyDamage('WALCL.csv', walcl, (t) => parseFredCsv(t, 'WALCL.csv'));
  });

  it('a file cut anywhere after its 8th line yields only rows of the real file, or is refused', () => {
    const original = new Map(parseFredCsv(walcl, 'o').rows.map((r) => [r.date, r.value]));
    const start = walcl.split('\n').slice(0, 8).join('\n').length;
    fc.assert(
      fc.property(fc.integer({ min: start, max: walcl.length }), (at) => {
        const csv = parsesOrRefuses('WALCL.csv', () => parseFredCsv(walcl.slice(0, at), 'WALCL.csv'));
        for (const r of csv?.rows ?? []) expect(r.value).toBe(original.get(r.date));
      }),
      { numRuns: PARSER_RUNS },
    );
  });
});
