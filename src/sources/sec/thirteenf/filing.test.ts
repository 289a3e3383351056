import { describe, expect, it } from 'vitest';
import { parseThirteenF, parseThirteenFParts } from './filing.js';
import { normaliseFiling } from './normalise.js';
import { secText } from './test-files.js';

const parse = (folder: string, file: string, opts: { cik?: number; period?: string } = {}) =>
  normaliseFiling(parseThirteenF(secText(folder, file), { source: file, ...opts }));

describe('header of a full submission (.txt) and of a dissemination .nc (bare CR line ends, unclosed tags)', () => {
  it.each([
    [
      'scion',
      'scion_13F-HR_20230630_0000905148-23-000689.txt',
      {
        accession: '0000905148-23-000689',
        cik: 1649339,
        form: '13F-HR',
        period: '2023-06-30',
        filed: '2023-08-14',
        filerName: 'Scion Asset Management, LLC',
      },
    ],
    [
      '13f',
      'et_0001951757-25-000093.nc.txt',
      {
        accession: '0001951757-25-000093',
        cik: 1994827,
        filerName: 'ACORN CREEK CAPITAL LLC',
        filed: '2025-01-22',
        period: '2024-12-31',
      },
    ],
  ])('%s/%s', (folder, file, header) => {
    expect(parse(folder, file)).toMatchObject(header);
  });
});

describe('13F full submissions (.txt)', () => {
  it('Scion 2023-06-30: SPY and QQQ puts, 2,000,000 sh each (scion/PROVENANCE.md)', () => {
    const f = parse('scion', 'scion_13F-HR_20230630_0000905148-23-000689.txt');
    expect(f.rows).toHaveLength(33);
    expect(f.cover?.tableValueTotal).toBe(1736760059);
    const puts = f.holdings.filter((h) => h.putCall === 'Put');
    expect(puts.map((p) => [p.issuer, p.cusip, p.valueUsd, p.shares])).toEqual([
      ['INVESCO QQQ TR', '46090E103', 738_840_000, 2_000_000],
      ['SPDR S&P 500 ETF TR', '78462F103', 886_560_000, 2_000_000],
    ]);
    expect(puts[0]?.otherManagers).toEqual([1, 2]);
    expect(f.cover?.otherManagers.map((m) => [m.sequence, m.cik, m.name])).toEqual([
      [1, 1768021, 'Scion Asset Partners, LP'],
      [2, 1768023, 'SCION CAPITAL GROUP, LLC'],
    ]);
    expect(f.unit.unit).toBe('usd');
    expect(f.unit.rule).toBe('implied-price');
  });

  it('PEERS: parsing the SGML wrapper in recover mode dropped "&" ("S&P500" → "SP500") — S&P and ABERCROMBIE & FITCH survive', () => {
    const scion = parse('scion', 'scion_13F-HR_20230630_0000905148-23-000689.txt');
    expect(scion.rows.some((r) => r.issuer === 'SPDR S&P 500 ETF TR')).toBe(true);
    const ren = parse('13f', 'renaissance_13F-HR_20230930_0001037389-23-000124.txt');
    expect(ren.rows.some((r) => r.issuer === 'ABERCROMBIE & FITCH CO')).toBe(true);
  });

  it('Scion 2023-09-30: BKNG put 7,709,875 for 2,500 sh and SOXX put 47,365,000 for 100,000 sh', () => {
    const f = parse('scion', 'scion_13F-HR_20230930_0000905148-23-001400.txt');
    expect(f.rows).toHaveLength(13);
    const puts = f.holdings.filter((h) => h.putCall === 'Put').map((p) => [p.issuer, p.valueUsd, p.shares]);
    expect(puts).toEqual([
      ['BOOKING HOLDINGS INC', 7_709_875, 2500],
      ['ISHARES TR', 47_365_000, 100_000],
    ]);
  });

  it('Scion 2022-03-31 (thousands): APPLE put 35,970 k$ for 206,000 sh', () => {
    const f = parse('scion', 'scion_13F-HR_20220331_0001567619-22-010747.txt');
    expect(f.rows).toHaveLength(12);
    expect(f.unit.unit).toBe('usd_thousands');
    const put = f.holdings.find((h) => h.putCall === 'Put');
    expect(put?.issuer).toBe('APPLE INC');
    expect(put?.value).toBe(35970);
    expect(put?.valueUsd).toBe(35_970_000);
    expect(put?.shares).toBe(206000);
  });

  it('every Scion 13F-HR parses with the row count and value total of scion/PROVENANCE.md', () => {
    const expected: [string, number, number, 'usd' | 'usd_thousands'][] = [
      ['scion_13F-HR_20211231_0001567619-22-003986.txt', 6, 74459, 'usd_thousands'],
      ['scion_13F-HR_20220331_0001567619-22-010747.txt', 12, 201379, 'usd_thousands'],
      ['scion_13F-HR_20220630_0001567619-22-015999.txt', 1, 3309, 'usd_thousands'],
      ['scion_13F-HR_20220930_0001567619-22-019784.txt', 6, 41298, 'usd_thousands'],
      ['scion_13F-HR_20221231_0000905148-23-000213.txt', 9, 46536925, 'usd'],
      ['scion_13F-HR_20230331_0000905148-23-000408.txt', 21, 106935614, 'usd'],
      ['scion_13F-HR_20230630_0000905148-23-000689.txt', 33, 1736760059, 'usd'],
      ['scion_13F-HR_20230930_0000905148-23-001400.txt', 13, 98976144, 'usd'],
    ];
    for (const [file, n, total, unit] of expected) {
      const f = parse('scion', file);
      expect(f.rows, file).toHaveLength(n);
      expect(f.cover?.tableValueTotal, file).toBe(total);
      expect(f.unit.unit, file).toBe(unit);
      expect(f.warnings, file).toEqual([]);
    }
  });

  it('Scion 2022-12-31 is a 2022 period filed 2023-02-14 in dollars: units follow the filing date', () => {
    const f = parse('scion', 'scion_13F-HR_20221231_0000905148-23-000213.txt');
    expect(f.period).toBe('2022-12-31');
    expect(f.filed).toBe('2023-02-14');
    expect(f.unit.unit).toBe('usd');
    expect(f.unit.disagreement).toBeNull();
  });

  it('edgartools #749 / sec-13f-filings #13: Renaissance 2023-09-30 is still in thousands', () => {
    const f = parse('13f', 'renaissance_13F-HR_20230930_0001037389-23-000124.txt');
    expect(f.rows).toHaveLength(3611);
    expect(f.filed).toBe('2023-11-14');
    expect(f.unit.unit).toBe('usd_thousands');
    expect(f.unit.rule).toBe('implied-price');
    expect(f.unit.sample).toBe(3611);
    expect(f.unit.disagreement).toMatch(/filing-date says usd/);
    const novo = f.holdings.find((h) => h.issuer === 'NOVO-NORDISK A S');
    expect(novo?.value).toBe(1475909);
    expect(novo?.shares).toBe(16229476);
    expect(novo?.valueUsd).toBe(1_475_909_000);
    expect(novo?.otherManagers).toEqual([]); // otherManager 0 = none
  });

  it('Soros: 14 puts / 5 calls (2022, thousands) and 24 puts / 29 calls (2023, dollars)', () => {
    const a = parse('13f', 'soros_13F-HR_20220930_0000902664-22-004896.txt');
    expect(a.rows).toHaveLength(270);
    expect(a.rows.filter((r) => r.putCall === 'Put')).toHaveLength(14);
    expect(a.rows.filter((r) => r.putCall === 'Call')).toHaveLength(5);
    expect(a.unit.unit).toBe('usd_thousands');
    const b = parse('13f', 'soros_13F-HR_20230930_0000902664-23-005529.txt');
    expect(b.rows).toHaveLength(209);
    expect(b.rows.filter((r) => r.putCall === 'Put')).toHaveLength(24);
    expect(b.rows.filter((r) => r.putCall === 'Call')).toHaveLength(29);
    expect(b.unit.unit).toBe('usd');
  });

  it('LTS One: ns1: prefixed table, no final newline; value 17,479,000 in dollars', () => {
    const f = parse('13f', 'et_13F.0001894188-23-000007.txt');
    expect(f.accession).toBe('0001894188-23-000007');
    expect(f.cik).toBe(1894188);
    expect(f.rows).toHaveLength(14);
    expect(f.cover?.tableValueTotal).toBe(454926000);
    expect(f.rows.some((r) => r.value === 17479000)).toBe(true);
    expect(f.unit.unit).toBe('usd');
  });

  it('Amazon as a 13F filer, 2023-09-30: 9 rows, total 4,280,330,041', () => {
    const f = parse('13f', 'amazon_13F-HR_20230930_0001104659-23-109862.txt');
    expect(f.cik).toBe(1018724);
    expect(f.rows).toHaveLength(9);
    expect(f.rows.reduce((s, r) => s + r.value, 0)).toBe(4280330041);
  });
});

describe('dissemination .nc', () => {
  it('Acorn Creek: bare CR line ends, unclosed header tags, 77 rows', () => {
    const f = parse('13f', 'et_0001951757-25-000093.nc.txt');
    expect(f.rows).toHaveLength(77);
    expect(f.cover?.tableValueTotal).toBe(194611845);
    expect(f.rows.reduce((s, r) => s + r.value, 0)).toBe(194611845);
    expect(f.unit.unit).toBe('usd');
  });
});

describe('13F-NT', () => {
  it('Scion Asset Partners 13F-NT: no table, names Scion Asset Management as reporting manager', () => {
    const f = parse('scion', 'scionpartners_13F-NT_20230630_0000905148-23-000687.txt');
    expect(f.form).toBe('13F-NT');
    expect(f.cik).toBe(1768021);
    expect(f.cover?.reportType).toBe('13F NOTICE');
    expect(f.rows).toEqual([]);
    expect(f.cover?.otherManagers.map((m) => [m.fileNumber, m.name])).toEqual([
      ['028-17276', 'Scion Asset Management, LLC'],
    ]);
  });
});

describe('bare XML documents', () => {
  it('et_13F-HR.infotable.xml opens with a blank line before <?xml; needs --cik/--period', () => {
    const text = secText('13f', 'et_13F-HR.infotable.xml');
    expect(text.startsWith('\n') || text.startsWith('\r\n')).toBe(true);
    expect(() => parseThirteenF(text, { source: 'et_13F-HR.infotable.xml' })).toThrow(/--cik N --period/);
    const f = parse('13f', 'et_13F-HR.infotable.xml', { cik: 1, period: '2023-12-31' });
    expect(f.rows).toHaveLength(255);
    const mmm = f.rows.find((r) => r.issuer.startsWith('3M'));
    expect([mmm?.value, mmm?.shares]).toEqual([409469, 2334]);
    expect(f.unit.unit).toBe('usd');
    expect(f.unit.detail).toMatch(/median value\/shares over 252 share rows/);
  });

  it('fss_infotable_3.xml: ns1: prefix, standalone="yes", 278 rows, otherManager 0', () => {
    const f = parse('13f', 'fss_infotable_3.xml', { cik: 1850858, period: '2021-09-30' });
    expect(f.rows).toHaveLength(278);
    // 13f/PROVENANCE.md says the values sum to 49,338,858 and calls the pairing with Bard's cover
    // unconfirmed; measured here the sum is 1,129,298 = Bard's tableValueTotal (pairing holds).
    expect(f.rows.reduce((s, r) => s + r.value, 0)).toBe(1129298);
    expect(f.rows.every((r) => r.otherManagers.length === 0)).toBe(true);
    expect(f.rows.some((r) => r.cusip === 'Q3394D101')).toBe(true);
    expect(f.unit.unit).toBe('usd_thousands');
  });

  it('fss_infotable.xml: default ns plus unused n1 declaration; ALTERYX 353', () => {
    const f = parse('13f', 'fss_infotable.xml', { cik: 1852858, period: '2020-12-31' });
    expect(f.rows.map((r) => [r.issuer, r.cusip, r.value])).toEqual([['ALTERYX INC', '02156B103', 353]]);
    expect(f.unit.rule).toBe('filing-date');
    expect(f.unit.detail).toMatch(/filing date unknown/);
  });

  it('SEC sample information table carries figi', () => {
    const f = parse('13f', 'secsample_information_table.xml', { cik: 1, period: '2021-12-31' });
    expect(f.rows).toHaveLength(169);
    expect(f.rows[0]?.figi).toBe('02079K107743');
  });

  it('SEC sample 13F-HR/A: RESTATEMENT, amendment 45, table embedded base64', () => {
    const f = parse('13f', 'secsample_Sample_13F-HRA.xml');
    expect(f.form).toBe('13F-HR/A');
    expect(f.cover?.isAmendment).toBe(true);
    expect(f.cover?.amendmentNo).toBe(45);
    expect(f.cover?.amendmentType).toBe('RESTATEMENT');
    expect(f.rows.length).toBeGreaterThan(0);
  });

  it('cover pages: Everhart (ns1: common), Bard (com:, no isAmendment), MetLife combination report', () => {
    const ev = parseThirteenF(secText('13f', 'fss_primary_doc.xml'), { source: 'fss_primary_doc.xml' });
    expect([ev.cik, ev.period, ev.cover?.tableEntryTotal, ev.cover?.tableValueTotal]).toEqual([
      1852858,
      '2020-12-31',
      80,
      108376,
    ]);
    expect(ev.cover?.signatureDate).toBe('2021-03-26');
    const bard = parseThirteenF(secText('13f', 'fss_primary_doc_3.xml'), { source: 'bard' });
    expect(bard.cover?.isAmendment).toBe(false);
    expect(bard.cover?.tableEntryTotal).toBe(278);
    const met = parseThirteenF(secText('13f', 'et_metlife.13F-HR.primarydoc.xml'), { source: 'metlife' });
    expect(met.cover?.reportType).toBe('13F COMBINATION REPORT');
    expect(met.cover?.otherManagers.map((m) => m.cik)).toEqual([931588, 728618, 1529735]);
    const ab = parseThirteenF(secText('13f', 'et_abacus.13F-HR.primarydoc.xml'), { source: 'abacus' });
    expect([ab.period, ab.cover?.signatureDate, ab.cover?.tableValueTotal]).toEqual([
      '2020-12-31',
      '2023-05-31',
      114663960,
    ]);
  });

  it('a primary_doc + information table pair', () => {
    const f = parseThirteenFParts(
      { cover: secText('13f', 'fss_primary_doc.xml'), infoTable: secText('13f', 'fss_infotable.xml') },
      { source: 'pair' },
    );
    expect(f.cik).toBe(1852858);
    expect(f.rows).toHaveLength(1);
    expect(f.warnings.join()).toMatch(/cover says 80 entries, table has 1/);
  });
});
