import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFile } from '../../../../test/shared-data.js';
import { withStore } from '../../../store/memory.testkit.js';
import { openStore, type Store } from '../../../store/store.js';
import { applyAmendments, type QuarterFiling } from './amendments.js';
import { parseThirteenF } from './filing.js';
import { normaliseFiling } from './normalise.js';
import { syncRowsByCusip } from './positions.js';
import { filerHistory, holdersOf, topPuts } from './queries.js';
import { contentHash, listFilings, quarterHoldings, saveFiling } from './repository.js';
import { SCION_PERIODS, secText } from './test-files.js';

/**
 * The three cross-quarter queries on a small store of real filings: every Scion full submission
 * (8 quarters + the Scion Asset Partners notice) and Pershing's 2021-12-31 original, its NEW
 * HOLDINGS amendment (CANADIAN PAC RY LTD, filed 2022-03-07) and its 2023-09-30 report.
 */
let store: Store;
beforeAll(async () => {
  store = await openStore(':memory:');
  const files = [
    ...readdirSync(dataFile('sec', 'scion'))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => ['scion', f] as const),
    ...readdirSync(dataFile('sec', '13f'))
      .filter((f) => f.startsWith('pershing_'))
      .map((f) => ['13f', f] as const),
  ];
  for (const [folder, f] of files) {
    const text = secText(folder, f);
    await saveFiling(store.db, normaliseFiling(parseThirteenF(text, { source: f })), contentHash(text));
  }
});
afterAll(async () => {
  await store.close();
});

const SPY = '78462F103';

describe('13f holders: every filer and quarter holding one CUSIP', () => {
  it("SPY: Scion's 2023-06-30 put (886,560,000 US$ notional) is known from its filing day 2023-08-14", async () => {
    const later = await holdersOf(store.db, SPY, '2023-12-31');
    expect(later.issuer).toBe('SPDR S&P 500 ETF TR');
    expect(later.holders).toEqual([
      {
        cik: 1649339,
        filer: 'Scion Asset Management, LLC',
        period: '2023-06-30',
        filed: '2023-08-14',
        putCall: 'Put',
        shareType: 'SH',
        shares: 2_000_000,
        valueUsd: 886_560_000,
      },
    ]);
    expect((await holdersOf(store.db, SPY, '2023-08-13')).holders).toEqual([]);
  });

  it('a NEW HOLDINGS amendment adds its CUSIP to the quarter from the amendment’s filing day', async () => {
    const cp = '13645T100'; // CANADIAN PAC RY LTD, only in Pershing's 2021-12-31 amendment
    expect((await holdersOf(store.db, cp, '2022-03-06')).holders).toEqual([]);
    const h = (await holdersOf(store.db, cp, '2022-03-07')).holders;
    expect(h.map((x) => [x.cik, x.period, x.filed, x.shares])).toEqual([
      [1336528, '2021-12-31', '2022-03-07', 2_813_747],
    ]);
  });
});

describe('13f history: one filer, every quarter', () => {
  it('Scion: 8 quarters whose totals equal the per-quarter holdings (repository + amendments)', async () => {
    const h = await filerHistory(store.db, 1649339, '2026-01-01');
    expect(h.quarters.map((q) => q.period)).toEqual(SCION_PERIODS);
    for (const q of h.quarters) {
      const ref = await quarterHoldings(store.db, 1649339, q.period, '2026-01-01');
      expect(q.totalUsd).toBeCloseTo(
        ref.holdings.reduce((s, x) => s + x.valueUsd, 0),
        2,
      );
    }
    const q2 = h.quarters.find((q) => q.period === '2023-06-30')!;
    expect(q2.putNotionalUsd).toBe(886_560_000 + 738_840_000);
    // as of 2026 the last quarter on file (2023-09-30) is long past its successor's due date
    expect(h.stale).toBe(true);
  });

  it('as of 2022-12-31 only the four reports filed by then, and not stale', async () => {
    const h = await filerHistory(store.db, 1649339, '2022-12-31');
    expect(h.quarters.map((q) => [q.period, q.filed])).toEqual([
      ['2021-12-31', '2022-02-14'],
      ['2022-03-31', '2022-05-16'],
      ['2022-06-30', '2022-08-15'],
      ['2022-09-30', '2022-11-14'],
    ]);
    expect(h.stale).toBe(false);
    expect(h.positions.every((p) => p.filed <= '2022-12-31')).toBe(true);
  });

  it('Pershing 2021-12-31: 6 positions before the amendment, 7 after (it adds, it does not replace)', async () => {
    const before = await filerHistory(store.db, 1336528, '2022-03-06');
    const after = await filerHistory(store.db, 1336528, '2022-03-07');
    expect(before.quarters.map((q) => q.positions)).toEqual([6]);
    expect(after.quarters.map((q) => [q.positions, q.accessions])).toEqual([
      [7, ['0001172661-22-000776', '0001172661-22-001013']],
    ]);
  });
});

describe('13f top-puts: the largest put notionals of a quarter', () => {
  it('2023-06-30: Scion SPY then QQQ; nothing as of the day before they were filed', async () => {
    const r = await topPuts(store.db, '2023-06-30', '2023-12-31', 5);
    expect(r.puts.map((p) => [p.cik, p.cusip, p.issuer, p.shares, p.notionalUsd, p.filed])).toEqual([
      [1649339, SPY, 'SPDR S&P 500 ETF TR', 2_000_000, 886_560_000, '2023-08-14'],
      [1649339, '46090E103', 'INVESCO QQQ TR', 2_000_000, 738_840_000, '2023-08-14'],
    ]);
    expect((await topPuts(store.db, '2023-06-30', '2023-08-13')).puts).toEqual([]);
  });
});

describe('the positions summary follows filings written one by one', () => {
  it('a filing saved after a query is summarised before the next query reads', async () => {
    await withStore(async (s) => {
      const text = secText('scion', 'scion_13F-HR_20230630_0000905148-23-000689.txt');
      expect((await holdersOf(s.db, SPY, '2024-01-01')).holders).toEqual([]);
      await saveFiling(s.db, normaliseFiling(parseThirteenF(text, { source: 'a' })), contentHash(text));
      expect((await holdersOf(s.db, SPY, '2024-01-01')).holders.map((h) => h.valueUsd)).toEqual([
        886_560_000,
      ]);
      // the same accession replaced with other rows (a corrected file): the summary is rebuilt
      const parsed = parseThirteenF(text, { source: 'b' });
      parsed.rows = parsed.rows.filter((r) => r.cusip !== SPY);
      await saveFiling(s.db, normaliseFiling(parsed), contentHash(`${text} corrected`));
      expect((await holdersOf(s.db, SPY, '2024-01-01')).holders).toEqual([]);
    });
  });
});

describe('the copy by CUSIP is checked cheaply and still sees every change', () => {
  it('a query after no write skips the check; a filing deleted by plain SQL is dropped before the next query', async () => {
    await withStore(async (s) => {
      const text = secText('scion', 'scion_13F-HR_20230630_0000905148-23-000689.txt');
      await saveFiling(s.db, normaliseFiling(parseThirteenF(text, { source: 'a' })), contentHash(text));
      expect(await syncRowsByCusip(s.db)).toBe(1); // copied on the first check
      expect(await syncRowsByCusip(s.db)).toBe(0);
      // the state says the copy is current, so the digests agree and nothing is rebuilt
      expect((await holdersOf(s.db, SPY, '2024-01-01')).holders.map((h) => h.valueUsd)).toEqual([
        886_560_000,
      ]);
      await s.db.run("DELETE FROM sec_13f_rows WHERE accession = '0000905148-23-000689'");
      await s.db.run("DELETE FROM sec_13f_filings WHERE accession = '0000905148-23-000689'");
      expect((await holdersOf(s.db, SPY, '2024-01-01')).holders).toEqual([]);
      expect(await s.db.all('SELECT accession FROM sec_13f_rows_by_cusip_state')).toEqual([]);
    });
  });
});

describe('amendments in SQL agree with amendments.ts', () => {
  type Meta = {
    accession: string;
    filed: string;
    form: string;
    amend: null | 'RESTATEMENT' | 'NEW HOLDINGS';
    no?: number;
  };
  const cases: Record<string, Meta[]> = {
    'original only': [{ accession: 'a', filed: '2023-02-14', form: '13F-HR', amend: null }],
    'NEW HOLDINGS adds': [
      { accession: 'a', filed: '2023-02-14', form: '13F-HR', amend: null },
      { accession: 'b', filed: '2023-03-01', form: '13F-HR/A', amend: 'NEW HOLDINGS', no: 1 },
    ],
    'RESTATEMENT replaces what came before, a later NEW HOLDINGS adds to it': [
      { accession: 'a', filed: '2023-02-14', form: '13F-HR', amend: null },
      { accession: 'b', filed: '2023-03-01', form: '13F-HR/A', amend: 'NEW HOLDINGS', no: 1 },
      { accession: 'c', filed: '2023-04-01', form: '13F-HR/A', amend: 'RESTATEMENT', no: 2 },
      { accession: 'd', filed: '2023-05-01', form: '13F-HR/A', amend: 'NEW HOLDINGS', no: 3 },
    ],
    'same-day amendments ordered by number': [
      { accession: 'z', filed: '2023-02-14', form: '13F-HR', amend: null },
      { accession: 'y', filed: '2023-03-01', form: '13F-HR/A', amend: 'RESTATEMENT', no: 2 },
      { accession: 'x', filed: '2023-03-01', form: '13F-HR/A', amend: 'NEW HOLDINGS', no: 1 },
    ],
    'an untyped amendment is ignored; a notice holds nothing': [
      { accession: 'a', filed: '2023-02-14', form: '13F-HR', amend: null },
      { accession: 'b', filed: '2023-03-01', form: '13F-HR/A', amend: null, no: 1 },
      { accession: 'n', filed: '2023-03-02', form: '13F-NT', amend: null },
    ],
  };

  it.each(Object.entries(cases))('%s — at every filing day', async (_, filings) => {
    await withStore(async (s) => {
      for (const f of filings)
        await s.db.run(
          `INSERT INTO sec_13f_filings (accession, cik, form, report_type, period, filed, is_amendment, amendment_no,
             amendment_type, row_count, value_unit, unit_rule, unit_detail, source, imported_at)
           VALUES ($1, 7, $2, $3, DATE '2022-12-31', CAST($4 AS DATE), $5, $6, $7, 1, 'usd', 'filing-date', '', 't',
             TIMESTAMP '2026-01-01 00:00:00')`,
          [
            f.accession,
            f.form,
            f.form === '13F-NT' ? '13F NOTICE' : '13F HOLDINGS REPORT',
            f.filed,
            f.form.endsWith('/A'),
            f.no ?? null,
            f.amend,
          ],
        );
      for (const day of filings.map((f) => f.filed)) {
        const known = filings.filter((f) => f.filed <= day);
        const ts = applyAmendments<string>(
          known.map(
            (f): QuarterFiling<string> => ({
              accession: f.accession,
              form: f.form,
              filed: f.filed,
              isAmendment: f.form.endsWith('/A'),
              amendmentType: f.amend,
              amendmentNo: f.no ?? null,
              reportType: f.form === '13F-NT' ? '13F NOTICE' : '13F HOLDINGS REPORT',
              holdings: [f.accession],
            }),
          ),
        ).holdings.sort();
        const sql = (await filerHistory(s.db, 7, day)).quarters.flatMap((q) => q.accessions).sort();
        expect([day, ...sql]).toEqual([day, ...ts]);
      }
    });
  });

  it('and on the real store, for every filer and quarter', async () => {
    const all = await listFilings(store.db);
    for (const cik of new Set(all.map((f) => f.cik))) {
      const h = await filerHistory(store.db, cik, '2026-01-01');
      for (const q of h.quarters) {
        const ref = await quarterHoldings(store.db, cik, q.period, '2026-01-01');
        const used = ref.applied.filter((a) => a.action !== 'notice' && a.action !== 'ignored');
        // the accessions whose rows make up the quarter in amendments.ts: after the last replace
        const lastReplace = used.map((a) => a.action).lastIndexOf('replace');
        const lastBase = Math.max(lastReplace, used.map((a) => a.action).lastIndexOf('base'));
        expect(q.accessions.sort()).toEqual(
          used
            .slice(Math.max(0, lastBase))
            .map((a) => a.accession)
            .sort(),
        );
      }
    }
  });
});

describe('one filing or several in a quarter (byFilingCount): the same positions either way', () => {
  it('an original and a NEW HOLDINGS amendment holding one CUSIP make one position, summed; a one-filing quarter passes as it is', async () => {
    await withStore(async (s) => {
      // CIK 7: 2022-12-31 original (a, 100 shares, $1,000) + NEW HOLDINGS (b, 50 shares, $600);
      // 2023-03-31 one original (c, 10 shares, $200).
      const filings: Array<[string, string, string, boolean, string | null]> = [
        ['a', '2022-12-31', '2023-02-14', false, null],
        ['b', '2022-12-31', '2023-03-01', true, 'NEW HOLDINGS'],
        ['c', '2023-03-31', '2023-05-15', false, null],
      ];
      for (const [acc, period, filed, amended, type] of filings)
        await s.db.run(
          `INSERT INTO sec_13f_filings (accession, cik, filer_name, form, report_type, period, filed, is_amendment,
             amendment_no, amendment_type, row_count, value_unit, unit_rule, unit_detail, source, imported_at)
           VALUES ($1, 7, 'F', $2, '13F HOLDINGS REPORT', CAST($3 AS DATE), CAST($4 AS DATE), $5, $6, $7, 1, 'usd',
             'filing-date', '', 't', TIMESTAMP '2026-01-01 00:00:00')`,
          [acc, amended ? '13F-HR/A' : '13F-HR', period, filed, amended, amended ? 1 : null, type],
        );
      const rows: Array<[string, number, number]> = [
        ['a', 100, 1000],
        ['b', 50, 600],
        ['c', 10, 200],
      ];
      for (const [acc, shares, usd] of rows)
        await s.db.run(
          `INSERT INTO sec_13f_rows (accession, line, cusip, issuer, title_of_class, value_reported, value_usd, shares, share_type)
           VALUES ($1, 1, '000000001', 'ISSUER', 'COM', $2, $2, $3, 'SH')`,
          [acc, usd, shares],
        );
      const holders = await holdersOf(s.db, '000000001', '2023-06-30');
      expect(holders.holders.map((h) => [h.period, h.filed, h.shares, h.valueUsd])).toEqual([
        ['2022-12-31', '2023-03-01', 150, 1600],
        ['2023-03-31', '2023-05-15', 10, 200],
      ]);
      const history = await filerHistory(s.db, 7, '2023-06-30');
      expect(history.positions.map((p) => [p.period, p.filed, p.shares, p.valueUsd, p.issuer])).toEqual([
        ['2022-12-31', '2023-03-01', 150, 1600, 'ISSUER'],
        ['2023-03-31', '2023-05-15', 10, 200, 'ISSUER'],
      ]);
      expect(history.quarters.map((q) => [q.period, q.positions, q.totalUsd])).toEqual([
        ['2022-12-31', 1, 1600],
        ['2023-03-31', 1, 200],
      ]);
      // Before the amendment was filed, the quarter has one filing: the original alone.
      const before = await holdersOf(s.db, '000000001', '2023-02-20');
      expect(before.holders.map((h) => [h.period, h.filed, h.shares, h.valueUsd])).toEqual([
        ['2022-12-31', '2023-02-14', 100, 1000],
      ]);
    });
  });
});
