import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARSER_RUNS } from '../../test/property.js';
import { forEachLine, splitCsvLine } from './csv.js';
import { decodeText, firstInvalidUtf8 } from './decode.js';
import { isTidewatchError } from './errors.js';

describe('decodeText: the one way bytes become text (case 4)', () => {
  it('strips a UTF-8 BOM and keeps UTF-8 text as is', () => {
    expect(decodeText(Buffer.from('\uFEFF[{"a":"é"}]'), 'x.json')).toEqual({
      text: '[{"a":"é"}]',
      warnings: [],
    });
  });
  it('reads Latin-1 bytes as windows-1252 with a warning naming line, byte and value', () => {
    const d = decodeText(Buffer.from('name\nSOCI\u00c9T\u00c9 \u0080\n', 'latin1'), 'f.csv');
    expect(d.text).toBe('name\nSOCIÉTÉ €\n');
    expect(d.warnings).toEqual([
      'f.csv: not UTF-8 (first at line 2, byte 9 (0xC9)); read as windows-1252 (Latin-1)',
    ]);
  });
  it('refuses mixed encodings and binary files, naming the place', () => {
    expect(() => decodeText(Buffer.concat([Buffer.from('é\n'), Buffer.from([0xe9])]), 'm.csv')).toThrow(
      /m\.csv: line 2, byte 3 \(0xE9\): .*mixed encodings/,
    );
    expect(() => decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]), 'z.csv')).toThrow(
      /z\.csv: line 1: NUL byte at offset 4/,
    );
  });
  it('reads UTF-16 with its byte order mark', () => {
    expect(decodeText(Buffer.from('\uFEFFdate,x\n', 'utf16le'), 'u.csv').text).toBe('date,x\n');
  });

  it('property: any string without NUL round-trips through UTF-8 bytes, with or without a BOM', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'grapheme', maxLength: 40 })
          .filter((s) => !s.includes('\u0000') && !s.startsWith('\uFEFF')),
        fc.boolean(),
        (s, bom) => {
          const bytes = Buffer.from(`${bom ? '\uFEFF' : ''}${s}`, 'utf8');
          expect(decodeText(bytes, 'p')).toEqual({ text: s, warnings: [] });
        },
      ),
      { numRuns: PARSER_RUNS },
    );
  });

  it('property: Latin-1 text with at least one accented letter decodes to itself, never to U+FFFD', () => {
    const latin = fc.string({
      unit: fc
        .integer({ min: 0x20, max: 0xff })
        .filter((c) => c < 0x7f || c >= 0xa0)
        .map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        latin.filter((s) => /[\u00a0-\u00ff]/.test(s)),
        (s) => {
          const bytes = Buffer.from(s, 'latin1');
          const invalid = firstInvalidUtf8(bytes);
          if (invalid.invalidAt < 0 || invalid.multiByte) {
            // These bytes also happen to be (partly) valid UTF-8: decoded or refused, never U+FFFD.
            try {
              expect(decodeText(bytes, 'p').text).not.toContain('\uFFFD');
            } catch (e) {
              expect(isTidewatchError(e)).toBe(true);
            }
            return;
          }
          expect(decodeText(bytes, 'p').text).toBe(s);
        },
      ),
      { numRuns: PARSER_RUNS },
    );
  });

  it('property: arbitrary bytes decode without U+FFFD being invented, or are refused as bad input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (bytes) => {
        try {
          const d = decodeText(bytes, 'b');
          if (!Buffer.from(bytes).includes(Buffer.from('\uFFFD'))) expect(d.text).not.toContain('\uFFFD');
        } catch (e) {
          expect(isTidewatchError(e) && e.kind === 'bad-input').toBe(true);
        }
      }),
      { numRuns: PARSER_RUNS },
    );
  });
});

describe('forEachLine and splitCsvLine', () => {
  it('property: forEachLine sees the same lines as a split on LF/CRLF/CR, and flags only an unterminated last line', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 6 }).map((s) => s.replace(/[\r\n]/g, '')),
          { maxLength: 12 },
        ),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        (lines, eol, final) => {
          const text = lines.join(eol) + (final && lines.length ? eol : '');
          const seen: Array<[string, boolean]> = [];
          forEachLine(text, (l, _n, t) => {
            seen.push([l, t]);
          });
          // A text ending in a line break has no (empty) line after it.
          const ended = /[\r\n]$/.test(text);
          const expected = text === '' ? [] : text.split(/\r\n|\n|\r/);
          if (ended) expected.pop();
          expect(seen.map(([l]) => l)).toEqual(expected);
          expect(seen.filter(([, t]) => !t).length).toBe(text !== '' && !ended ? 1 : 0);
        },
      ),
      { numRuns: PARSER_RUNS },
    );
  });

  it('property: quoted fields with delimiters and doubled quotes round-trip', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 8 }).map((s) => s.replace(/[\r\n]/g, '')),
          { minLength: 1, maxLength: 8 },
        ),
        fc.constantFrom(',', ';'),
        (cells, delim) => {
          const line = cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(delim);
          expect(splitCsvLine(line, delim)).toEqual(cells);
        },
      ),
      { numRuns: PARSER_RUNS },
    );
  });
});
