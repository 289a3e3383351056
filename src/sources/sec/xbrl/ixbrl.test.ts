import { describe, expect, it } from 'vitest';
import { consolidatedFacts, readXbrl } from './facts.testkit.js';
import { applyFormat, shiftDecimal } from './ix-formats.js';
import { parseInlineXbrl } from './ixbrl.js';
import type { XbrlFact } from './types.js';

/** Yearly figures (periods with a start) in millions. */
const yearly = (facts: XbrlFact[], concept: string) =>
  consolidatedFacts(facts, concept)
    .filter((f) => f.start !== null)
    .map((f) => f.value / 1e6);

describe('iXBRL 10-K: AMZN FY2024 (PROVENANCE second pass, key facts column)', () => {
  const doc = parseInlineXbrl(readXbrl('amzn-20241231_10-K_ixbrl.htm'), 'amzn.htm', {
    accession: '0001018724-25-000004',
    filed: '2025-02-07',
  });
  it('capex PaymentsToAcquireProductiveAssets 63,645 / 52,729 / 82,999 M (scale 6 applied), no PPE tag', () => {
    expect(yearly(doc.facts, 'PaymentsToAcquireProductiveAssets')).toEqual([63_645, 52_729, 82_999]);
    expect(doc.facts.some((f) => f.concept === 'PaymentsToAcquirePropertyPlantAndEquipment')).toBe(false);
  });
  it('OperatingIncomeLoss 12,248 / 36,852 / 68,593 consolidated; segment facts kept apart', () => {
    expect(yearly(doc.facts, 'OperatingIncomeLoss')).toEqual([12_248, 36_852, 68_593]);
    expect(
      doc.facts.filter(
        (f) => f.concept === 'OperatingIncomeLoss' && f.dims.includes('StatementBusinessSegmentsAxis'),
      ).length,
    ).toBeGreaterThan(0);
  });
  it('OCF 46,752 / 84,946 / 115,877; long-term debt proceeds 21,166 / 0 / 0 (ixt:fixed-zero dash)', () => {
    expect(yearly(doc.facts, 'NetCashProvidedByUsedInOperatingActivities')).toEqual([
      46_752, 84_946, 115_877,
    ]);
    expect(yearly(doc.facts, 'ProceedsFromIssuanceOfLongTermDebt')).toEqual([21_166, 0, 0]);
  });
  it('nested ix:nonFraction (Workiva nests two facts) yields both facts', () => {
    const par = doc.facts.filter((f) => f.concept === 'PreferredStockParOrStatedValuePerShare');
    expect(par.length).toBe(2);
    expect(par.every((f) => f.unit === 'USD/shares' && f.value === 0.01)).toBe(true);
  });
  it('scale 9 with a decimal: PaymentsToAcquireNonmarketableSecurities 1.25 B exactly', () => {
    expect(doc.facts.find((f) => f.concept === 'PaymentsToAcquireNonmarketableSecurities')?.value).toBe(
      1_250_000_000,
    );
  });
  it('sign="-" makes the fact negative (114 such elements in the file)', () => {
    expect(doc.facts.filter((f) => f.value < 0).length).toBeGreaterThan(50);
  });
  it('filing metadata given on import is on every fact', () => {
    expect(
      doc.facts.every(
        (f) => f.filed === '2025-02-07' && f.accession === '0001018724-25-000004' && f.form === '10-K',
      ),
    ).toBe(true);
  });
});

describe('iXBRL 10-K: META FY2024 (document lists 2024 first; order comes from context dates)', () => {
  const doc = parseInlineXbrl(readXbrl('meta-20241231_10-K_ixbrl.htm'), 'meta.htm');
  it('capex PaymentsToAcquirePropertyPlantAndEquipment 31,186 / 27,045 / 37,256 for 2022/2023/2024', () => {
    expect(yearly(doc.facts, 'PaymentsToAcquirePropertyPlantAndEquipment')).toEqual([31_186, 27_045, 37_256]);
  });
  it('OperatingIncomeLoss 28,944 / 46,751 / 69,380; OCF 50,475 / 71,113 / 91,328', () => {
    expect(yearly(doc.facts, 'OperatingIncomeLoss')).toEqual([28_944, 46_751, 69_380]);
    expect(yearly(doc.facts, 'NetCashProvidedByUsedInOperatingActivities')).toEqual([50_475, 71_113, 91_328]);
  });
  it('ixt-sec:numwordsen: NumberOfReportableSegments "two" = 2', () => {
    expect(doc.facts.find((f) => f.concept === 'NumberOfReportableSegments')?.value).toBe(2);
    expect(doc.cik).toBe(1326801);
  });
});

describe('iXBRL 10-Q: ORCL fiscal Q1 FY2025 (quarter ended 2024-08-31)', () => {
  const doc = parseInlineXbrl(readXbrl('orcl-20240831_10-Q_ixbrl.htm'), 'orcl.htm');
  const q = (concept: string) =>
    consolidatedFacts(doc.facts, concept)
      .filter((f) => f.start !== null)
      .map((f) => [f.start, f.end, f.value / 1e6]);
  it('capex 2,303 vs 1,314; operating income 3,991 vs 3,296; OCF 7,427 vs 6,974 (Jun–Aug)', () => {
    expect(q('PaymentsToAcquirePropertyPlantAndEquipment')).toEqual([
      ['2023-06-01', '2023-08-31', 1_314],
      ['2024-06-01', '2024-08-31', 2_303],
    ]);
    expect(q('OperatingIncomeLoss').map((r) => r[2])).toEqual([3_296, 3_991]);
    expect(q('NetCashProvidedByUsedInOperatingActivities').map((r) => r[2])).toEqual([6_974, 7_427]);
  });
  it('sign="-": RetainedEarningsAccumulatedDeficit is negative', () => {
    expect(
      doc.facts
        .filter((f) => f.concept === 'RetainedEarningsAccumulatedDeficit' && f.dims === '')
        .every((f) => f.value < 0),
    ).toBe(true);
  });
});

describe('iXBRL literal edge cases', () => {
  const wrap = (body: string) =>
    `<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:us-gaap="http://fasb.org/us-gaap/2024" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:iso4217="http://www.xbrl.org/2003/iso4217"><body><ix:header><ix:resources>` +
    `<xbrli:context id="c1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000000007</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate><xbrli:endDate>2024-03-31</xbrli:endDate></xbrli:period></xbrli:context>` +
    `<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit></ix:resources></ix:header>${body}</body></html>`;

  it('scale 6 + sign + thousands separators + nested span', () => {
    const d = parseInlineXbrl(
      wrap(
        '<ix:nonFraction name="us-gaap:OperatingIncomeLoss" contextRef="c1" unitRef="usd" scale="6" decimals="-6" sign="-" format="ixt:num-dot-decimal"><span>1,234</span></ix:nonFraction>',
      ),
      'lit.htm',
    );
    expect(d.facts).toMatchObject([
      { concept: 'OperatingIncomeLoss', value: -1_234_000_000, decimals: -6, cik: 7 },
    ]);
  });
  it('an unknown format is skipped with a warning, never guessed', () => {
    const d = parseInlineXbrl(
      wrap(
        '<ix:nonFraction name="us-gaap:Revenues" contextRef="c1" unitRef="usd" format="ixt:num-unit-decimal">12 dollars</ix:nonFraction>',
      ),
      'lit.htm',
    );
    expect(d.facts).toEqual([]);
    expect(d.warnings[0]).toMatch(
      /lit\.htm: us-gaap:Revenues \(context c1\): value '12 dollars' in format 'ixt:num-unit-decimal' not understood/,
    );
  });
  it('unclosed nonFraction and missing resources are bad input naming the file', () => {
    expect(() =>
      parseInlineXbrl(
        wrap('<ix:nonFraction name="us-gaap:Revenues" contextRef="c1" unitRef="usd">1'),
        'u.htm',
      ),
    ).toThrow(/u\.htm: 1 <ix:nonFraction> element\(s\) never closed/);
    expect(() =>
      parseInlineXbrl('<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body/></html>', 'n.htm'),
    ).toThrow(/n\.htm: no <ix:resources>/);
  });
  it('shiftDecimal is exact where floating point is not', () => {
    expect(shiftDecimal('8.2', 6)).toBe(8_200_000);
    expect(8.2 * 1e6).not.toBe(8_200_000); // 8199999.999999999
    expect(shiftDecimal('63645', 6)).toBe(63_645_000_000);
    expect(shiftDecimal('12.5', -2)).toBe(0.125);
  });
  it('formats', () => {
    expect(applyFormat('ixt:num-dot-decimal', '1,234.5')).toBe('1234.5');
    expect(applyFormat('ixt:num-comma-decimal', '1.234,5')).toBe('1234.5');
    expect(applyFormat('ixt:fixed-zero', '—')).toBe('0');
    expect(applyFormat('ixt-sec:numwordsen', 'twenty-one')).toBe('21');
    expect(applyFormat(undefined, 'abc')).toBeNull();
  });
});
