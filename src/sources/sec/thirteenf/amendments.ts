import type { AmendmentType } from './types.js';

/**
 * The holdings of one filer for one quarter, after amendments. A 13F-HR/A of type RESTATEMENT
 * replaces everything reported before it; NEW HOLDINGS adds rows (typically positions that were
 * confidential and have been released — Pershing's 2021-12-31 amendment 0001172661-22-001013
 * adds CANADIAN PAC RY LTD to the six rows of the original). Superseding every amendment
 * blindly dropped a 3,982-holding portfolio to 80 rows in one project (edgartools #872).
 */
export interface QuarterFiling<H> {
  accession: string;
  form: string;
  filed: string | null;
  isAmendment: boolean;
  amendmentType: AmendmentType | null;
  amendmentNo: number | null;
  /** '13F NOTICE' filings hold nothing; another manager reports for them. */
  reportType: string;
  holdings: H[];
}

export type AmendmentAction = 'base' | 'replace' | 'add' | 'notice' | 'ignored';

export interface AppliedFiling {
  accession: string;
  action: AmendmentAction;
  reason: string;
}

export interface EffectiveHoldings<H> {
  holdings: H[];
  applied: AppliedFiling[];
}

/** Filing order: filing date, then amendment number, then accession (all sort as strings/numbers). */
function order<H>(a: QuarterFiling<H>, b: QuarterFiling<H>): number {
  const fa = a.filed ?? '';
  const fb = b.filed ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const na = a.isAmendment ? (a.amendmentNo ?? 1) : 0;
  const nb = b.isAmendment ? (b.amendmentNo ?? 1) : 0;
  if (na !== nb) return na - nb;
  return a.accession < b.accession ? -1 : a.accession > b.accession ? 1 : 0;
}

export function applyAmendments<H>(filings: QuarterFiling<H>[]): EffectiveHoldings<H> {
  const sorted = [...filings].sort(order);
  let holdings: H[] = [];
  let haveBase = false;
  const applied: AppliedFiling[] = [];
  for (const f of sorted) {
    if (/NOTICE/.test(f.reportType) || /^13F-NT/.test(f.form)) {
      applied.push({
        accession: f.accession,
        action: 'notice',
        reason: 'notice filing: holdings are reported by another manager',
      });
      continue;
    }
    if (!f.isAmendment) {
      applied.push({
        accession: f.accession,
        action: haveBase ? 'replace' : 'base',
        reason: haveBase
          ? 'a second original report for the quarter; the later one is used'
          : 'original report',
      });
      holdings = [...f.holdings];
      haveBase = true;
      continue;
    }
    if (f.amendmentType === 'RESTATEMENT') {
      applied.push({
        accession: f.accession,
        action: 'replace',
        reason: 'RESTATEMENT amendment replaces the quarter',
      });
      holdings = [...f.holdings];
      haveBase = true;
    } else if (f.amendmentType === 'NEW HOLDINGS') {
      applied.push({
        accession: f.accession,
        action: 'add',
        reason: 'NEW HOLDINGS amendment adds to the quarter',
      });
      holdings = [...holdings, ...f.holdings];
    } else {
      applied.push({
        accession: f.accession,
        action: 'ignored',
        reason: 'amendment without an amendment type (neither RESTATEMENT nor NEW HOLDINGS); not applied',
      });
    }
  }
  return { holdings, applied };
}
