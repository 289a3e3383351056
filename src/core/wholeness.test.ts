import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realText } from '../../test/malformed/make.js';
import { damage, damageArb, PARSER_RUNS, parsesOrRefuses } from '../../test/property.js';
import {
  assertCompleteLastRow,
  assertRootClosed,
  cutShortReason,
  parseJsonWhole,
  rootElementName,
} from './wholeness.js';

describe('cutShortReason: can an unterminated last value be a cut-off number? (case 1)', () => {
  const walcl = ['6572732', '6587034', '6595637', '6591594', '6600340', '6611345'];
  it('WALCL 6580 after 6.5 million: cut (digits lost)', () => {
    expect(cutShortReason({ field: 'WALCL', raw: '6580', previous: walcl })).toMatch(
      /6580 is far below the previous 6 values \(median 6593615\.5\)/,
    );
  });
  it('the whole value, a normal move, and a value written no shorter than its neighbours: not cut', () => {
    expect(cutShortReason({ field: 'WALCL', raw: '6580462', previous: walcl })).toBeNull();
    expect(
      cutShortReason({
        field: 'v',
        raw: '0.00001',
        previous: ['0.0001', '0.0001', '0.0001', '0.0001', '0.0001'],
      }),
    ).toBeNull();
  });
  it('fewer decimals than a fixed-precision column: cut', () => {
    expect(
      cutShortReason({ field: 'DGS10', raw: '4.1', previous: ['4.13', '4.10', '4.07', '4.11', '4.09'] }),
    ).toMatch(/1 decimal\(s\) where the previous 5 values all have 2/);
  });
  it('an empty value or one ending in a decimal point or exponent sign: cut', () => {
    expect(cutShortReason({ field: 'v', raw: '', previous: ['1'] })).toBe('the value is empty');
    expect(cutShortReason({ field: 'v', raw: '875.', previous: [] })).toMatch(/ends in '\.'/);
    expect(cutShortReason({ field: 'v', raw: '1e-', previous: [] })).toMatch(/ends in '-'/);
  });
  it('too little history to judge: not refused', () => {
    expect(cutShortReason({ field: 'v', raw: '65', previous: ['6572732', '6587034'] })).toBeNull();
  });
  it('assertCompleteLastRow names file, line and value; and refuses missing columns', () => {
    expect(() =>
      assertCompleteLastRow('WALCL.csv', 986, {
        columns: 2,
        expectedColumns: 2,
        cells: [{ field: 'WALCL value', raw: '6580', previous: walcl }],
      }),
    ).toThrow(/WALCL\.csv: line 986: the last line has no line end and WALCL value '6580' looks cut off/);
    expect(() => assertCompleteLastRow('t.csv', 9, { columns: 3, expectedColumns: 15, cells: [] })).toThrow(
      /t\.csv: line 9: .* has 3 of 15 columns/,
    );
  });
});

describe('assertRootClosed: XML, XHTML and EDGAR SGML must end by closing their root', () => {
  // A small real information table (809 bytes): 10,000 cuts and damages stay fast.
  const xml = realText('sec', '13f', 'fss_infotable_2.xml');
  it('finds the root after the prolog and comments, prefixes kept', () => {
    expect(rootElementName(xml)).toBe('informationTable');
    expect(rootElementName('<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE html>\n<html lang="en">')).toBe(
      'html',
    );
    expect(rootElementName('<SEC-DOCUMENT>0001.txt')).toBe('SEC-DOCUMENT');
  });
  it('the real document passes; without its last element it is refused naming the last line', () => {
    expect(() => assertRootClosed(xml, 'it.xml')).not.toThrow();
    expect(() => assertRootClosed(xml.replace(/<\/informationTable>\s*$/, ''), 'it.xml')).toThrow(
      /it\.xml: line \d+: the root element <informationTable> is never closed/,
    );
  });
  it('property: the real information table cut anywhere before its closing tag is refused', () => {
    const end = xml.lastIndexOf('</informationTable>');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: end + 'informationTable>'.length }), (at) => {
        expect(() => assertRootClosed(xml.slice(0, at), 'it.xml')).toThrow(/it\.xml/);
      }),
      { numRuns: PARSER_RUNS },
    );
  });
  it('property: any damage to the real table: accepted only when it still ends with the closing tag', () => {
    fc.assert(
      fc.property(fc.array(damageArb, { minLength: 1, maxLength: 3 }), (edits) => {
        const t = damage(xml, edits);
        const ok = parsesOrRefuses('it.xml', () => {
          assertRootClosed(t, 'it.xml');
          return true;
        });
        if (ok) expect(t.trimEnd()).toMatch(/<\/[\w:.-]+\s*>$/);
      }),
      { numRuns: PARSER_RUNS },
    );
  });
});

describe('parseJsonWhole', () => {
  it('names the line and column of a cut document', () => {
    expect(() => parseJsonWhole('[\n  {"a": 1},\n  {"b": 2', 'x.json')).toThrow(
      /x\.json: (line 3, column \d+:|at the end:) not valid JSON/,
    );
    expect(parseJsonWhole('[1]', 'x.json')).toEqual([1]);
  });
});
