import { describe, expect, it } from 'vitest';
import { parseCsvTable } from './csv.js';

describe('parseCsvTable (the curated files)', () => {
  it('reads quoted commas and doubled quotes, CRLF, a BOM, and skips blank lines with true line numbers', () => {
    const t = parseCsvTable('\uFEFFdate,note\r\n2024-05-01,"a, ""b"""\r\n\r\n2024-06-01,c', 'x.csv');
    expect(t.header).toEqual(['date', 'note']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['2024-05-01', 'a, "b"'] },
      { line: 4, cells: ['2024-06-01', 'c'] },
    ]);
  });
  it('refuses an unterminated quoted field and an empty file, naming file and line', () => {
    expect(() => parseCsvTable('date,note\n2024-05-01,"cut\n', 'x.csv')).toThrow(
      'x.csv: line 2: unterminated quoted field',
    );
    expect(() => parseCsvTable('\n\n', 'x.csv')).toThrow('x.csv: empty file');
  });
});
