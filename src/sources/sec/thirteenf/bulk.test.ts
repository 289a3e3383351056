import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataFile } from '../../../../test/shared-data.js';
import { openStore, type Store } from '../../../store/store.js';
import { importPriceFiles } from '../../prices/import.js';
import { importBulkZip, parseBulkMetadata } from './bulk.js';
import { dataSetRow } from './data-set.testkit.js';
import { listFilings, quarterHoldings } from './repository.js';

/**
 * HAND-WRITTEN test data set: no real 13F data-set TSV rows exist in shared/data (bulk13f/
 * PROVENANCE.md). The rows below were written to match FORM13F_metadata.json's columns, with
 * values copied from the real Scion 2023-06-30 filing (0000905148-23-000689) and the real
 * Pershing 2021-12-31 filing (0001172661-22-000776, thousands). Only 5 of Scion's 33 rows and
 * 1 of Pershing's 6 are included.
 */
const meta = () =>
  parseBulkMetadata(
    JSON.parse(readFileSync(dataFile('sec', 'bulk13f', 'FORM13F_metadata.json'), 'utf8')),
    'FORM13F_metadata.json',
  );
const tsv = (header: string, rows: string[][]) =>
  strToU8(`${header}\n${rows.map((r) => r.join('\t')).join('\n')}\n`);
const SCION = '0000905148-23-000689';
const PSH = '0001172661-22-000776';

function zip(): Uint8Array {
  const m = meta();
  const head = (t: string) =>
    m
      .get(t)!
      .columns.map((c) => c.name)
      .join('\t');
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
  const cover = (acc: string, period: string, manager: string, fileNumber: string) =>
    dataSetRow(m, 'COVERPAGE', {
      ACCESSION_NUMBER: acc,
      REPORTCALENDARORQUARTER: period,
      ISAMENDMENT: 'N',
      FILINGMANAGER_NAME: manager,
      REPORTTYPE: '13F HOLDINGS REPORT',
      FORM13FFILENUMBER: fileNumber,
      PROVIDEINFOFORINSTRUCTION5: 'Y',
    });
  return zipSync({
    'SUBMISSION.tsv': tsv(head('SUBMISSION'), [
      [SCION, '14-AUG-2023', '13F-HR', '0001649339', '30-JUN-2023'],
      [PSH, '14-FEB-2022', '13F-HR', '0001336528', '31-DEC-2021'],
    ]),
    'COVERPAGE.tsv': tsv(head('COVERPAGE'), [
      cover(SCION, '30-JUN-2023', 'Scion Asset Management, LLC', '028-17276'),
      cover(PSH, '31-DEC-2021', 'Pershing Square Capital Management, L.P.', '028-11694'),
    ]),
    'SUMMARYPAGE.tsv': tsv(head('SUMMARYPAGE'), [
      [SCION, '2', '33', '1736760059', 'N'],
      [PSH, '0', '6', '10578795', 'N'],
    ]),
    'INFOTABLE.tsv': tsv(head('INFOTABLE'), [
      info(SCION, 1, 'SPDR S&P 500 ETF TR', 'TR UNIT', '78462F103', '886560000', '2000000', 'Put'),
      info(SCION, 2, 'INVESCO QQQ TR', 'UNIT SER 1', '46090E103', '738840000', '2000000', 'Put'),
      info(SCION, 3, 'CVS HEALTH CORP', 'COM', '126650100', '6913000', '100000'),
      info(SCION, 4, 'EXPEDIA GROUP INC', 'COM NEW', '30212P303', '10939000', '100000'),
      info(SCION, 5, 'GENERAC HLDGS INC', 'COM', '368736104', '8202150', '55000'),
      info(PSH, 1, 'CANADIAN PAC RY LTD', 'COM', '13645T100', '202421', '2813747'),
    ]),
  });
}

let store: Store;
beforeEach(async () => {
  store = await openStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

describe('Form 13F data sets (bulk zip → DuckDB read_csv)', () => {
  it('metadata: 7 tables; INFOTABLE has the 15 official columns', () => {
    const m = meta();
    expect([...m.keys()]).toEqual([
      'SUBMISSION',
      'COVERPAGE',
      'OTHERMANAGER',
      'SIGNATURE',
      'SUMMARYPAGE',
      'OTHERMANAGER2',
      'INFOTABLE',
    ]);
    expect(m.get('INFOTABLE')!.columns.map((c) => c.name)).toHaveLength(15);
    expect(m.get('INFOTABLE')!.columns.find((c) => c.name === 'VALUE')?.sqlType).toBe('DOUBLE');
  });

  it('imports rows, decides units per accession, keeps & and puts; a second import adds nothing', async () => {
    const r = await importBulkZip(store.db, zip(), meta(), 'test.zip');
    expect(r).toEqual({ filings: 2, rows: 6, skippedExisting: 0 });
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
    const again = await importBulkZip(store.db, zip(), meta(), 'test.zip');
    expect(again).toEqual({ filings: 0, rows: 0, skippedExisting: 2 });
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
    await importBulkZip(store.db, zip(), meta(), 'test.zip');
    const f = await listFilings(store.db);
    const scion = f.find((x) => x.accession === SCION)!;
    // SPY 886,560,000 / 2,000,000 = $443.28 and QQQ $369.42 sit in 2023-06-30's (adjusted) ranges.
    expect([scion.value_unit, scion.unit_rule, scion.unit_detail]).toEqual([
      'usd',
      'price-check',
      "2 of 2 priced rows match the day's price range (stored prices) read as dollars",
    ]);
    // Pershing's row has no stored price: unchanged (filing date)
    expect(f.find((x) => x.accession === PSH)?.unit_rule).toBe('filing-date');
    const tmp = await store.db.all("SELECT * FROM duckdb_tables() WHERE table_name LIKE 'b13_%'");
    expect(tmp).toEqual([]);
  });

  it('a zip without INFOTABLE.tsv is refused by name', async () => {
    await expect(
      importBulkZip(store.db, zipSync({ 'SUBMISSION.tsv': strToU8('x') }), meta(), 'q.zip'),
    ).rejects.toThrow('q.zip: zip has no COVERPAGE.tsv');
  });
});
