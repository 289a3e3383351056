import { describe, expect, it } from 'vitest';
import { consolidatedFacts, readXbrl } from './facts.testkit.js';
import { parseXbrlInstance } from './instance.js';
import type { XbrlFact } from './types.js';

const consolidated = (facts: XbrlFact[], concept: string) =>
  consolidatedFacts(facts, concept).map((f) => [f.start, f.end, f.value] as const);

describe('XBRL instance: MSFT 10-K FY2015 (PROVENANCE first pass)', () => {
  const doc = parseXbrlInstance(readXbrl('msft-20150630_xbrl-instance_10-K_FY2015.xml'), 'msft.xml', {
    accession: '0001193125-15-272806',
    filed: '2015-07-31',
  });

  it('PaymentsToAcquirePropertyPlantAndEquipment FY2013 = 4,257,000,000 (PROVENANCE) and FY2014/2015', () => {
    expect(consolidated(doc.facts, 'PaymentsToAcquirePropertyPlantAndEquipment')).toEqual([
      ['2012-07-01', '2013-06-30', 4_257_000_000],
      ['2013-07-01', '2014-06-30', 5_485_000_000],
      ['2014-07-01', '2015-06-30', 5_944_000_000],
    ]);
  });

  it('segment-dimension OperatingIncomeLoss facts are kept apart from the consolidated figure', () => {
    const all = doc.facts.filter((f) => f.concept === 'OperatingIncomeLoss');
    const seg = all.filter((f) => f.dims !== '');
    expect(seg.length).toBeGreaterThan(0);
    expect(seg.every((f) => /Axis=/.test(f.dims))).toBe(true);
    const fy2015 = consolidated(doc.facts, 'OperatingIncomeLoss').find(
      (r) => r[1] === '2015-06-30' && r[0] === '2014-07-01',
    );
    expect(fy2015?.[2]).toBe(18_161_000_000);
  });

  it('operating cash flow is tagged ...ContinuingOperations in 2015 (fallback list needed)', () => {
    expect(doc.facts.some((f) => f.concept === 'NetCashProvidedByUsedInOperatingActivities')).toBe(false);
    expect(
      consolidated(doc.facts, 'NetCashProvidedByUsedInOperatingActivitiesContinuingOperations').length,
    ).toBe(3);
  });

  it('carries the accession and filed date given on import; decimals kept', () => {
    const f = doc.facts.find((x) => x.concept === 'PaymentsToAcquirePropertyPlantAndEquipment')!;
    expect(f.accession).toBe('0001193125-15-272806');
    expect(f.filed).toBe('2015-07-31');
    expect(f.form).toBe('10-K');
    expect(f.decimals).toBe(-6);
  });

  it('nil facts are skipped and counted, not read as 0', () => {
    expect(doc.nilFacts).toBe(2);
    expect(doc.warnings).toEqual([]);
    expect(doc.facts.some((f) => f.concept === 'CommitmentsAndContingencies')).toBe(false);
  });
});

describe('XBRL instance: AMZN 10-K FY2022', () => {
  const doc = parseXbrlInstance(readXbrl('amzn-20221231_htm_xbrl-instance_10-K_FY2022.xml'), 'amzn.xml');

  it('capex only as PaymentsToAcquireProductiveAssets: 40,140 / 61,053 / 63,645 M for 2020–2022', () => {
    expect(doc.facts.some((f) => f.concept === 'PaymentsToAcquirePropertyPlantAndEquipment')).toBe(false);
    expect(consolidated(doc.facts, 'PaymentsToAcquireProductiveAssets').map((r) => r[2])).toEqual([
      40_140_000_000, 61_053_000_000, 63_645_000_000,
    ]);
  });

  it('duplicate facts at two precisions keep the precise one without a warning (income tax 2,863 M vs 2.9 B)', () => {
    const tax = consolidated(doc.facts, 'IncomeTaxExpenseBenefit').find((r) => r[1] === '2020-12-31');
    expect(tax?.[2]).toBe(2_863_000_000);
    expect(doc.warnings.some((w) => /IncomeTaxExpenseBenefit/.test(w))).toBe(false);
  });

  it('no filed date or accession when the import did not give one', () => {
    expect(doc.facts.every((f) => f.filed === null && f.accession === null)).toBe(true);
    expect(doc.cik).toBe(1018724);
  });
});

describe('XBRL instance bad input', () => {
  const head =
    '<xbrl xmlns="http://www.xbrl.org/2003/instance" xmlns:us-gaap="http://fasb.org/us-gaap/2024" xmlns:iso4217="http://www.xbrl.org/2003/iso4217">';
  const ctx =
    '<context id="c1"><entity><identifier scheme="http://www.sec.gov/CIK">0000000042</identifier></entity><period><startDate>2024-01-01</startDate><endDate>2024-12-31</endDate></period></context><unit id="usd"><measure>iso4217:USD</measure></unit>';

  it('malformed XML names the file', () => {
    expect(() =>
      parseXbrlInstance(`${head}${ctx}<us-gaap:Revenues contextRef="c1" unitRef="usd">1</xbrl>`, 'bad.xml'),
    ).toThrow(/bad\.xml: malformed XML/);
  });
  it('not an instance', () => {
    expect(() => parseXbrlInstance('<foo/>', 'foo.xml')).toThrow(/foo\.xml: no <xbrl> root/);
  });
  it('unknown context names the fact and context', () => {
    expect(() =>
      parseXbrlInstance(
        `${head}${ctx}<us-gaap:Revenues contextRef="c9" unitRef="usd">1</us-gaap:Revenues></xbrl>`,
        'x.xml',
      ),
    ).toThrow("x.xml: fact us-gaap:Revenues refers to unknown context 'c9'");
  });
  it('a non-numeric value names fact, context and value', () => {
    expect(() =>
      parseXbrlInstance(
        `${head}${ctx}<us-gaap:Revenues contextRef="c1" unitRef="usd">12 M</us-gaap:Revenues></xbrl>`,
        'x.xml',
      ),
    ).toThrow("x.xml: us-gaap:Revenues in context c1 has non-numeric value '12 M'");
  });
  it('a prefix other than us-gaap bound to the us-gaap namespace is still us-gaap; CIK from the context', () => {
    const xml = `<x:xbrl xmlns:x="http://www.xbrl.org/2003/instance" xmlns:gaap="http://fasb.org/us-gaap/2024">${ctx.replace(/<(\/?)(context|entity|identifier|period|startDate|endDate|unit|measure)/g, '<$1x:$2')}<gaap:Revenues contextRef="c1" unitRef="usd" decimals="-6">5000000</gaap:Revenues></x:xbrl>`;
    const d = parseXbrlInstance(xml, 'x.xml');
    expect(d.cik).toBe(42);
    expect(d.facts).toMatchObject([
      { taxonomy: 'us-gaap', concept: 'Revenues', unit: 'USD', value: 5_000_000, start: '2024-01-01' },
    ]);
  });
});
