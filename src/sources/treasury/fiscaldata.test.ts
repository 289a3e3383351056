import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTgaSeries } from './dts-cash.js';
import { buildUrl, ENDPOINTS, fetchAllPages, toCashRows, toDebtToPenny } from './fiscaldata.js';
import { FakeHttp } from './testing/fake-http.js';

// All API responses here are HAND-WRITTEN from the provider's documentation (fixtures/README.md).
const fx = (n: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', n), 'utf8');

describe('Fiscal Data API', () => {
  it('builds documented filter/sort/page syntax', () => {
    expect(buildUrl(ENDPOINTS.operatingCash, { from: '2026-06-22', to: '2026-06-23', pageSize: 4 }, 2)).toBe(
      'https://api.fiscaldata.treasury.gov/services/api/fiscal_service/v1/accounting/dts/operating_cash_balance' +
        '?filter=record_date:gte:2026-06-22,record_date:lte:2026-06-23&sort=record_date&page[number]=2&page[size]=4',
    );
  });

  it('follows pagination until links.next is null; string numbers and "null" closing handled', async () => {
    const http = new FakeHttp((u) => ({ body: fx(`ocb_page${u.searchParams.get('page[number]')}.json`) }));
    const { rows, pages } = await fetchAllPages(http, ENDPOINTS.operatingCash, {
      from: '2026-06-22',
      pageSize: 4,
    });
    expect(pages).toBe(2);
    expect(http.requests.map((r) => r.opts.source)).toEqual(['treasury', 'treasury']);
    const tga = buildTgaSeries(toCashRows(rows, 'api'), 'api');
    // Same values as the website export for these days (2026-06-23 close 925876 $M).
    expect(tga.days.map((d) => [d.date, d.close])).toEqual([
      ['2026-06-22', 942_815e6],
      ['2026-06-23', 925_876e6],
    ]);
  });

  it('debt to the penny: dollars, "null" → null', async () => {
    const http = new FakeHttp(() => ({ body: fx('debt_to_penny.json') }));
    const { rows } = await fetchAllPages(http, ENDPOINTS.debtToPenny, {});
    expect(toDebtToPenny(rows, 'dtp')).toEqual([
      {
        date: '2026-06-22',
        total: 37.4e12,
        heldByPublic: 30.1e12,
        intragovernmental: 7.3e12,
        where: 'data[0]',
      },
      {
        date: '2026-06-23',
        total: 37.42e12,
        heldByPublic: 30.12e12,
        intragovernmental: null,
        where: 'data[1]',
      },
    ]);
  });

  it('missing data array is a format change naming the URL', async () => {
    const http = new FakeHttp(() => ({ body: '{"meta":{}}' }));
    await expect(fetchAllPages(http, ENDPOINTS.debtToPenny, {})).rejects.toThrow(
      /debt_to_penny\?sort=record_date&page\[number\]=1&page\[size\]=1000: required field 'data' missing/,
    );
  });

  it('a required field missing is rejected naming it', () => {
    expect(() => toDebtToPenny([{ record_date: '2026-06-22', tot_pub_debt_out_amt: 'null' }], 'u')).toThrow(
      /u data\[0\]: required field 'tot_pub_debt_out_amt' missing/,
    );
  });
});
