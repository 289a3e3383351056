import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { readFredCsv } from '../../indicators/plumbing/testing/fred-csv.js';
import { buildTgaSeries, parseDtsCashCsv } from './dts-cash.js';
import { crossCheckTgaWithWtregen } from './tga-crosscheck.js';

const CASH = dataFile('treasury', 'DTS_OpCashBal_20210624_20260623.csv');
const parsed = parseDtsCashCsv(readFileSync(CASH, 'utf8'), CASH);
const tga = buildTgaSeries(parsed.rows, CASH);
const day = (d: string) => tga.days.find((x) => x.date === d);

describe('DTS operating cash balance (real export, two layouts)', () => {
  it('reads the BOM header and every row; one TGA value per business day (1252 days)', () => {
    // PROVENANCE says 4802 rows; the file has 4803 data lines (wc -l counts 4803 LFs and the last
    // line has no LF): the table's count is off by one, the file is right (1252 dates × 3 or 4).
    expect(parsed.rows).toHaveLength(4803);
    expect(tga.days).toHaveLength(1252);
    expect(tga.warnings).toEqual([]);
    expect(tga.days[0]!.date).toBe('2021-06-24');
    expect(tga.days.at(-1)!.date).toBe('2026-06-23');
  });

  it('new layout: closing row value (PROVENANCE 2026-06-23: 925876 $M) is reported', () => {
    expect(day('2026-06-23')).toMatchObject({
      close: 925_876e6,
      open: 942_815e6,
      closeSource: 'reported',
      deposits: 262_522e6,
      withdrawals: 279_461e6,
    });
  });

  it('old layout: closing = next business day opening, across the layout switch 2022-04-15 → 04-18', () => {
    expect(day('2022-04-15')).toMatchObject({
      open: 602_292e6,
      close: 578_473e6,
      closeSource: 'next-opening',
    });
    expect(day('2022-04-18')!.closeSource).toBe('reported');
  });

  it('account rename: Federal Reserve Account (to 2021-09-30) continues as TGA (2021-10-01)', () => {
    expect(day('2021-09-30')).toMatchObject({ open: 173_745e6, close: 215_160e6 });
    expect(day('2021-10-01')!.open).toBe(215_160e6);
  });

  it('missing days: weekends and holidays are absent, not zero (2025-07-04 holiday, 2025-07-05 Sat)', () => {
    expect(day('2025-07-04')).toBeUndefined();
    expect(day('2025-07-05')).toBeUndefined();
    expect(day('2025-07-03')).toBeDefined();
  });

  it('cross-check vs FRED WTREGEN (week average): every Wednesday agrees within $1M rounding', () => {
    const wt = readFredCsv('fredapi-pandas/WTREGEN_api.csv', 'usd_millions');
    const c = crossCheckTgaWithWtregen(tga.days, wt);
    expect(c.compared).toBe(244);
    // Largest gap of the 7-day average: 2023-03-15, 0.714 $M (rounding of the $M figures).
    expect(c.maxAbsGapWeekAverage!.date).toBe('2023-03-15');
    expect(Math.abs(c.maxAbsGapWeekAverage!.gapWeekAverage)).toBeLessThan(1e6);
    // The Wednesday close is NOT what WTREGEN measures: 2025-04-16 (tax week) differs by $215.8B.
    expect(c.maxAbsGapWednesdayClose).toMatchObject({ date: '2025-04-16', gapWednesdayClose: 215_800e6 });
  });
});

describe('DTS cash: API field names and literal edge cases', () => {
  it('API-field CSV (2005 sample): close_today_bal used; Tax and Loan rows excluded from TGA', () => {
    const f = dataFile('treasury', 'fiscaldata_api_operating_cash_balance_sample_2005.csv');
    const s = buildTgaSeries(parseDtsCashCsv(readFileSync(f, 'utf8'), f).rows, f);
    expect(s.days[0]).toMatchObject({
      date: '2005-10-03',
      open: 4_381e6,
      close: 5_448e6,
      closeSource: 'reported',
    });
    expect(s.days).toHaveLength(50);
  });

  it('unknown account type is ignored with a warning; "null" closing handled', () => {
    const csv =
      'record_date,account_type,open_today_bal,close_today_bal\n' +
      '2024-01-02,Treasury General Account (TGA) Closing Balance,100,null\n' +
      '2024-01-02,Brand New Account,5,null\n';
    const s = buildTgaSeries(parseDtsCashCsv(csv, 'lit.csv').rows, 'lit.csv');
    expect(s.days).toEqual([
      {
        date: '2024-01-02',
        open: null,
        close: 100e6,
        closeSource: 'reported',
        deposits: null,
        withdrawals: null,
        where: 'line 2',
      },
    ]);
    expect(s.warnings[0]).toMatch(/unknown account type 'Brand New Account'/);
  });

  it('missing required column is rejected naming the file and column', () => {
    expect(() => parseDtsCashCsv('Record Date,Type of Account\n2024-01-02,x\n', 'f.csv')).toThrow(
      /f\.csv: required column 'Opening Balance Today' missing/,
    );
  });

  it('bad date and bad number name the line and value', () => {
    const h = 'Record Date,Type of Account,Opening Balance Today\n';
    expect(() => parseDtsCashCsv(`${h}2024-13-01,Federal Reserve Account,1\n`, 'f.csv')).toThrow(
      /f\.csv:2.*2024-13-01/,
    );
    expect(() => parseDtsCashCsv(`${h}2024-01-02,Federal Reserve Account,1x\n`, 'f.csv')).toThrow(
      /f\.csv:2.*'1x'/,
    );
  });
});
