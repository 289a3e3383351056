import { beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';
import { importTreasuryFiles } from '../../src/update/import/treasury.js';
import { dataFile } from '../shared-data.js';
import { expectRefused, storeHash, writeCase } from './kit.js';
import { cutAfter, insertLineAfter, lineWith, realText, replaceOnce } from './make.js';

/**
 * `tidewatch import treasury` against broken copies of the real DTS Operating Cash Balance
 * export (BOM, newest first, no final newline) and the TreasuryDirect auctions export (`;`,
 * CRLF, 119 columns). The store holds the real files first.
 */
const TODAY = '2026-06-30';
const CASH = 'DTS_OpCashBal_20210624_20260623.csv';
const AUCTIONS = 'auctions_treasurydirect_2025-2026.csv';
const cash = () => realText('treasury', CASH);
const auctions = () => realText('treasury', AUCTIONS);
const CLOSE_0630 = '2025-06-30,Treasury General Account (TGA) Closing Balance,456980,456980,456980';

/** Set one cell (by header name) of the auction on data line `n` (1 = first auction). */
function auctionCell(text: string, n: number, column: string, value: string): string {
  const lines = text.split('\r\n');
  const col = lines[0]!.split(';').indexOf(column);
  const cells = lines[n]!.split(';');
  cells[col] = value;
  lines[n] = cells.join(';');
  return lines.join('\r\n');
}

const cases: Array<{ name: string; file: string; bytes: () => string; reason: RegExp[] }> = [
  {
    // Case 1 of the brief: cut mid-row, the TGA closing row of 2025-06-30 keeps 3 of 15 columns.
    name: 'DTS cut mid-row (TGA $457.0B → $4.6B)',
    file: CASH,
    bytes: () => cutAfter(cash(), '2025-06-30,Treasury General Account (TGA) Closing Balance,4569'),
    reason: [/line 985/, /has 3 of 15 columns/, /4569/],
  },
  {
    name: 'DTS closing row twice with different balances',
    file: CASH,
    bytes: () =>
      insertLineAfter(cash(), CLOSE_0630, lineWith(cash(), CLOSE_0630).replace(/456980/g, '465980')),
    reason: [/2025-06-30/, /456980 \(line 985\)/, /465980 \(line 986\)/],
  },
  {
    name: 'DTS zero TGA balance',
    file: CASH,
    bytes: () =>
      replaceOnce(cash(), CLOSE_0630, '2025-06-30,Treasury General Account (TGA) Closing Balance,0,0,0'),
    reason: [/line 985/, /value 0 /, /not positive/],
  },
  {
    name: 'DTS negative TGA balance',
    file: CASH,
    bytes: () =>
      replaceOnce(
        cash(),
        CLOSE_0630,
        '2025-06-30,Treasury General Account (TGA) Closing Balance,-456980,-456980,-456980',
      ),
    reason: [/line 985/, /-456980000000/, /not positive/],
  },
  {
    name: 'DTS revision by ×100 inside the range ($457.0B → $4.6B in a whole row)',
    file: CASH,
    bytes: () =>
      replaceOnce(
        cash(),
        CLOSE_0630,
        '2025-06-30,Treasury General Account (TGA) Closing Balance,4570,4570,4570',
      ),
    reason: [/line 985/, /4570000000/, /would replace the stored 456980000000/],
  },
  {
    name: 'DTS inf balance',
    file: CASH,
    bytes: () =>
      replaceOnce(
        cash(),
        CLOSE_0630,
        '2025-06-30,Treasury General Account (TGA) Closing Balance,inf,inf,inf',
      ),
    reason: [/985/, /'inf'/],
  },
  {
    name: 'DTS date in year 9999',
    file: CASH,
    bytes: () =>
      cash()
        .replace(/^(\uFEFF?[^\n]*\n)2026-06-23/, '$19999-06-23')
        .replace(/\n2026-06-23/g, '\n9999-06-23'),
    reason: [/line 5/, /9999-06-23/, /dated after/],
  },
  {
    name: 'auction amount that overflows to Infinity (1,5E+400)',
    file: AUCTIONS,
    bytes: () => auctionCell(auctions(), 1, 'TotalAccepted', '1,5E+400'),
    reason: [/:2 field 'TotalAccepted'/, /'1,5E\+400'/, /not a finite number/],
  },
  {
    name: 'auction NaN',
    file: AUCTIONS,
    bytes: () => auctionCell(auctions(), 1, 'OfferingAmount', 'NaN'),
    reason: [/:2 field 'OfferingAmount'/, /'NaN'/],
  },
  {
    name: 'auction negative amount',
    file: AUCTIONS,
    bytes: () => auctionCell(auctions(), 3, 'OfferingAmount', '-85000000000'),
    reason: [/line 4/, /offeringAmount/i, /-85000000000 is negative/],
  },
  {
    name: 'the same auction twice with different figures',
    file: AUCTIONS,
    bytes: () => {
      const t = auctions();
      const [header, first] = t.split('\r\n') as [string, string];
      const changed = auctionCell(`${header}\r\n${first}`, 1, 'TotalAccepted', '85000000001').split(
        '\r\n',
      )[1]!;
      return t.replace(`${first}\r\n`, `${first}\r\n${changed}\r\n`);
    },
    reason: [/912797VN4/, /line 2/, /line 3/, /different totalAccepted/],
  },
  {
    name: 'auctions cut mid-row',
    file: AUCTIONS,
    bytes: () => auctions().slice(0, 100_000),
    reason: [/line \d+/, /of 119 columns/, /cut short/],
  },
];

describe('import treasury: malformed copies of the real exports are refused, the store unchanged', () => {
  let store: Store;
  let before: string;

  beforeAll(async () => {
    store = await openStore(':memory:');
    const got = await importTreasuryFiles(
      store,
      [dataFile('treasury', CASH), dataFile('treasury', AUCTIONS)],
      { runId: null, today: TODAY },
    );
    expect(got.map((s) => s.status)).toEqual(['ok', 'ok']);
    before = await storeHash(store.db);
  });

  it.each(cases)('$name', async (c) => {
    const file = writeCase(c.name, c.file, c.bytes());
    const summaries = await importTreasuryFiles(store, [file], { runId: null, today: TODAY });
    expectRefused(summaries, file, { reason: c.reason });
    expect(await storeHash(store.db)).toBe(before);
  });

  it('the TGA of 2025-06-30 stays $457.0B', async () => {
    const [o] = await store.getObservations('DTS:TGA_CLOSE', { from: '2025-06-30', to: '2025-06-30' });
    expect(o?.value).toBe(456_980e6);
  });

  it('an identical repeated row is collapsed with a note, not refused and not counted twice', async () => {
    const file = writeCase(
      'identical-repeat',
      CASH,
      insertLineAfter(cash(), CLOSE_0630, CLOSE_0630 + lineWith(cash(), CLOSE_0630).slice(CLOSE_0630.length)),
    );
    const [s] = await importTreasuryFiles(store, [file], { runId: null, today: TODAY });
    expect(s).toMatchObject({ status: 'ok', newRows: 0, revisedRows: 0 });
    expect(s!.warnings).toContainEqual(expect.stringMatching(/1 repeated identical row\(s\) collapsed/));
  });
});
