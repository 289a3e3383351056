import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realText } from '../../../test/malformed/make.js';
import { anyCut, anyDamage, roundTrips } from '../../../test/property.js';
import { parseFredCsv } from './csv.js';

/** Property tests of the FRED CSV parser (fast-check, 10,000 inputs each). */
const walcl = realText('fred', 'WALCL.csv').split('\n').slice(0, 41).join('\n'); // header + 40 real rows

const value = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x.toFixed(3)),
  fc.constant(''),
);

describe('parseFredCsv properties', () => {
  it('round-trips every header variant, line end and BOM: same dates, values and missing count', () => {
    roundTrips(
      {
        min: 1,
        max: 60,
        value,
        variant: fc.record({
          header: fc.constantFrom(
            'observation_date,X1',
            'DATE,X1',
            '"Date","X1"',
            'date,x1',
            'X1,observation_date',
          ),
          eol: fc.constantFrom('\n', '\r\n'),
          bom: fc.boolean(),
        }),
      },
      (dates, values, { header, eol, bom }) => {
        const valueFirst = header.startsWith('X1');
        const lines = dates.map((d, i) => (valueFirst ? `${values[i]},${d}` : `${d},${values[i]}`));
        return {
          text: `${bom ? '\uFEFF' : ''}${header}${eol}${lines.join(eol)}${eol}`,
          records: {
            seriesId: 'X1',
            rows: dates.flatMap((d, i) => (values[i] === '' ? [] : [{ date: d, value: Number(values[i]) }])),
            missing: values.filter((v) => v === '').length,
          },
        };
      },
      (text) => {
        const csv = parseFredCsv(text, 'p.csv');
        return {
          seriesId: csv.seriesId,
          rows: csv.rows.map(({ date, value }) => ({ date, value })),
          missing: csv.missing,
        };
      },
    );
  });

  it('any damage to a real file: rows, or a TidewatchError naming the file — never another error', () => {
    anyDamage('WALCL.csv', walcl, (t) => parseFredCsv(t, 'WALCL.csv'));
  });

  it('a file cut anywhere after its 8th line yields only rows of the real file, or is refused', () => {
    const original = new Map(parseFredCsv(walcl, 'o').rows.map((r) => [r.date, r.value]));
    anyCut(
      'WALCL.csv',
      walcl,
      8,
      (t) => parseFredCsv(t, 'WALCL.csv'),
      (csv) => {
        for (const r of csv?.rows ?? []) expect(r.value).toBe(original.get(r.date));
      },
    );
  });
});
