import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import {
  type DebtTransaction,
  issuanceByPeriod,
  parsePublicDebtTransactions,
  streamPublicDebtTransactions,
} from './dts-debt.js';
import { debtBatches } from './ingest.js';

const FILE = dataFile('treasury', 'DTS_PubDebtTrans_20210624_20260623.csv');
const { rows, warnings } = parsePublicDebtTransactions(readFileSync(FILE, 'utf8'), FILE);
const monthly = issuanceByPeriod(rows, (d) => d.slice(0, 7));
const month = (m: string) => monthly.find((p) => p.period === m)!;

describe('DTS public debt transactions (real export)', () => {
  it('reads all 29408 rows across both table numbers III-A (to 2022-09-09) and IIIA', () => {
    expect(rows).toHaveLength(29408); // PROVENANCE: 29408 rows excl. header
    expect(warnings).toEqual([]);
    // III-A days have 25 lines (incl. Hope Bonds), IIIA days 23: 306×25 + 946×23 = 29408.
    expect(rows.filter((r) => r.date === '2022-09-09')).toHaveLength(25); // last III-A day
    expect(rows.filter((r) => r.date === '2022-09-12')).toHaveLength(23); // first IIIA day
  });

  it("literal 'null' description becomes null; named descriptions kept", () => {
    const d = rows.filter((r) => r.date === '2026-06-23' && r.securityType === 'Bills' && r.kind === 'issue');
    expect(d.map((r) => r.description).sort()).toEqual(['Cash Management Series', 'Regular Series']);
    expect(rows.find((r) => r.date === '2026-06-23' && r.securityType === 'Notes')!.description).toBeNull();
    expect(d.find((r) => r.description === 'Regular Series')!.today).toBe(227_255e6);
  });

  it('sum of daily bill issues matches Treasury’s month-to-date (Oct 2025: 2,513,415 $M) within $1M rounding', () => {
    // The daily lines sum to 2,513,416 $M: each day is rounded to $M separately.
    expect(month('2025-10').billIssues).toBe(2_513_416e6);
    const lastDay = rows.filter(
      (r) => r.date === '2025-10-31' && r.securityType === 'Bills' && r.kind === 'issue',
    );
    expect(lastDay.reduce((s, r) => s + r.monthToDate!, 0)).toBe(2_513_415e6);
  });

  it('bill share of gross issuance and net issuance per month (2025-10)', () => {
    const p = month('2025-10');
    expect(p.gross / 1e9).toBeCloseTo(2901.1, 1);
    expect(p.billShare!).toBeCloseTo(0.866, 3);
    expect(p.netBills / 1e9).toBeCloseTo(196.1, 1);
    expect(p.net / 1e9).toBeCloseTo(278.0, 1);
    expect(p.throughDate).toBe('2025-10-31');
  });

  it('June-2023 post-debt-ceiling bill rebuild shows as the largest monthly net bill issuance', () => {
    const top = [...monthly].sort((a, b) => b.netBills - a.netBills)[0]!;
    expect(top.period).toBe('2023-06');
    expect(top.netBills / 1e9).toBeCloseTo(473.3, 1);
  });
});

describe('DTS debt rows summed per day into the four series (debtBatches)', () => {
  it('real export: one point per day per series, the month adding up to issuanceByPeriod (Oct 2025 bills 2,513,416 $M)', () => {
    const batches = debtBatches(rows, FILE);
    expect(batches.map((b) => [b.id, b.rows.length])).toEqual([
      ['DTS:BILL_ISSUES', 1252],
      ['DTS:COUPON_ISSUES', 1252],
      ['DTS:BILL_REDEMPTIONS', 1252],
      ['DTS:COUPON_REDEMPTIONS', 1252],
    ]);
    const oct = (id: string) =>
      batches
        .find((b) => b.id === id)!
        .rows.filter((r) => r.date.startsWith('2025-10'))
        .reduce((sum, r) => sum + r.value, 0);
    expect(oct('DTS:BILL_ISSUES')).toBe(month('2025-10').billIssues);
    expect(oct('DTS:BILL_ISSUES')).toBe(2_513_416e6);
    expect(oct('DTS:COUPON_ISSUES')).toBe(month('2025-10').couponIssues);
    expect(oct('DTS:BILL_REDEMPTIONS') + oct('DTS:COUPON_REDEMPTIONS')).toBe(
      month('2025-10').billRedemptions + month('2025-10').couponRedemptions,
    );
    // Friday's statement is public on Monday.
    expect(batches[0]!.rows.find((r) => r.date === '2025-10-31')!.knownFrom).toBe('2025-11-03');
  });
  it('days in date order whatever the row order; a series has a point only on days with a row of its group', () => {
    const row = (date: string, kind: 'issue' | 'redemption', securityType: string, today: number) =>
      ({ date, kind, marketable: true, securityType, description: null, today, monthToDate: null }) as const;
    const batches = debtBatches(
      [
        row('2024-01-03', 'issue', 'Bills', 5),
        row('2024-01-02', 'issue', 'Notes', 7),
        row('2024-01-02', 'issue', 'Bills', 0),
        row('2024-01-03', 'issue', 'Bills', 6),
        row('2024-01-02', 'redemption', 'Bonds', 2),
        { ...row('2024-01-02', 'redemption', 'Bills', 9), marketable: false },
      ],
      'x.csv',
    );
    expect(batches.map((b) => [b.id, b.rows.map((r) => [r.date, r.value])])).toEqual([
      [
        'DTS:BILL_ISSUES',
        [
          ['2024-01-02', 0],
          ['2024-01-03', 11],
        ],
      ],
      ['DTS:COUPON_ISSUES', [['2024-01-02', 7]]],
      ['DTS:BILL_REDEMPTIONS', []],
      ['DTS:COUPON_REDEMPTIONS', [['2024-01-02', 2]]],
    ]);
  });
});

describe('DTS public debt transactions: literal edge cases', () => {
  const H =
    'Record Date,Transaction Type,Security Marketability,Security Type,Security Type Description,Transactions Today,Transactions Month to Date,Table Number\n';
  it('rows from another table number are skipped with a warning', () => {
    const r = parsePublicDebtTransactions(`${H}2024-01-02,Issues,Marketable,Bills,null,5,5,IIIB\n`, 'x.csv');
    expect(r.rows).toEqual([]);
    expect(r.warnings[0]).toMatch(/another table number/);
  });
  it('unknown transaction type is rejected naming file, line and value', () => {
    expect(() =>
      parsePublicDebtTransactions(`${H}2024-01-02,Swaps,Marketable,Bills,null,5,5,IIIA\n`, 'x.csv'),
    ).toThrow(/x\.csv:2: field 'Transaction Type' unknown: 'Swaps'/);
  });
  it('a row repeated with another amount names both lines, even days apart; an identical repeat is collapsed', () => {
    const row = (d: string, desc: string, v: number) =>
      `${d},Issues,Marketable,Bills,${desc},${v},${v},IIIA\n`;
    const body =
      row('2024-01-02', 'Regular Series', 5) +
      row('2024-01-02', 'null', 6) +
      row('2024-01-03', 'Regular Series', 7) +
      row('2024-01-02', 'Regular Series', 5);
    const ok = parsePublicDebtTransactions(H + body, 'x.csv');
    expect(ok.rows.map((r) => [r.date, r.description, r.today])).toEqual([
      ['2024-01-02', 'Regular Series', 5e6],
      ['2024-01-02', null, 6e6],
      ['2024-01-03', 'Regular Series', 7e6],
    ]);
    expect(ok.warnings).toEqual(['x.csv: 1 repeated identical row(s) collapsed']);
    const clash =
      "x.csv: 2024-01-02 issue 'Bills' appears twice with different amounts: 6000000 (line 3) and 8000000 (line 6)";
    expect(() => parsePublicDebtTransactions(H + body + row('2024-01-02', 'null', 8), 'x.csv')).toThrow(
      clash,
    );
    // Streamed, holding one day's keys: the day that comes back is read again with every key
    // (pieces that can be read twice), or every key is kept from the start (pieces read once).
    const sums = (rows: Iterable<DebtTransaction>) => [...rows].map((r) => r.today);
    const again = (text: string) => [text.slice(0, 100), text.slice(100)];
    const once = function* (text: string) {
      yield* again(text);
    };
    for (const pieces of [again(H + body), once(H + body)])
      expect(streamPublicDebtTransactions(pieces, 'x.csv', sums)).toEqual({
        result: [5e6, 6e6, 7e6],
        warnings: ['x.csv: 1 repeated identical row(s) collapsed'],
      });
    const bad = H + body + row('2024-01-02', 'null', 8);
    for (const pieces of [again(bad), once(bad)])
      expect(() => streamPublicDebtTransactions(pieces, 'x.csv', sums)).toThrow(clash);
    // Rows day by day (as Treasury's exports are): one read, the same refusal.
    const inOrder =
      H + row('2024-01-02', 'null', 6) + row('2024-01-02', 'null', 8) + row('2024-01-03', 'null', 1);
    expect(() => streamPublicDebtTransactions(again(inOrder), 'x.csv', sums)).toThrow(
      "x.csv: 2024-01-02 issue 'Bills' appears twice with different amounts: 6000000 (line 2) and 8000000 (line 3)",
    );
  });
  it('a last row without a line end is checked against the same security a few days back (the real file, 29k rows)', () => {
    // The real export with Month to Date as its last column, and no final line end: the last row
    // is 2021-06-24, nonmarketable 'Other' redemptions, MTD 31218. Its comparable rows are the
    // same security on the days before, found among the rows read just before it.
    const lines = readFileSync(FILE, 'utf8').trimEnd().split('\r\n');
    // Record Date … Transactions Today, Table Number, Transactions Month to Date.
    const keep = [0, 1, 2, 3, 4, 5, 8, 6];
    const text = lines.map((l) => keep.map((c) => l.split(',')[c]).join(',')).join('\r\n');
    expect(text.slice(-41)).toBe('Nonmarketable,Other,null,1838,III-A,31218');
    const last = (t: string) => parsePublicDebtTransactions(t, 'x.csv').rows.at(-1)!.monthToDate;
    // In pieces that can be read again (read again at the end) and in pieces read once (the
    // latest rows kept as they go by): the same rows are compared.
    const inPieces = (t: string, once: boolean) => {
      const pieces = Array.from({ length: Math.ceil(t.length / 4096) }, (_, i) =>
        t.slice(i * 4096, (i + 1) * 4096),
      );
      const text = once ? pieces.values() : pieces;
      return streamPublicDebtTransactions(text, 'x.csv', (rows) => [...rows].at(-1)!.monthToDate).result;
    };
    expect(last(text)).toBe(31_218e6);
    for (const once of [false, true]) expect(inPieces(text, once)).toBe(31_218e6);
    const cut = text.slice(0, -3);
    // The median is that of the 10 'Other' redemptions just before: the right rows were compared.
    const refusal =
      /x\.csv: line 29409: .*Transactions Month to Date '31' looks cut off \(31 is far below the previous 10 values \(median 9748\.5\)\)/;
    expect(() => last(cut)).toThrow(refusal);
    for (const once of [false, true]) expect(() => inPieces(cut, once)).toThrow(refusal);
  });
  it('API snake_case header accepted', () => {
    const csv =
      'record_date,transaction_type,security_market,security_type,security_type_desc,transaction_today_amt\n' +
      '2024-01-02,Issues,Marketable,Notes,null,7\n';
    expect(parsePublicDebtTransactions(csv, 'a.csv').rows[0]).toMatchObject({
      securityType: 'Notes',
      today: 7e6,
    });
  });
});
