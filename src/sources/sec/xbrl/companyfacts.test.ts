import { describe, expect, it } from 'vitest';
import { parseCompanyFacts } from './companyfacts.js';
import { readXbrl } from './facts.testkit.js';

/** The facts of `concept` over one period, start to end. */
const over = (doc: ReturnType<typeof parseCompanyFacts>, concept: string, start: string, end: string) =>
  doc.facts.filter((f) => f.concept === concept && f.start === start && f.end === end);

describe('companyfacts JSON (real data.sec.gov responses, PROVENANCE companyfacts table)', () => {
  const nvda = parseCompanyFacts(readXbrl('CIK0001045810.json'), 'CIK0001045810.json');
  const googl = parseCompanyFacts(readXbrl('CIK0001652044.json'), 'CIK0001652044.json');

  it('reads entity and every row (NVDA CIK 1045810, GOOGL CIK 1652044)', () => {
    expect(nvda.cik).toBe(1045810);
    expect(nvda.entityName).toBe('NVIDIA CORP');
    expect(googl.cik).toBe(1652044);
    expect(googl.facts.length).toBeGreaterThan(15_000);
    expect(new Set(nvda.facts.map((f) => f.taxonomy))).toEqual(
      new Set(['dei', 'invest', 'us-gaap', 'srt', 'ecd', 'ffd']),
    );
  });

  it('NVDA FY ending 2024-01-28: PaymentsToAcquireProductiveAssets 1.069 B with frame CY2023 (fy/fp are the filing’s, not the period’s)', () => {
    const rows = over(nvda, 'PaymentsToAcquireProductiveAssets', '2023-01-30', '2024-01-28');
    expect(rows.map((r) => r.value)).toEqual([1_069_000_000, 1_069_000_000, 1_069_000_000]);
    expect(rows.map((r) => r.frame)).toContain('CY2023');
    // The same period is repeated by the FY2025 and FY2026 10-Ks, each with its own filed date.
    expect(rows.map((r) => r.filed)).toEqual(['2024-02-21', '2025-02-26', '2026-02-25']);
    expect(rows.map((r) => r.fy)).toEqual([2024, 2025, 2026]);
  });

  it('NVDA capex tag switch: PaymentsToAcquirePropertyPlantAndEquipment ends at period end 2020-07-26', () => {
    const ppe = nvda.facts.filter((f) => f.concept === 'PaymentsToAcquirePropertyPlantAndEquipment');
    expect(
      ppe
        .map((f) => f.end)
        .sort()
        .at(-1),
    ).toBe('2020-07-26');
  });

  it('GOOGL 2024 H1 YTD capex 25,198 M (10-Q filed 2024-07-24), CY2024 52,535 M', () => {
    const [ytd] = over(googl, 'PaymentsToAcquirePropertyPlantAndEquipment', '2024-01-01', '2024-06-30');
    expect(ytd?.value).toBe(25_198_000_000);
    expect(ytd?.filed).toBe('2024-07-24');
    expect(ytd?.accession).toBe('0001652044-24-000079');
    expect(ytd?.form).toBe('10-Q');
    const fy = googl.facts.find(
      (f) => f.concept === 'PaymentsToAcquirePropertyPlantAndEquipment' && f.frame === 'CY2024',
    );
    expect(fy?.value).toBe(52_535_000_000);
  });

  it('instant facts have no start and are marked instant', () => {
    const cash = googl.facts.find((f) => f.concept === 'CashAndCashEquivalentsAtCarryingValue');
    expect(cash?.start).toBeNull();
    expect(cash?.periodType).toBe('instant');
  });

  it('concept filter keeps only the asked concepts', () => {
    const d = parseCompanyFacts(readXbrl('CIK0001652044.json'), 'g', {
      concepts: new Set(['OperatingIncomeLoss']),
    });
    expect(new Set(d.facts.map((f) => f.concept))).toEqual(new Set(['OperatingIncomeLoss']));
  });
});

describe('companyfacts bad input names the file and the field', () => {
  it('not JSON', () => {
    expect(() => parseCompanyFacts('<html>', 'cf.json')).toThrow(/cf\.json: not JSON/);
  });
  it('missing facts', () => {
    expect(() => parseCompanyFacts('{"cik": 1, "entityName": "X"}', 'cf.json')).toThrow(
      /cf\.json: facts should be an object/,
    );
  });
  it('a row with a bad val names its path', () => {
    const bad = JSON.stringify({
      cik: 320193,
      entityName: 'X',
      facts: {
        'us-gaap': {
          Revenues: { units: { USD: [{ end: '2024-03-31', val: 'n/a', accn: 'a', filed: '2024-05-01' }] } },
        },
      },
    });
    expect(() => parseCompanyFacts(bad, 'cf.json')).toThrow(
      "cf.json: facts.us-gaap.Revenues.units.USD[0].val should be a finite number, got 'n/a'",
    );
  });
  it('a bad date', () => {
    const bad = JSON.stringify({
      cik: 1,
      facts: { dei: { X: { units: { USD: [{ end: '31/03/2024', val: 1 }] } } } },
    });
    expect(() => parseCompanyFacts(bad, 'cf.json')).toThrow(
      /units\.USD\[0\]\.end should be a YYYY-MM-DD date/,
    );
  });
  it('a bad cik', () => {
    expect(() => parseCompanyFacts('{"cik":"abc","facts":{}}', 'cf.json')).toThrow(
      /cik should be a positive integer/,
    );
  });
});
