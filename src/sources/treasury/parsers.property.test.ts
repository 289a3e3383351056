import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realText } from '../../../test/malformed/make.js';
import { anyDamage, ascendingDates, PARSER_RUNS, roundTrips } from '../../../test/property.js';
import { parseDtsCashCsv } from './dts-cash.js';
import { toDebtToPenny } from './fiscaldata.js';
import { parseTreasuryFile } from './ingest.js';
import { readSiteCsv } from './site-csv.js';

/** Property tests of the Treasury readers (fast-check, 10,000 inputs each). */
const head = (text: string, n: number, eol = '\n') => text.split(eol).slice(0, n).join(eol);
const CASH = head(realText('treasury', 'DTS_OpCashBal_20210624_20260623.csv'), 41);
const DEBT = head(realText('treasury', 'DTS_PubDebtTrans_20210624_20260623.csv'), 41, '\r\n');
const AUCTIONS = head(realText('treasury', 'auctions_treasurydirect_2025-2026.csv'), 11, '\r\n');
const CASH_HEADER = CASH.split('\n')[0]!;
const ACCOUNTS = [
  'Treasury General Account (TGA) Opening Balance',
  'Total TGA Deposits (Table II)',
  'Total TGA Withdrawals (Table II) (-)',
  'Treasury General Account (TGA) Closing Balance',
];

describe('Treasury reader properties', () => {
  it('DTS operating cash round-trips (site labels, BOM, newest first, CRLF or LF): same rows', () => {
    fc.assert(
      fc.property(
        ascendingDates(1, 25),
        fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 100, maxLength: 100 }),
        fc.constantFrom('\n', '\r\n'),
        (dates, amounts, eol) => {
          const rows = dates.flatMap((d, i) =>
            ACCOUNTS.map((a, k) => ({ date: d, account: a, open: amounts[(i * 4 + k) % 100]! })),
          );
          const body = [...rows]
            .reverse()
            .map(
              (r) =>
                `${r.date},${r.account},${r.open},${r.open},${r.open},I,Operating Cash Balance,Cash Balance Details,1,2026,3,2026,2,06,23`,
            );
          const parsed = parseDtsCashCsv(`${CASH_HEADER}${eol}${body.join(eol)}${eol}`, 'c.csv');
          expect(
            parsed.rows.map((r) => ({ date: r.date, account: r.account, open: r.openToday })).reverse(),
          ).toEqual(rows);
        },
      ),
      { numRuns: PARSER_RUNS },
    );
  });

  it('Debt to the Penny site CSV round-trips dollars with cents, quotes and null: the API records', () => {
    const cents = fc.integer({ min: 1, max: 9_999_999_999_999 }).map((c) => (c / 100).toFixed(2));
    // "$1,234,567.89": thousands separators put in by hand (toLocaleString is slow at 10k runs).
    const dollars = (s: string) => `"$${s.replace(/\B(?=(\d{3})+\.)/g, ',')}"`;
    roundTrips(
      { min: 1, max: 30, value: fc.tuple(cents, fc.option(cents, { nil: null })) },
      (dates, amounts) => {
        const lines = dates.map(
          (d, i) =>
            `"${d}",${dollars(amounts[i]![0])},${amounts[i]![1] === null ? '"null"' : amounts[i]![1]},"1"`,
        );
        return {
          text: `\uFEFF"Record Date","Total Public Debt Outstanding","Intragovernmental Holdings","Source Line Number"\n${lines.join('\n')}\n`,
          records: dates.map((d, i) => [
            d,
            Number(amounts[i]![0]),
            amounts[i]![1] === null ? null : Number(amounts[i]![1]),
          ]),
        };
      },
      (text) => {
        const r = readSiteCsv(text, 'p.csv', 'debt-to-penny');
        return toDebtToPenny(r.rows, 'p.csv', r.where).map((x) => [x.date, x.total, x.intragovernmental]);
      },
    );
  });

  for (const [name, text] of [
    ['DTS_OpCashBal.csv', CASH],
    ['DTS_PubDebtTrans.csv', DEBT],
    ['auctions.csv', AUCTIONS],
  ] as const) {
    it(`any damage to a real ${name}: parsed, or a TidewatchError naming the file`, () => {
      anyDamage(name, text, (t) => parseTreasuryFile(t, name));
    });
  }
});
