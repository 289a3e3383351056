import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { parseFredCsv } from './csv.js';

const read = (...p: string[]) => readFileSync(dataFile('fred', ...p), 'utf8');

describe('parseFredCsv on the real FRED files', () => {
  it('reads the current observation_date format (WALCL 2025-11-12 = 6580462)', () => {
    const csv = parseFredCsv(read('WALCL.csv'), 'WALCL.csv', 'WALCL');
    expect(csv.seriesId).toBe('WALCL');
    expect(csv.rows).toHaveLength(985);
    expect(csv.rows.at(-1)).toEqual({ date: '2025-11-12', value: 6580462, line: 986 });
    expect(csv.rows[0]).toEqual({ date: '2007-01-03', value: 874626, line: 2 });
  });

  it('counts empty cells as missing, not zero (RRPONTSYD: 1735 of 4842 rows empty)', () => {
    const csv = parseFredCsv(read('RRPONTSYD.csv'), 'RRPONTSYD.csv');
    expect(csv.missing).toBe(1735);
    expect(csv.rows).toHaveLength(4842 - 1735);
  });

  it("reads legacy DATE headers with '.' for missing (DGS3MO_1981-2024: 463 dots)", () => {
    const csv = parseFredCsv(read('legacy-DATE-header', 'DGS3MO_1981-2024.csv'), 'DGS3MO');
    expect(csv.seriesId).toBe('DGS3MO');
    expect(csv.missing).toBe(463);
    expect(csv.rows[0]).toMatchObject({ date: '1981-09-01', value: 17.01 });
  });

  it('reads pandas dumps (date,ID with 874626.0)', () => {
    const csv = parseFredCsv(read('fredapi-pandas', 'WALCL_api.csv'), 'WALCL_api.csv');
    expect(csv.rows[0]).toMatchObject({ date: '2007-01-03', value: 874626 });
    expect(csv.lastDate).toBe('2026-03-04');
  });

  it('reads lower-case ids (date,m2sl) and quoted headers ("Date","M2SL")', () => {
    const lower = parseFredCsv(read('other-sources', 'M2SL_lowercase_1994-2026.csv'), 'm2sl');
    expect(lower.seriesId).toBe('M2SL');
    expect(lower.rows[0]).toMatchObject({ date: '1994-01-01', value: 3474.9 });
    const quoted = parseFredCsv(read('other-sources', 'M2SL_datahub.csv'), 'datahub');
    expect(quoted.seriesId).toBe('M2SL');
    expect(quoted.rows[0]).toMatchObject({ date: '1959-01-01', value: 286.6 });
    expect(quoted.rows.at(-1)).toMatchObject({ date: '2023-10-01', value: 20725.6 });
  });

  it('accepts CRLF, a BOM and the value column first', () => {
    const csv = parseFredCsv(
      '\ufeffWALCL,observation_date\r\n874626,2007-01-03\r\n854819,2007-01-10\r\n',
      'x',
    );
    expect(csv.rows).toEqual([
      { date: '2007-01-03', value: 874626, line: 2 },
      { date: '2007-01-10', value: 854819, line: 3 },
    ]);
  });
});

describe('parseFredCsv rejects bad input with file, line and value', () => {
  it('HTML error page instead of CSV', () => {
    expect(() => parseFredCsv('<!DOCTYPE html><html><body>Error</body></html>', 'https://fred/x')).toThrow(
      /https:\/\/fred\/x: got HTML instead of CSV/,
    );
  });
  it('a header naming another series', () => {
    expect(() => parseFredCsv('observation_date,WTREGEN\n2024-01-03,1\n', 'u', 'WALCL')).toThrow(
      /header names series WTREGEN, expected WALCL/,
    );
  });
  it('non-numeric values', () => {
    expect(() => parseFredCsv('observation_date,WALCL\n2024-01-03,1\n2024-01-10,n/a\n', 'f.csv')).toThrow(
      /f.csv: line 3: value 'n\/a' for 2024-01-10 is not a number/,
    );
  });
  it('duplicated and unordered dates', () => {
    expect(() => parseFredCsv('DATE,X\n2024-01-03,1\n2024-01-03,2\n', 'f')).toThrow(
      /line 3: date 2024-01-03 is duplicated \(line 2 has 2024-01-03\)/,
    );
    expect(() => parseFredCsv('DATE,X\n2024-01-10,1\n2024-01-03,2\n', 'f')).toThrow(
      /line 3: date 2024-01-03 is out of order/,
    );
  });
  it('a truncated file (last line cut inside the date)', () => {
    const cut = read('WALCL.csv').slice(0, 194);
    expect(cut.endsWith('2007-03-0')).toBe(true);
    expect(() => parseFredCsv(cut, 'WALCL.csv')).toThrow(
      /WALCL.csv: line 11: expected 'date,value', got '2007-03-0' \(truncated or malformed file\?\)/,
    );
  });
  it('a truncated download cut inside a number (fredgraph bodies end with a newline)', () => {
    const cut = read('WALCL.csv').slice(0, 200);
    expect(cut.endsWith('2007-03-07,8645')).toBe(true);
    expect(() => parseFredCsv(cut, 'https://fred/WALCL', 'WALCL', { requireFinalNewline: true })).toThrow(
      /truncated response: last line '2007-03-07,8645'/,
    );
  });
});
