import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { parseCompanyFacts } from '../../sources/sec/xbrl/companyfacts.js';
import { companyByTicker } from '../../sources/sec/xbrl/concepts.js';
import { parseInlineXbrl } from '../../sources/sec/xbrl/ixbrl.js';
import { aggregateByCalendarQuarter } from './aggregate.js';
import {
  BURST_GAP_THRESHOLD,
  buildCompanyQuarters,
  type CompanyQuarter,
  calendarQuarterOf,
  fiscalLabel,
  markBursts,
} from './indicators.js';
import { capexReport } from './report.js';

const read = (f: string) => readFileSync(dataFile('sec', 'xbrl', f), 'utf8');
const googl = parseCompanyFacts(read('CIK0001652044.json'), 'g').facts;
const nvda = parseCompanyFacts(read('CIK0001045810.json'), 'n').facts;
const gq = buildCompanyQuarters(companyByTicker('GOOGL')!, googl);
const at = (qs: CompanyQuarter[], end: string) => qs.find((q) => q.end === end)!;

describe('per-company indicators (GOOGL companyfacts)', () => {
  it('2025 Q4: capex 27,851, operating income 35,934, OCF 52,402 M (yfinance GOOG matches)', () => {
    expect(at(gq, '2025-12-31').values).toMatchObject({
      capex: 27_851e6,
      operatingIncome: 35_934e6,
      operatingCashFlow: 52_402e6,
    });
  });
  it('quarterly YoY: 2024 Q2 capex 13,186 vs 6,888 → +91.4%', () => {
    expect(at(gq, '2024-06-30').yoy.capex).toBeCloseTo(13_186 / 6_888 - 1, 10);
  });
  it('TTM 2024 Q4 = CY2024 52,535 M; TTM YoY vs CY2023 32,251 = +62.9%; gap = capex growth − op-income growth', () => {
    const q = at(gq, '2024-12-31');
    expect(q.ttm?.capex).toBe(52_535e6);
    expect(q.ttmYoy.capex).toBeCloseTo(52_535 / 32_251 - 1, 10);
    expect(q.ttmGap).toBeCloseTo(q.ttmYoy.capex! - q.ttmYoy.operatingIncome!, 12);
    expect(q.capexToOcf).toBeCloseTo(52_535e6 / q.ttm!.operatingCashFlow!, 12);
    expect(q.debtFundedShare).toBeCloseTo(q.ttm!.debtProceeds! / 52_535e6, 12);
  });
  it(`burst flag (TTM gap ≥ ${BURST_GAP_THRESHOLD * 100} pp for 2 quarters): GOOGL 2018 Q2–Q4 and 2026 Q1, not 2024`, () => {
    const flagged = gq.filter((q) => q.burst).map((q) => q.calendarQuarter);
    expect(flagged).toEqual(['2018Q2', '2018Q3', '2018Q4', '2026Q1']);
    expect(at(gq, '2026-03-31').ttmGap!).toBeGreaterThan(0.7);
  });
  it('knownFrom is when both capex and operating income were first public', () => {
    expect(at(gq, '2024-06-30').knownFrom).toBe('2024-07-24');
  });
  it('as of 2024-10-29 the latest quarter is 2024 Q2', () => {
    expect(buildCompanyQuarters(companyByTicker('GOOGL')!, googl, '2024-10-29').at(-1)?.end).toBe(
      '2024-06-30',
    );
  });
});

describe('non-calendar fiscal years keep their real periods', () => {
  it('NVIDIA quarter ending 2025-01-26 is FY2025 Q4, calendar quarter of its end 2025Q1', () => {
    const q = at(buildCompanyQuarters(companyByTicker('NVDA')!, nvda), '2025-01-26');
    expect(q).toMatchObject({
      start: '2024-10-28',
      fiscalYear: 2025,
      fiscalQuarter: 4,
      calendarQuarter: '2025Q1',
    });
    expect(q.values.capex).toBe(1_077e6);
    expect(q.values.debtProceeds).toBeNull(); // NVIDIA debt tags are unreliable (see concepts.ts)
  });
  it('Oracle quarter Jun–Aug 2024 is FY2025 Q1 (ORCL 10-Q); Microsoft Apr–Jun is fiscal Q4', () => {
    const orcl = parseInlineXbrl(read('orcl-20240831_10-Q_ixbrl.htm'), 'o', { filed: '2024-09-10' });
    const q = at(buildCompanyQuarters(companyByTicker('ORCL')!, orcl.facts), '2024-08-31');
    expect(q).toMatchObject({ fiscalYear: 2025, fiscalQuarter: 1, calendarQuarter: '2024Q3' });
    expect(q.values).toMatchObject({ capex: 2_303e6, operatingIncome: 3_991e6, operatingCashFlow: 7_427e6 });
    expect(q.yoy.capex).toBeCloseTo(2_303 / 1_314 - 1, 10);
    expect(q.gap).toBeCloseTo(2_303 / 1_314 - 3_991 / 3_296, 10);
    expect(fiscalLabel('2025-06-30', 6)).toEqual({ fiscalYear: 2025, fiscalQuarter: 4 });
    expect(fiscalLabel('2024-09-30', 6)).toEqual({ fiscalYear: 2025, fiscalQuarter: 1 });
    expect(calendarQuarterOf('2024-08-31')).toBe('2024Q3');
  });
});

describe('burst flag rule (literal)', () => {
  it('needs two consecutive quarters at or above the threshold', () => {
    const qs = [0.5, 0.3, 0.45, 0.41, 0.39, 0.4, 0.4].map((g) => ({ ttmGap: g, burst: false }));
    markBursts(qs);
    expect(qs.map((q) => q.burst)).toEqual([false, false, false, true, false, false, true]);
  });
  it('missing gap breaks the run', () => {
    const qs = [0.9, null, 0.9].map((g) => ({ ttmGap: g, burst: false }));
    markBursts(qs);
    expect(qs.every((q) => !q.burst)).toBe(true);
  });
});

describe('aggregate by calendar quarter of period end', () => {
  it('growth compares only companies present in both quarters', () => {
    const mk = (ticker: string, end: string, capex: number, oi: number): CompanyQuarter =>
      ({
        ticker,
        end,
        calendarQuarter: calendarQuarterOf(end),
        values: { capex, operatingIncome: oi, operatingCashFlow: null, debtProceeds: null },
        ttm: null,
      }) as unknown as CompanyQuarter;
    const per = new Map([
      ['A', [mk('A', '2023-03-31', 100, 50), mk('A', '2024-03-31', 150, 55)]],
      ['B', [mk('B', '2024-02-29', 1000, 10)]], // no year-ago quarter
    ]);
    const agg = aggregateByCalendarQuarter(per, ['A', 'B', 'C']);
    const q = agg.find((a) => a.calendarQuarter === '2024Q1')!;
    expect(q.members).toEqual(['A', 'B']);
    expect(q.missing).toEqual(['C']);
    expect(q.values.capex).toBe(1150);
    expect(q.yoy.capex).toBeCloseTo(0.5, 12);
    expect(q.gap).toBeCloseTo(0.5 - 0.1, 12);
    expect(q.alignment).toBe('calendar quarter of period end');
  });
  it('report over GOOGL + NVDA facts: aggregate holds only hyperscalers, notes say who is missing', () => {
    const r = capexReport([...googl, ...nvda]);
    expect(r.companies.map((c) => c.ticker)).toEqual(['GOOGL', 'NVDA']);
    expect(r.aggregate.every((a) => a.members.every((m) => m === 'GOOGL'))).toBe(true);
    expect(r.notes.join(' ')).toMatch(/no data stored for MSFT, AMZN, META, ORCL/);
    expect(r.burstRule.gapThreshold).toBe(0.4);
  });
});

describe('fiscal years from a saved 10-K (AMZN FY2024 iXBRL)', () => {
  it('capex 52,729 → 82,999 M (+57.4%), operating income 36,852 → 68,593 M (+86.1%), gap −28.7 pp', async () => {
    const { buildCompanyYears } = await import('./indicators.js');
    const amzn = parseInlineXbrl(read('amzn-20241231_10-K_ixbrl.htm'), 'a').facts;
    const y = buildCompanyYears(companyByTicker('AMZN')!, amzn).find((x) => x.end === '2024-12-31')!;
    expect(y.values).toMatchObject({
      capex: 82_999e6,
      operatingIncome: 68_593e6,
      operatingCashFlow: 115_877e6,
      debtProceeds: 0,
    });
    expect(y.yoy.capex).toBeCloseTo(82_999 / 52_729 - 1, 10);
    expect(y.gap).toBeCloseTo(82_999 / 52_729 - 68_593 / 36_852, 10);
    expect(y.debtFundedShare).toBe(0);
  });
});
