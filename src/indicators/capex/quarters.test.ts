import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { parseCompanyFacts } from '../../sources/sec/xbrl/companyfacts.js';
import { companyByTicker } from '../../sources/sec/xbrl/concepts.js';
import type { XbrlFact } from '../../sources/sec/xbrl/types.js';
import { fiscalLabel } from './indicators.js';
import { selectPeriodValues } from './periods.js';
import { deriveQuarters } from './quarters.js';

const facts = (f: string) => parseCompanyFacts(readFileSync(dataFile('sec', 'xbrl', f), 'utf8'), f).facts;
const googl = facts('CIK0001652044.json');
const nvda = facts('CIK0001045810.json');
const capexQuarters = (t: string, fs: XbrlFact[], asOf?: string) =>
  deriveQuarters(selectPeriodValues(fs, companyByTicker(t)!.concepts.capex, asOf), { nonNegative: true });
const at = (qs: ReturnType<typeof capexQuarters>, end: string) => qs.find((q) => q.end === end);

describe('quarter derivation on GOOGL companyfacts', () => {
  const qs = capexQuarters('GOOGL', googl);
  it('2024 Q2 = H1 YTD 25,198 − Q1 12,012 = 13,186 M (PROVENANCE)', () => {
    expect(at(qs, '2024-06-30')).toMatchObject({
      start: '2024-04-01',
      value: 13_186_000_000,
      basis: 'derived',
      formula: '6M YTD − Q',
    });
    expect(at(qs, '2024-03-31')).toMatchObject({
      value: 12_012_000_000,
      basis: 'reported',
      frame: 'CY2024Q1',
    });
  });
  it('2024 Q3 = 9M − 6M = 13,061 M; Q4 = FY − 9M = 52,535 − 38,259 = 14,276 M (yfinance GOOG 2024Q4 −14,276)', () => {
    expect(at(qs, '2024-09-30')?.value).toBe(13_061_000_000);
    expect(at(qs, '2024-12-31')).toMatchObject({ value: 14_276_000_000, formula: 'FY − 9M YTD' });
  });
  it('PEERS: a nine-month YTD value was reported as Q3 (edgartools #1180) — never returned as Q3 (GOOG 2014: only 9M 7,408 and FY exist)', () => {
    expect(at(qs, '2014-09-30')).toBeUndefined();
    expect(qs.every((q) => q.value !== 7_408_000_000)).toBe(true);
    expect(at(qs, '2014-12-31')).toMatchObject({
      value: 11_014_000_000 - 7_408_000_000,
      formula: 'FY − 9M YTD',
    });
    const days = (q: { start: string; end: string }) =>
      (Date.parse(q.end) - Date.parse(q.start)) / 86_400_000 + 1;
    expect(qs.every((q) => days(q) >= 80 && days(q) <= 100)).toBe(true);
  });
  it('four quarters of 2024 add up to the 10-K year', () => {
    const sum = qs.filter((q) => q.end.startsWith('2024')).reduce((s, q) => s + q.value, 0);
    expect(sum).toBe(52_535_000_000);
  });
  it('as of: 2024 Q2 is unknown on 2024-07-23 and known from the 10-Q filed 2024-07-24 (filed date kept)', () => {
    expect(at(capexQuarters('GOOGL', googl, '2024-07-23'), '2024-06-30')).toBeUndefined();
    const q = at(capexQuarters('GOOGL', googl, '2024-07-24'), '2024-06-30');
    expect(q).toMatchObject({ value: 13_186_000_000, firstFiled: '2024-07-24', filed: '2024-07-24' });
    // Without as-of the value comes from the latest filing repeating it; first publication kept.
    expect(at(qs, '2024-06-30')).toMatchObject({ firstFiled: '2024-07-24', filed: '2025-07-24' });
  });
  it('de-duplication: figures repeated by later filings give one quarter each', () => {
    const ends = qs.map((q) => q.end);
    expect(new Set(ends).size).toBe(ends.length);
  });
});

describe('trap edgartools #892: capex concept switch (NVIDIA) chosen per period', () => {
  const qs = capexQuarters('NVDA', nvda);
  it('FY ending 2024-01-28: PaymentsToAcquireProductiveAssets, frame CY2023, fiscal FY2024 Q4', () => {
    const fy = selectPeriodValues(nvda, companyByTicker('NVDA')!.concepts.capex).find(
      (p) => p.end === '2024-01-28' && p.start === '2023-01-30',
    );
    expect(fy).toMatchObject({
      value: 1_069_000_000,
      concept: 'PaymentsToAcquireProductiveAssets',
      frame: 'CY2023',
    });
    expect(fiscalLabel('2024-01-28', 1)).toEqual({ fiscalYear: 2024, fiscalQuarter: 4 });
    expect(at(qs, '2024-01-28')).toMatchObject({
      value: 1_069_000_000 - 815_000_000,
      formula: 'FY − 9M YTD',
    });
  });
  it('2019 quarters still come from PaymentsToAcquirePropertyPlantAndEquipment where only it has the period', () => {
    expect(at(qs, '2019-07-28')).toMatchObject({
      value: 113_000_000,
      concepts: ['PaymentsToAcquirePropertyPlantAndEquipment'],
    });
  });
  it('quarter ending 2020-10-25 (after the switch) = 9M 845 − 6M 372 = 473 M', () => {
    expect(at(qs, '2020-10-25')?.value).toBe(473_000_000);
  });
  it('PEERS: capex concept switch, a first-match synonym lookup returned stale facts (edgartools #892) — NVDA recent quarters are not stale: FY2026 Q4 (ending 2026-01-25) = 6,042 − 4,758 = 1,284 M (yfinance NVDA 2026-01-31 −1,284)', () => {
    expect(at(qs, '2026-01-25')?.value).toBe(1_284_000_000);
    expect(qs.at(-1)?.end).toBe('2026-04-26');
  });
  it('first-match lookup would be stale: the old tag alone stops at 2020-07-26', () => {
    const oldOnly = deriveQuarters(selectPeriodValues(nvda, ['PaymentsToAcquirePropertyPlantAndEquipment']));
    expect(oldOnly.at(-1)!.end <= '2020-07-26').toBe(true);
  });
  it('NVIDIA FY2017–FY2021 annual capex is absent from companyfacts: Q4 is missing, not zero and not a 9M value', () => {
    expect(at(qs, '2021-01-31')).toBeUndefined();
    expect(at(qs, '2020-10-25')).toBeDefined();
  });
});

describe('literal edge cases', () => {
  const f = (concept: string, start: string, end: string, value: number, filed: string): XbrlFact => ({
    cik: 1,
    taxonomy: 'us-gaap',
    concept,
    unit: 'USD',
    value,
    start,
    end,
    periodType: 'duration',
    dims: '',
    form: '10-Q',
    filed,
    accession: `a-${filed}`,
    frame: null,
    fy: null,
    fp: null,
    decimals: -6,
  });
  it('per-period choice: an old concept that stops does not shadow the new one', () => {
    const fs = [
      f('Old', '2023-01-01', '2023-03-31', 10, '2023-04-30'),
      f('New', '2024-01-01', '2024-03-31', 30, '2024-04-30'),
      f('Old', '2024-01-01', '2024-03-31', 25, '2024-04-30'), // stale old-tag figure for the same period
      f('New', '2024-01-01', '2024-06-30', 70, '2024-07-30'),
    ];
    const p = selectPeriodValues(fs, ['New', 'Old']);
    expect(p.map((x) => [x.end, x.concept, x.value])).toEqual([
      ['2023-03-31', 'Old', 10],
      ['2024-03-31', 'New', 30],
      ['2024-06-30', 'New', 70],
    ]);
    expect(deriveQuarters(p).map((q) => [q.end, q.value])).toEqual([
      ['2023-03-31', 10],
      ['2024-03-31', 30],
      ['2024-06-30', 40],
    ]);
  });
  it('segment facts never stand in for the total', () => {
    const seg = {
      ...f('Capex', '2024-01-01', '2024-03-31', 5, '2024-04-30'),
      dims: 'us-gaap:StatementBusinessSegmentsAxis=x:CloudMember',
    };
    expect(selectPeriodValues([seg], ['Capex'])).toEqual([]);
  });
  it('a missing 6M YTD is rebuilt from Q1 + a reported Q2 so Q3 = 9M − (Q1 + Q2)', () => {
    const fs = [
      f('C', '2024-01-01', '2024-03-31', 10, '2024-04-30'),
      f('C', '2024-04-01', '2024-06-30', 12, '2024-07-30'),
      f('C', '2024-01-01', '2024-09-30', 35, '2024-10-30'),
    ];
    const q3 = deriveQuarters(selectPeriodValues(fs, ['C'])).find((q) => q.end === '2024-09-30');
    expect(q3).toMatchObject({ value: 13, basis: 'derived', firstFiled: '2024-10-30' });
  });
  it('a restatement replaces the value from its filing day on', () => {
    const fs = [
      f('C', '2024-01-01', '2024-03-31', 10, '2024-04-30'),
      f('C', '2024-01-01', '2024-03-31', 11, '2025-04-30'),
    ];
    expect(deriveQuarters(selectPeriodValues(fs, ['C'], '2024-12-31'))[0]?.value).toBe(10);
    expect(deriveQuarters(selectPeriodValues(fs, ['C']))[0]).toMatchObject({
      value: 11,
      firstFiled: '2024-04-30',
      filed: '2025-04-30',
    });
  });
  it('a negative derived capex quarter (inputs that do not belong together) is dropped and reported', () => {
    const fs = [
      f('C', '2024-01-01', '2024-03-31', 50, '2024-04-30'),
      f('C', '2024-01-01', '2024-06-30', 40, '2024-07-30'),
    ];
    const warnings: string[] = [];
    const qs = deriveQuarters(selectPeriodValues(fs, ['C']), { nonNegative: true, warnings });
    expect(qs.map((q) => q.end)).toEqual(['2024-03-31']);
    expect(warnings[0]).toMatch(/2024-04-01\.\.2024-06-30: 6M YTD − Q gives -10 \(negative\); not used/);
  });
  it('facts without a filed date are left out of as-of queries', () => {
    const nf = { ...f('C', '2024-01-01', '2024-03-31', 10, '2024-04-30'), filed: null };
    expect(selectPeriodValues([nf], ['C'], '2030-01-01')).toEqual([]);
    expect(selectPeriodValues([nf], ['C'])).toHaveLength(1);
  });
});
