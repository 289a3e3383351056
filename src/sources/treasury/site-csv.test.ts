import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../test/hand-written.js';
import { dataFile } from '../../../test/shared-data.js';
import { openStore, type Store } from '../../store/store.js';
import { importTreasuryFiles } from '../../update/import/treasury.js';
import { jobContext } from '../../update/job.testkit.js';
import { treasuryUpdateJob } from '../../update/registry.js';
import { parseAuctionsCsv } from './auctions.js';
import { readSiteCsv, siteCell, siteDatasetOf } from './site-csv.js';
import { FakeHttp } from './testing/fake-http.js';

/**
 * Case 5: every Fiscal Data dataset the update reads from the API also imports from the CSV a
 * person downloads from the site, into the same series/table with the same values.
 *
 * Sources: operating cash — the real site export DTS_OpCashBal_*.csv against the HAND-WRITTEN
 * API pages in fixtures/ (copied from that export's 2026-06-22/23 rows). Debt to the Penny and
 * auctions — no real site CSV and no recorded API response exists in ../shared/data (see its
 * treasury PROVENANCE.md), so the site-shaped CSV is CONSTRUCTED here from the same records as
 * the API page: from the hand-written fixtures/debt_to_penny.json, and from the first real rows
 * of the TreasuryDirect auctions export. What is tested is that both paths store the same.
 */
const fx = fixtures(import.meta.dirname);
const dir = mkdtempSync(path.join(tmpdir(), 'tw-site-csv-'));
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};

async function viaApi(routes: (u: URL) => { body: string } | undefined, only: string[]): Promise<Store> {
  const store = await openStore(':memory:');
  const out = await treasuryUpdateJob.run(
    jobContext(store, new FakeHttp(routes), { today: '2026-06-24', from: '2026-06-22', only }),
  );
  expect(out.map((s) => [s.series, s.status, s.reason])).toEqual(out.map((s) => [s.series, 'ok', undefined]));
  return store;
}

async function viaCsv(file: string): Promise<Store> {
  const store = await openStore(':memory:');
  const out = await importTreasuryFiles(store, [file], { runId: null, today: '2026-06-24' });
  expect(out.map((s) => [s.series, s.status, s.reason])).toEqual(out.map((s) => [s.series, 'ok', undefined]));
  return store;
}

describe('Fiscal Data site CSV and API store the same values (case 5)', () => {
  it('operating cash: the real site export and the API pages give the same TGA on 2026-06-22/23', async () => {
    const api = await viaApi(
      (u) => ({ body: fx(`ocb_page${u.searchParams.get('page[number]')}.json`) }),
      ['tga'],
    );
    const csv = await viaCsv(dataFile('treasury', 'DTS_OpCashBal_20210624_20260623.csv'));
    const q = { from: '2026-06-22', to: '2026-06-23' };
    const fromApi = await api.getObservations('DTS:TGA_CLOSE', q);
    expect(fromApi).toEqual([
      { date: '2026-06-22', value: 942_815e6, knownFrom: '2026-06-23' },
      { date: '2026-06-23', value: 925_876e6, knownFrom: '2026-06-24' },
    ]);
    expect(await csv.getObservations('DTS:TGA_CLOSE', q)).toEqual(fromApi);
  });

  it('debt to the penny: BOM, quoted labels, "null", dollars with cents → the same FISCAL:DEBT_TOTAL', async () => {
    const page = JSON.parse(fx('debt_to_penny.json')) as { data: Record<string, string>[] };
    const header = [
      'Record Date',
      'Debt Held by the Public',
      'Intragovernmental Holdings',
      'Total Public Debt Outstanding',
      'Source Line Number',
      'Fiscal Year',
      'Fiscal Quarter Number',
      'Calendar Year',
      'Calendar Quarter Number',
      'Calendar Month Number',
      'Calendar Day Number',
    ];
    const money = (s: string) =>
      s === 'null' ? 'null' : `$${Number(s).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    const lines = page.data.map((r) =>
      [
        r.record_date,
        money(r.debt_held_public_amt!),
        r.intragov_hold_amt,
        r.tot_pub_debt_out_amt,
        '1',
        '2026',
        '3',
        '2026',
        '2',
        '06',
        r.record_date!.slice(8),
      ]
        .map((c) => `"${c}"`)
        .join(','),
    );
    const file = write(
      'DebtPenny_20260622_20260623.csv',
      `\ufeff${header.map((h) => `"${h}"`).join(',')}\r\n${lines.join('\r\n')}\r\n`,
    );
    expect(readFileSync(file, 'utf8')).toContain('"$30,100,000,000,000.00"');
    const api = await viaApi(() => ({ body: fx('debt_to_penny.json') }), ['debt-to-penny']);
    const csv = await viaCsv(file);
    const fromApi = await api.getObservations('FISCAL:DEBT_TOTAL');
    expect(fromApi).toEqual([
      { date: '2026-06-22', value: 37.4e12, knownFrom: '2026-06-23' },
      { date: '2026-06-23', value: 37.42e12, knownFrom: '2026-06-24' },
    ]);
    expect(await csv.getObservations('FISCAL:DEBT_TOTAL')).toEqual(fromApi);
  });

  it('auctions: the same records as an API page and as a site CSV fill treasury_auctions identically', async () => {
    // Records of the first 12 real auctions (TreasuryDirect export), written both ways.
    const real = parseAuctionsCsv(
      readFileSync(dataFile('treasury', 'auctions_treasurydirect_2025-2026.csv'), 'utf8'),
      'td',
    ).records.slice(0, 12);
    // The 16 columns as data: API field, site header (the dataset dictionary's label) and the
    // record field each comes from, in the same order.
    const apiFields =
      'cusip security_type security_term cash_management_bill_cmb auction_date issue_date maturity_date offering_amt total_accepted total_tendered comp_tendered primary_dealer_tendered soma_accepted high_yield high_discnt_rate bid_to_cover_ratio';
    const siteHeaders =
      'CUSIP|Security Type|Security Term|Cash Management Bill (CMB)|Auction Date|Issue Date|Maturity Date|Offering Amount|Total Accepted|Total Tendered|Competitive Tendered|Primary Dealer Tendered|SOMA Accepted|High Yield|High Discount Rate|Bid To Cover Ratio';
    const recordFields =
      'cusip securityType securityTerm cashManagementBill auctionDate issueDate maturityDate offeringAmount totalAccepted totalTendered competitiveTendered primaryDealerTendered somaAccepted highYield highDiscountRate bidToCoverRatio';
    const keys = recordFields.split(' ') as Array<keyof (typeof real)[number]>;
    expect([apiFields.split(' ').length, siteHeaders.split('|').length, keys.length]).toEqual([16, 16, 16]);
    // As both the API and the site write it: Yes/No for the CMB flag, "null" for a missing value.
    const cell = (v: unknown) => (typeof v === 'boolean' ? (v ? 'Yes' : 'No') : String(v ?? 'null'));
    const cells = (r: (typeof real)[number]) => keys.map((k) => cell(r[k]));
    const page = {
      data: real.map((r) => Object.fromEntries(apiFields.split(' ').map((f, i) => [f, cells(r)[i]]))),
      meta: { 'total-pages': 1 },
      links: { next: null },
    };
    const quoted = (row: string[]) => row.map((c) => `"${c}"`).join(',');
    const csvText = `\ufeff${[
      ['Record Date', ...siteHeaders.split('|')],
      ...real.map((r) => [r.auctionDate, ...cells(r)]),
    ]
      .map(quoted)
      .join('\n')}\n`;
    const api = await viaApi(() => ({ body: JSON.stringify(page) }), ['auctions']);
    const csv = await viaCsv(write('Auctions_Query.csv', csvText));
    const rows = (s: Store) =>
      s.db.all('SELECT * EXCLUDE (origin) FROM treasury_auctions ORDER BY cusip, auction_date');
    const fromApi = await rows(api);
    expect(fromApi).toHaveLength(12);
    expect(fromApi.find((r) => (r as { cusip: string }).cusip === '912797VN4')).toMatchObject({
      total_accepted: real[0]!.totalAccepted,
    });
    expect(await rows(csv)).toEqual(fromApi);
  });
});

describe('site CSV reading', () => {
  it('site labels and API field names both map to the API field', () => {
    expect(siteDatasetOf(['Record Date', 'Total Public Debt Outstanding'])).toBe('debt-to-penny');
    expect(siteDatasetOf(['record_date', 'tot_pub_debt_out_amt'])).toBe('debt-to-penny');
    expect(siteDatasetOf(['Record Date', 'Type of Account', 'Opening Balance Today'])).toBeNull();
  });
  it('dollars with cents lose only $ and thousands separators; other cells stay', () => {
    expect(siteCell(' "$1,234.56" '.replace(/"/g, ''))).toBe('1234.56');
    expect(siteCell('$12.5')).toBe('12.5');
    expect(siteCell('1,5')).toBe('1,5');
    expect(siteCell('null')).toBe('null');
  });
  it('a site CSV cut mid-row is refused naming the line', () => {
    const t =
      'Record Date,Total Public Debt Outstanding,Debt Held by the Public\n2026-06-22,37400000000000.00,30100000000000.00\n2026-06-23,374';
    expect(() => readSiteCsv(t, 'd.csv', 'debt-to-penny')).toThrow(/d\.csv: line 3: has 2 of 3 columns/);
  });
});
