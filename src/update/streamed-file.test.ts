import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../test/shared-data.js';
import { linesOf } from '../core/csv.js';
import { decodeText } from '../core/decode.js';
import { jsonItems } from '../core/json-stream.js';
import { parseJsonWhole } from '../core/wholeness.js';
import { withStore } from '../store/memory.testkit.js';
import { Stage } from '../store/stage.js';
import { openStreamedFile } from './files.js';

/**
 * A file read in pieces is the same text as the file read whole: same hash, same archive copy,
 * same decoded text and lines (also when a piece ends inside a CRLF or a UTF-8 character), same
 * JSON records — and the refusals keep the whole-file wording.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'tw-streamed-'));
const write = (name: string, bytes: Uint8Array | string) => {
  const f = path.join(dir, name);
  writeFileSync(f, bytes);
  return f;
};
const joined = (f: ReturnType<typeof openStreamedFile>) => [...f.pieces()].join('');
/** Cut `text` into pieces at the given fractions. */
const cut = (text: string, at: number[]) => {
  const pos = [...new Set(at.map((x) => Math.floor(x * text.length)))].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const p of pos) {
    out.push(text.slice(prev, p));
    prev = p;
  }
  out.push(text.slice(prev));
  return out;
};

describe('openStreamedFile', () => {
  it('a real file: sha256, archive copy and text equal the whole-file read (BOM removed)', () => {
    const file = dataFile('treasury', 'DTS_OpCashBal_20210624_20260623.csv');
    const bytes = readFileSync(file);
    const archive = path.join(dir, 'archive');
    const f = openStreamedFile(file, archive);
    expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(f.size).toBe(bytes.length);
    expect(readFileSync(f.archivePath!)).toEqual(bytes);
    expect(joined(f)).toBe(decodeText(bytes, file).text);
    expect(f.warnings).toEqual([]);
  });

  it('a UTF-8 character and a CRLF split across the 1 MiB read boundary come out whole', () => {
    // 'é' is two bytes: put its first byte last in the first read, then CRLF across the next.
    const pad = 'x'.repeat((1 << 20) - 1);
    const text = `${pad}é,1\r\n${'y'.repeat((1 << 20) - 6)}\r\nlast`;
    const f = openStreamedFile(write('split.csv', text), null);
    expect(joined(f)).toBe(text);
    expect([...linesOf(f.pieces())].map(([l, n, t]) => [l.length, n, t])).toEqual([
      [pad.length + 3, 1, true],
      [(1 << 20) - 6, 2, true],
      [4, 3, false],
    ]);
  });

  it("Latin-1 and NUL files get the one decoder's warning and refusal, worded as for a whole read", () => {
    const latin = Buffer.from('name,value\nSOCI\xc9T\xc9,1\n', 'latin1');
    const f = openStreamedFile(write('latin.csv', latin), null);
    expect(joined(f)).toBe('name,value\nSOCIÉTÉ,1\n');
    expect(f.warnings).toEqual(decodeText(latin, f.file).warnings);
    expect(f.warnings[0]).toMatch(/windows-1252/);
    const nul = write('nul.csv', Buffer.from('a,b\n1,\u00002\n'));
    expect(() => openStreamedFile(nul, null)).toThrow(/line 2: NUL byte/);
    expect(() => openStreamedFile(path.join(dir, 'missing.csv'), null)).toThrow(/cannot read \(ENOENT\)/);
  });
});

describe('linesOf over pieces', () => {
  /** The lines by a regular expression: CRLF, LF or CR ends one; a last line may have no end. */
  const bySplit = (text: string) => {
    const parts = text.split(/\r\n|\n|\r/);
    const last = parts.pop()!;
    return [...parts.map((l, i) => [l, i + 1, true]), ...(last ? [[last, parts.length + 1, false]] : [])];
  };
  it('property: any cut of a text into pieces gives the lines of the whole text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', ',', 'é'), { maxLength: 30 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        (parts, at) => {
          const text = parts.join('');
          expect([...linesOf(cut(text, at))]).toEqual(bySplit(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('jsonItems', () => {
  const snapshot = readFileSync(
    dataFile('nyfed', 'sofr-read-endpoint-snapshots', 'sofr_2025-10-31.json'),
    'utf8',
  );
  const rec = JSON.parse(snapshot)[0];
  const array = JSON.stringify([rec, { ...rec, refRateDt: '2025-11-03', note: 'a "]," inside' }, 7], null, 1);

  it('property: the elements of a real record array, however the text is cut, one at a time', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (at) => {
        const got = [...jsonItems(cut(array, at), 'x.json', () => array)];
        expect(got).toEqual(JSON.parse(array).map((value: unknown, index: number) => ({ value, index })));
      }),
      { numRuns: 500 },
    );
  });

  it('a cut, a trailing comma or text after the array is refused with the whole-document message', () => {
    for (const bad of [array.slice(0, 300), array.replace(/\]\s*$/, ',]'), `${array} x`, '[1,,2]']) {
      const whole = (() => {
        try {
          parseJsonWhole(bad, 'x.json');
          return 'parsed';
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(() => [...jsonItems([bad], 'x.json', () => bad)]).toThrow(whole);
      expect(whole).toMatch(/x\.json:.*cut short or not JSON/);
    }
  });

  it('[] has no items; an object root is parsed whole (index -1)', () => {
    expect([...jsonItems(['[', ' ]'], 'x.json', () => '[ ]')]).toEqual([]);
    expect([...jsonItems(['{"refRates": [', ']}'], 'x.json', () => '')]).toEqual([
      { value: { refRates: [] }, index: -1 },
    ]);
  });
});

describe('Stage', () => {
  it('rows staged in a scratch table neither need a transaction nor change the store version', async () => {
    await withStore(async (store) => {
      const before = await store.db.dataVersion();
      const stage = await Stage.create(store.db, [
        ['k', 'VARCHAR'],
        ['v', 'DOUBLE'],
      ]);
      for (let i = 0; i < 4500; i++) await stage.add([`k${i % 3}`, i]);
      await stage.flush();
      expect(
        await store.db.all(`SELECT k, count(*)::INTEGER AS n FROM ${stage.table} GROUP BY k ORDER BY k`),
      ).toEqual([
        { k: 'k0', n: 1500 },
        { k: 'k1', n: 1500 },
        { k: 'k2', n: 1500 },
      ]);
      await stage.drop();
      expect(await store.db.dataVersion()).toBe(before);
    });
  });
});
