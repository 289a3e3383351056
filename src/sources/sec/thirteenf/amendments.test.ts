import { describe, expect, it } from 'vitest';
import { applyAmendments, type QuarterFiling } from './amendments.js';
import { parseThirteenF } from './filing.js';
import { type Holding, normaliseFiling } from './normalise.js';
import { secText } from './test-files.js';

function quarterFiling(file: string): QuarterFiling<Holding> {
  const f = normaliseFiling(parseThirteenF(secText('13f', file), { source: file }));
  return {
    accession: f.accession!,
    form: f.form,
    filed: f.filed,
    isAmendment: f.cover?.isAmendment ?? false,
    amendmentType: f.cover?.amendmentType ?? null,
    amendmentNo: f.cover?.amendmentNo ?? null,
    reportType: f.cover?.reportType ?? '',
    holdings: f.holdings,
  };
}

describe('amendments', () => {
  it('PEERS: a NEW HOLDINGS amendment adds, a RESTATEMENT replaces; superseding blindly dropped holdings (edgartools #872) — Pershing 2021-12-31 NEW HOLDINGS amendment adds CANADIAN PAC to the 6 original rows', () => {
    const original = quarterFiling('pershing_13F-HR_20211231_0001172661-22-000776.txt');
    const amendment = quarterFiling('pershing_13F-HR-A_20211231_0001172661-22-001013.txt');
    expect(amendment.form).toBe('13F-HR/A');
    expect(amendment.amendmentType).toBe('NEW HOLDINGS');
    expect(amendment.filed).toBe('2022-03-07');
    expect(original.holdings).toHaveLength(6);
    // given in reverse order: filing date decides the order
    const eff = applyAmendments([amendment, original]);
    expect(eff.holdings).toHaveLength(7);
    expect(eff.applied.map((a) => [a.accession, a.action])).toEqual([
      ['0001172661-22-000776', 'base'],
      ['0001172661-22-001013', 'add'],
    ]);
    const cp = eff.holdings.find((h) => h.cusip === '13645T100');
    expect([cp?.issuer, cp?.shares, cp?.valueUsd]).toEqual(['CANADIAN PAC RY LTD', 2813747, 202_421_000]);
    // both in thousands: the quarter total is the two cover totals (10,578,795 + 202,421 k$)
    expect(eff.holdings.reduce((s, h) => s + h.valueUsd, 0)).toBe((10_578_795 + 202_421) * 1000);
  });

  it('PEERS: a 13F-HR/A RESTATEMENT replaces the original (edgartools #872) — literal: the quarter is the restatement alone', () => {
    const base = {
      form: '13F-HR',
      isAmendment: false,
      amendmentType: null,
      amendmentNo: null,
      reportType: '13F HOLDINGS REPORT',
    };
    const eff = applyAmendments<string>([
      { ...base, accession: 'a', filed: '2024-02-14', holdings: ['x', 'y', 'z'] },
      {
        ...base,
        accession: 'b',
        filed: '2024-03-01',
        form: '13F-HR/A',
        isAmendment: true,
        amendmentType: 'RESTATEMENT',
        amendmentNo: 1,
        holdings: ['x2'],
      },
      {
        ...base,
        accession: 'c',
        filed: '2024-03-05',
        form: '13F-HR/A',
        isAmendment: true,
        amendmentType: 'NEW HOLDINGS',
        amendmentNo: 2,
        holdings: ['w'],
      },
      {
        ...base,
        accession: 'd',
        filed: '2024-03-06',
        form: '13F-HR/A',
        isAmendment: true,
        amendmentType: null,
        amendmentNo: 3,
        holdings: ['?'],
      },
    ]);
    expect(eff.holdings).toEqual(['x2', 'w']);
    expect(eff.applied.map((a) => a.action)).toEqual(['base', 'replace', 'add', 'ignored']);
  });

  it('a 13F-NT contributes nothing', () => {
    const eff = applyAmendments<string>([
      {
        accession: 'n',
        form: '13F-NT',
        filed: '2023-08-14',
        isAmendment: false,
        amendmentType: null,
        amendmentNo: null,
        reportType: '13F NOTICE',
        holdings: [],
      },
    ]);
    expect(eff.holdings).toEqual([]);
    expect(eff.applied[0]?.action).toBe('notice');
  });
});
