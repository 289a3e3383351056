import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { dataFile } from '../../../../test/shared-data.js';
import type { Db } from '../../../store/db.js';
import { withMemoryStore } from '../../../store/memory.testkit.js';
import type { Store } from '../../../store/store.js';
import { importPriceFiles } from '../../../update/import/prices.js';
import { importDataSetZip } from './bulk.js';
import { dataSetRow, realMeta, tsvText, writeZip } from './data-set.testkit.js';
import { extractEntries } from './data-set-zip.js';
import { listFilings, quarterHoldings } from './repository.js';

/**
 * HAND-WRITTEN test data set: no real 13F data-set TSV rows exist in shared/data (bulk13f/
 * PROVENANCE.md). The rows below were written to match FORM13F_metadata.json's columns, with
 * values copied from the real Scion 2023-06-30 filing (0000905148-23-000689) and the real
 * Pershing 2021-12-31 filing (0001172661-22-000776, thousands). Only 5 of Scion's 33 rows and
 * 1 of Pershing's 6 are included.
 */
const meta = realMeta();
const SCION = '0000905148-23-000689';
const PSH = '0001172661-22-000776';
const info = (
  acc: string,
  sk: number,
  name: string,
  cls: string,
  cusip: string,
  value: string,
  sh: string,
  pc = '',
) => [acc, String(sk), name, cls, cusip, '', value, sh, 'SH', pc, 'DFND', '1,2', sh, '0', '0'];
const INFO = [
  info(SCION, 1, 'SPDR S&P 500 ETF TR', 'TR UNIT', '78462F103', '886560000', '2000000', 'Put'),
  info(SCION, 2, 'INVESCO QQQ TR', 'UNIT SER 1', '46090E103', '738840000', '2000000', 'Put'),
  info(SCION, 3, 'CVS HEALTH CORP', 'COM', '126650100', '6913000', '100000'),
  info(SCION, 4, 'EXPEDIA GROUP INC', 'COM NEW', '30212P303', '10939000', '100000'),
  info(SCION, 5, 'GENERAC HLDGS INC', 'COM', '368736104', '8202150', '55000'),
  info(PSH, 1001, 'CANADIAN PAC RY LTD', 'COM', '13645T100', '202421', '2813747'),
];

function tables(infoRows: string[][] = INFO, only?: string): Record<string, string> {
  const keep = (r: string[]) => !only || r[0] === only;
  const cover = (acc: string, period: string, manager: string) =>
    dataSetRow(meta, 'COVERPAGE', {
      ACCESSION_NUMBER: acc,
      REPORTCALENDARORQUARTER: period,
      ISAMENDMENT: 'N',
      FILINGMANAGER_NAME: manager,
      REPORTTYPE: '13F HOLDINGS REPORT',
    });
  const rows: Record<string, string[][]> = {
    SUBMISSION: [
      [SCION, '14-AUG-2023', '13F-HR', '0001649339', '30-JUN-2023'],
      [PSH, '14-FEB-2022', '13F-HR', '0001336528', '31-DEC-2021'],
    ],
    COVERPAGE: [
      cover(SCION, '30-JUN-2023', 'Scion Asset Management, LLC'),
      cover(PSH, '31-DEC-2021', 'Pershing Square Capital Management, L.P.'),
    ],
    SUMMARYPAGE: [
      [SCION, '2', '33', '1736760059', 'N'],
      [PSH, '0', '6', '10578795', 'N'],
    ],
    INFOTABLE: infoRows,
  };
  return Object.fromEntries(
    Object.entries(rows).map(([table, r]) => [`${table}.tsv`, tsvText(meta, table, r.filter(keep))]),
  );
}

/** Every table of the store, in a stable order, hashed: "nothing written" means this is unchanged. */
async function storeHash(db: Db): Promise<string> {
  const h = createHash('sha256');
  const names = await db.all<{ t: string }>(
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  for (const { t } of names) {
    h.update(t);
    h.update(JSON.stringify(await db.all(`SELECT * FROM ${t} ORDER BY ALL`)));
  }
  return h.digest('hex');
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'tw-bulk-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function zipOf(entries: Record<string, string | Uint8Array>, withMeta = true): string {
  const f = path.join(dir, `q${++n}.zip`);
  writeZip(f, entries, withMeta);
  return f;
}

let store: Store;
withMemoryStore((s) => {
  store = s;
});

describe('Form 13F data sets (streamed zip → DuckDB read_csv)', () => {
  it('imports rows, decides units per accession, keeps puts; a second import adds nothing', async () => {
    const zip = zipOf(tables());
    const r = await importDataSetZip(store.db, zip);
    expect(r).toEqual({ filings: 2, rows: 6, skippedExisting: 0, orphanRows: 0, ignoredEntries: [] });
    const f = await listFilings(store.db);
    const scion = f.find((x) => x.accession === SCION)!;
    expect([scion.period, scion.filed, scion.value_unit, scion.unit_rule]).toEqual([
      '2023-06-30',
      '2023-08-14',
      'usd',
      'implied-price',
    ]);
    // one share row only: the filing date decides (minimum-sample rule)
    const psh = f.find((x) => x.accession === PSH)!;
    expect([psh.value_unit, psh.unit_rule]).toEqual(['usd_thousands', 'filing-date']);
    const q = await quarterHoldings(store.db, 1649339, '2023-06-30', '2023-08-14');
    const spy = q.holdings.find((h) => h.cusip === '78462F103')!;
    expect([spy.issuer, spy.putCall, spy.valueUsd]).toEqual(['SPDR S&P 500 ETF TR', 'Put', 886_560_000]);
    const cp = (await quarterHoldings(store.db, 1336528, '2021-12-31', '2022-02-14')).holdings[0]!;
    expect(cp.valueUsd).toBe(202_421_000);
    const byCusip = await store.db.all<{ cusip: string }>('SELECT cusip FROM sec_13f_rows_by_cusip');
    expect(byCusip.map((r) => r.cusip)).toEqual([
      '126650100',
      '13645T100',
      '30212P303',
      '368736104',
      '46090E103',
      '78462F103',
    ]);
    const again = await importDataSetZip(store.db, zip);
    expect(again).toMatchObject({ filings: 0, rows: 0, skippedExisting: 2 });
  });

  it('with stored SPY/QQQ prices (real files) the price-check rule decides Scion in SQL', async () => {
    await importPriceFiles(store, [
      dataFile('prices', 'yf-autoadj-ohlcv', 'SPY.csv'),
      dataFile('prices', 'yf-autoadj-ohlcv', 'QQQ.csv'),
    ]);
    for (const [cusip, ticker] of [
      ['78462F103', 'SPY'],
      ['46090E103', 'QQQ'],
    ])
      await store.db.run(
        "INSERT INTO sec_cusip_map VALUES ($1, $2, NULL, 'user', TIMESTAMP '2026-01-01 00:00:00')",
        [cusip!, ticker!],
      );
    await importDataSetZip(store.db, zipOf(tables()));
    const f = await listFilings(store.db);
    const scion = f.find((x) => x.accession === SCION)!;
    // SPY 886,560,000 / 2,000,000 = $443.28 and QQQ $369.42 sit in 2023-06-30's (adjusted) ranges.
    expect([scion.value_unit, scion.unit_rule, scion.unit_detail]).toEqual([
      'usd',
      'price-check',
      "2 of 2 priced rows match the day's price range (stored prices) read as dollars",
    ]);
    expect(f.find((x) => x.accession === PSH)?.unit_rule).toBe('filing-date');
    const tmp = await store.db.all("SELECT * FROM duckdb_tables() WHERE table_name LIKE 'b13_%'");
    expect(tmp).toEqual([]);
  });

  it('foreign entries are never inflated: only the four tables and the metadata are read', async () => {
    const zip = zipOf({
      ...tables(),
      'SIGNATURE.tsv': 'ACCESSION_NUMBER\tNAME\n',
      'README.txt': 'not ours',
      '../../etc/evil.tsv': 'x',
      'nested/other.bin': new Uint8Array(10),
    });
    const r = await importDataSetZip(store.db, zip);
    expect(r.filings).toBe(2);
    expect(r.ignoredEntries.sort()).toEqual([
      '../../etc/evil.tsv',
      'README.txt',
      'SIGNATURE.tsv',
      'nested/other.bin',
    ]);
  });

  it('a zip without INFOTABLE.tsv is refused by name; so is one without metadata', async () => {
    const { 'INFOTABLE.tsv': _, ...rest } = tables();
    await expect(importDataSetZip(store.db, zipOf(rest))).rejects.toThrow(/zip has no INFOTABLE\.tsv/);
    await expect(importDataSetZip(store.db, zipOf(tables(), false))).rejects.toThrow(
      /no FORM13F_metadata\.json inside/,
    );
  });
});

describe('the unit per filing and rows without a SUBMISSION', () => {
  it('a filing dated 2024 whose rows say thousands is stored in thousands; rows without a SUBMISSION are counted, not kept', async () => {
    // Pershing's real row plus four more like it (implied prices 0.07–0.4: thousands), filed in 2024
    // (the filing-date rule alone would say dollars); two rows of an accession SUBMISSION lacks.
    const more = [
      info(PSH, 1002, 'HILTON WORLDWIDE HLDGS INC', 'COM', '43300A203', '1462000', '10000000'),
      info(PSH, 1003, 'LOWES COS INC', 'COM', '548661107', '2700000', '10000000'),
      info(PSH, 1004, 'CHIPOTLE MEXICAN GRILL INC', 'COM', '169656105', '4000000', '10000000'),
      info(PSH, 1005, 'RESTAURANT BRANDS INTL INC', 'COM', '76131D103', '1400000', '10000000'),
    ];
    const orphan = '0009999999-24-000001';
    const rows = [
      ...INFO,
      ...more,
      info(orphan, 9001, 'NOBODY INC', 'COM', '000000000', '100', '1'),
      info(orphan, 9002, 'NOBODY INC', 'COM', '000000000', '100', '1'),
    ];
    const t = tables(rows);
    t['SUBMISSION.tsv'] = t['SUBMISSION.tsv']!.replace('14-FEB-2022', '14-FEB-2024');
    const r = await importDataSetZip(store.db, zipOf(t));
    expect([r.filings, r.rows, r.orphanRows]).toEqual([2, 10, 2]);
    const psh = (await listFilings(store.db)).find((x) => x.accession === PSH)!;
    expect([psh.filed, psh.value_unit, psh.unit_rule, psh.row_count]).toEqual([
      '2024-02-14',
      'usd_thousands',
      'implied-price',
      5,
    ]);
    const usd = await store.db.all<{ line: number; value_usd: number }>(
      'SELECT line, value_usd FROM sec_13f_rows WHERE accession = $1 ORDER BY line',
      [PSH],
    );
    expect(usd.map((x) => x.value_usd)).toEqual([
      202_421_000, 1_462_000_000, 2_700_000_000, 4_000_000_000, 1_400_000_000,
    ]);
    const byCusip = await store.db.all<{ v: number }>(
      "SELECT value_usd AS v FROM sec_13f_rows_by_cusip WHERE cusip = '13645T100'",
    );
    expect(byCusip).toEqual([{ v: 202_421_000 }]);
    // Scion (filed 2023, dollars by its rows and its date) is left as filed
    const spy = await store.db.all<{ v: number }>(
      "SELECT value_usd AS v FROM sec_13f_rows WHERE accession = $1 AND cusip = '78462F103'",
      [SCION],
    );
    expect(spy).toEqual([{ v: 886_560_000 }]);
    expect(await store.db.all(`SELECT line FROM sec_13f_rows WHERE accession = '${orphan}'`)).toEqual([]);
  });
});

describe('zip bombs are refused before they cost memory or disk', () => {
  const zeros = new Uint8Array(8 * 1024 ** 2); // 8 MiB of zeros deflate to ~8 KiB (≈1000:1)

  it('declared ratio over the cap: refused before inflating, nothing extracted', async () => {
    const zip = zipOf({ ...tables(), 'INFOTABLE.tsv': zeros });
    const out = mkdtempSync(path.join(dir, 'x-'));
    await expect(extractEntries(zip, ['INFOTABLE.tsv'], out)).rejects.toThrow(
      /entry INFOTABLE\.tsv declares a compression ratio of \d+:1 .* over the 100:1 cap .* refused as a possible zip bomb/,
    );
    expect(readdirSync(out)).toEqual([]);
    // the import says the same and writes nothing
    await expect(importDataSetZip(store.db, zip)).rejects.toThrow(/possible zip bomb/);
    expect(await listFilings(store.db)).toEqual([]);
  });

  it('declared size over the cap: refused by name and size', async () => {
    const zip = zipOf(tables());
    await expect(
      importDataSetZip(store.db, zip, { limits: { maxEntryBytes: 100, maxRatio: 100 } }),
    ).rejects.toThrow(
      /entry (SUBMISSION|COVERPAGE|SUMMARYPAGE|INFOTABLE)\.tsv declares [\d,]+ bytes uncompressed, over the 100 bytes cap; refused before inflating/,
    );
  });

  it('an entry that inflates past its declared size is stopped at that size (the actual bytes are counted)', async () => {
    // A lying zip: INFOTABLE.tsv declares 1,000 bytes in both headers but holds 8 MiB.
    const bytes = zipSync({ 'INFOTABLE.tsv': zeros }, { level: 9 });
    const view = new DataView(bytes.buffer);
    const lie = 1000;
    view.setUint32(22, lie, true); // local header: uncompressed size
    for (let i = bytes.length - 22; i >= 0; i--)
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, lie, true); // central directory: uncompressed size
        break;
      }
    const zip = path.join(dir, 'liar.zip');
    writeFileSync(zip, bytes);
    const out = mkdtempSync(path.join(dir, 'y-'));
    const err = await extractEntries(zip, ['INFOTABLE.tsv'], out).then(
      () => new Error('no error'),
      (e: Error) => e,
    );
    expect(err.message).toMatch(/liar\.zip: entry INFOTABLE\.tsv inflates past (its declared )?1,000 bytes/);
    // whatever reached the disk is at most one stream chunk past the declared size, not 8 MiB
    const written = existsSync(path.join(out, 'INFOTABLE.tsv'))
      ? readFileSync(path.join(out, 'INFOTABLE.tsv')).length
      : 0;
    expect(written).toBeLessThanOrEqual(lie);
  });

  it('an entry that inflates to less than it declares is refused (the inflater is ours, not yauzl’s)', async () => {
    // 64 KiB of text declared as 100 KiB: within the ratio cap, short of its own header.
    let seed = 7;
    const text = Uint8Array.from({ length: 64 * 1024 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 97 + (seed % 26); // letters that do not compress
    });
    const bytes = zipSync({ 'INFOTABLE.tsv': text }, { level: 1 });
    const view = new DataView(bytes.buffer);
    view.setUint32(22, 100 * 1024, true);
    for (let i = bytes.length - 22; i >= 0; i--)
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 100 * 1024, true);
        break;
      }
    const zip = path.join(dir, 'short.zip');
    writeFileSync(zip, bytes);
    await expect(extractEntries(zip, ['INFOTABLE.tsv'], mkdtempSync(path.join(dir, 's-')))).rejects.toThrow(
      /short\.zip: entry INFOTABLE\.tsv inflates to 65,536 bytes, short of its declared 102,400 bytes; refused/,
    );
  });
});

describe('bad rows inside a data set: named by line, nothing written', () => {
  it('inf and NaN in VALUE: refused naming both lines; store hash unchanged', async () => {
    await importDataSetZip(store.db, zipOf(tables(INFO, PSH)));
    const before = await storeHash(store.db);
    const rows = INFO.map((r) => [...r]);
    rows[2]![6] = 'inf'; // CVS: line 4 of INFOTABLE.tsv (header is line 1)
    rows[4]![6] = 'NaN'; // GENERAC: line 6
    const err = await importDataSetZip(store.db, zipOf(tables(rows))).then(
      () => new Error('no error'),
      (e: Error) => e,
    );
    expect(err.message).toContain(
      'INFOTABLE.tsv has 2 row(s) whose VALUE or SSHPRNAMT is not a finite number',
    );
    expect(err.message).toContain(
      `line 4 (INFOTABLE_SK "3", ACCESSION_NUMBER "${SCION}", VALUE "inf", SSHPRNAMT "100000")`,
    );
    expect(err.message).toContain(
      `line 6 (INFOTABLE_SK "5", ACCESSION_NUMBER "${SCION}", VALUE "NaN", SSHPRNAMT "55000")`,
    );
    expect(await storeHash(store.db)).toBe(before);
  });

  it('a repeated INFOTABLE_SK with different values: refused naming both lines; store hash unchanged', async () => {
    await importDataSetZip(store.db, zipOf(tables(INFO, PSH)));
    const before = await storeHash(store.db);
    const rows = INFO.filter((r) => r[0] === SCION).map((r) => [...r]);
    rows[3]![1] = '2'; // EXPEDIA (line 5) reuses INVESCO QQQ's key (line 3)
    const err = await importDataSetZip(store.db, zipOf(tables(rows))).then(
      () => new Error('no error'),
      (e: Error) => e,
    );
    expect(err.message).toContain('INFOTABLE.tsv repeats its row key: INFOTABLE_SK 2 on line 3');
    expect(err.message).toContain(
      'line 3 (ACCESSION_NUMBER "0000905148-23-000689", CUSIP "46090E103", VALUE "738840000"',
    );
    expect(err.message).toContain(
      'line 5 (ACCESSION_NUMBER "0000905148-23-000689", CUSIP "30212P303", VALUE "10939000"',
    );
    expect(err.message).toContain('(different values)');
    expect(await storeHash(store.db)).toBe(before);
    expect((await listFilings(store.db)).map((f) => f.accession)).toEqual([PSH]);
  });

  it('a value read_csv cannot convert is refused with the file named', async () => {
    const rows = INFO.map((r) => [...r]);
    rows[1]![6] = '12x';
    await expect(importDataSetZip(store.db, zipOf(tables(rows)))).rejects.toThrow(
      /INFOTABLE\.(tsv|TSV): .*12x/,
    );
    expect(await listFilings(store.db)).toEqual([]);
  });
});
