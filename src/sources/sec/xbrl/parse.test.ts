import { describe, expect, it } from 'vitest';
import { readXbrl } from './facts.testkit.js';
import { detectXbrlKind, parseXbrlDocument } from './parse.js';

describe('one entry point for the three XBRL shapes', () => {
  it('detects each real file by content', () => {
    expect(detectXbrlKind(readXbrl('CIK0001652044.json'))).toBe('companyfacts');
    expect(detectXbrlKind(readXbrl('msft-20150630_xbrl-instance_10-K_FY2015.xml'))).toBe('instance');
    expect(detectXbrlKind(readXbrl('amzn-20221231_htm_xbrl-instance_10-K_FY2022.xml'))).toBe('instance');
    expect(detectXbrlKind(readXbrl('orcl-20240831_10-Q_ixbrl.htm'))).toBe('ixbrl');
    expect(detectXbrlKind('<html><body>no xbrl</body></html>')).toBeNull();
  });

  it('instance and iXBRL give the same fact record for the same figure (AMZN FY2022 capex 63,645 M in both the 2022 instance and the 2024 10-K)', () => {
    const inst = parseXbrlDocument(readXbrl('amzn-20221231_htm_xbrl-instance_10-K_FY2022.xml'), 'a.xml');
    const ix = parseXbrlDocument(readXbrl('amzn-20241231_10-K_ixbrl.htm'), 'a.htm');
    const pick = (facts: typeof inst.facts) => {
      const f = facts.find(
        (x) => x.concept === 'PaymentsToAcquireProductiveAssets' && x.end === '2022-12-31' && x.dims === '',
      )!;
      return {
        taxonomy: f.taxonomy,
        unit: f.unit,
        value: f.value,
        start: f.start,
        end: f.end,
        periodType: f.periodType,
        cik: f.cik,
      };
    };
    expect(pick(inst.facts)).toEqual(pick(ix.facts));
    expect(pick(ix.facts).value).toBe(63_645_000_000);
  });

  it('something else is bad input naming the file', () => {
    expect(() => parseXbrlDocument('ticker,value\nX,1', 'prices.csv')).toThrow(
      /prices\.csv: not an XBRL document/,
    );
  });
});

describe('document metadata of each filing (dei facts of an instance, the cover page of an iXBRL document)', () => {
  it.each([
    [
      'msft-20150630_xbrl-instance_10-K_FY2015.xml',
      {
        kind: 'instance',
        cik: 789019,
        entityName: 'MICROSOFT CORPORATION',
        documentType: '10-K',
        periodEnd: '2015-06-30',
        ticker: 'MSFT',
      },
    ],
    [
      'amzn-20241231_10-K_ixbrl.htm',
      { kind: 'ixbrl', cik: 1018724, documentType: '10-K', periodEnd: '2024-12-31', ticker: 'AMZN' },
    ],
    // DFIN prefixes (C_…/U_USD ids) and the cover-page date split across spans.
    [
      'orcl-20240831_10-Q_ixbrl.htm',
      { kind: 'ixbrl', cik: 1341439, documentType: '10-Q', periodEnd: '2024-08-31', ticker: 'ORCL' },
    ],
  ])('%s', (file, meta) => {
    expect(parseXbrlDocument(readXbrl(file), file)).toMatchObject(meta);
  });
});
