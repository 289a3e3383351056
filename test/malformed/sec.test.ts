import { beforeAll, describe, expect, it } from 'vitest';
import { importThirteenFFiles } from '../../src/cli/commands/sec.js';
import { openStore, type Store } from '../../src/store/store.js';
import { importXbrlFiles } from '../../src/update/import/xbrl.js';
import { dataFile } from '../shared-data.js';
import { expectRefused, storeHash, writeCase } from './kit.js';
import { cutBytes, latin1, realBytes } from './make.js';

/**
 * Whole-file checks of `import xbrl` and `import 13f` on the real documents: a document cut in
 * half still holds hundreds of parsable facts or holdings, so the root element must be closed.
 */
const half = (...p: string[]) => {
  const b = realBytes(...p);
  return cutBytes(b, Math.floor(b.length / 2));
};
const SCION = 'scion_13F-HR_20230930_0000905148-23-001400.txt';

const xbrlCases: Array<{ name: string; file: string; bytes: () => Uint8Array; reason: RegExp[] }> = [
  // Case 1 of the brief: the ORCL 10-Q inline XBRL cut in half used to store 389 facts.
  {
    name: 'inline XBRL cut in half',
    file: 'orcl-20240831_10-Q_ixbrl.htm',
    bytes: () => half('sec', 'xbrl', 'orcl-20240831_10-Q_ixbrl.htm'),
    reason: [/line \d+/, /<html> is never closed/, /cut short/],
  },
  {
    name: 'XBRL instance cut in half',
    file: 'amzn-20221231_htm_xbrl-instance_10-K_FY2022.xml',
    bytes: () => half('sec', 'xbrl', 'amzn-20221231_htm_xbrl-instance_10-K_FY2022.xml'),
    reason: [/line \d+/, /<xbrl> is never closed/],
  },
  {
    name: 'companyfacts JSON cut in half',
    file: 'CIK0001652044.json',
    bytes: () => half('sec', 'xbrl', 'CIK0001652044.json'),
    reason: [/not JSON/],
  },
];

const thirteenFCases: Array<{ name: string; file: string; bytes: () => Uint8Array; reason: RegExp[] }> = [
  {
    name: '13F submission cut in half',
    file: SCION,
    bytes: () => half('sec', 'scion', SCION),
    reason: [/line \d+/, /<SEC-DOCUMENT> is never closed/],
  },
  {
    name: '13F information table cut in half',
    file: 'fss_infotable_3.xml',
    bytes: () => half('sec', '13f', 'fss_infotable_3.xml'),
    reason: [/<ns1:informationTable> is never closed/],
  },
];

describe('import xbrl / 13f: documents cut short are refused, the store unchanged', () => {
  let store: Store;
  let before: string;

  beforeAll(async () => {
    store = await openStore(':memory:');
    const x = await importXbrlFiles(store, [dataFile('sec', 'xbrl', 'orcl-20240831_10-Q_ixbrl.htm')]);
    const t = await importThirteenFFiles(store, [dataFile('sec', 'scion', SCION)], {});
    expect([...x, ...t].map((s) => s.status)).toEqual(['ok', 'ok']);
    before = await storeHash(store.db);
  });

  it.each(xbrlCases)('xbrl: $name', async (c) => {
    const file = writeCase(c.name, c.file, c.bytes());
    expectRefused(await importXbrlFiles(store, [file]), file, { reason: c.reason });
    expect(await storeHash(store.db)).toBe(before);
  });

  it.each(thirteenFCases)('13f: $name', async (c) => {
    const file = writeCase(c.name, c.file, c.bytes());
    expectRefused(await importThirteenFFiles(store, [file], { cik: 1649339, period: '2023-09-30' }), file, {
      reason: c.reason,
    });
    expect(await storeHash(store.db)).toBe(before);
  });

  it('import 13f a b with b unreadable: b fails alone, a is imported (case 7)', async () => {
    const a = dataFile('sec', 'scion', 'scion_13F-HR_20230630_0000905148-23-000689.txt');
    const b = writeCase('unreadable', 'missing.txt', '').replace(/missing\.txt$/, 'no-such-file.txt');
    const summaries = await importThirteenFFiles(store, [a, b], {});
    expect(summaries.map((s) => s.status).sort()).toEqual(['failed', 'ok']);
    expect(summaries.find((s) => s.status === 'failed')!.reason).toMatch(
      /no-such-file\.txt: cannot read \(ENOENT\)/,
    );
    const n = await store.db.all<{ n: number }>(
      "SELECT count(*) AS n FROM sec_13f_filings WHERE accession = '0000905148-23-000689'",
    );
    expect(n[0]!.n).toBe(1);
  });

  it('a Latin-1 issuer name is decoded (SOCIÉTÉ GÉNÉRALE), never stored as U+FFFD (case 4)', async () => {
    const text = realBytes('sec', 'scion', SCION)
      .toString('latin1')
      .replace('STELLANTIS N.V', 'SOCI\u00c9T\u00c9 G\u00c9N\u00c9RALE');
    const file = writeCase('latin1-issuer', SCION, latin1(text));
    await store.db.run("DELETE FROM sec_13f_rows WHERE accession = '0000905148-23-001400'");
    await store.db.run("DELETE FROM sec_13f_filings WHERE accession = '0000905148-23-001400'");
    const [s] = await importThirteenFFiles(store, [file], {});
    expect(s!.status).toBe('ok');
    expect(s!.warnings).toContainEqual(
      expect.stringMatching(/not UTF-8 \(first at line \d+, byte \d+ \(0xC9\)\); read as windows-1252/),
    );
    const rows = await store.db.all<{ issuer: string }>(
      "SELECT DISTINCT issuer FROM sec_13f_rows WHERE issuer LIKE 'SOCI%'",
    );
    expect(rows.map((r) => r.issuer)).toEqual(['SOCIÉTÉ GÉNÉRALE']);
  });
});
