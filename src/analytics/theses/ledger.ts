import { reasonOf } from '../../core/errors.js';
import { INSUFFICIENT } from '../../core/verdict.js';
import { THESIS_4, THESIS_5 } from './ai-shorts-theses.js';
import { THESIS_1, THESIS_2 } from './liquidity-theses.js';
import { THESIS_3, THESIS_6, THESIS_7 } from './market-theses.js';
import {
  type CheckReport,
  type CheckResult,
  combineStatuses,
  type ThesisCheck,
  type ThesisData,
  type ThesisDef,
  type ThesisResult,
} from './types.js';

/** Every PRODUCT.md thesis, in order. */
export const THESES: readonly ThesisDef[] = [
  THESIS_1,
  THESIS_2,
  THESIS_3,
  THESIS_4,
  THESIS_5,
  THESIS_6,
  THESIS_7,
];

/**
 * What every check's result must satisfy whatever the rule: a verdict the rule declares it can
 * reach, and no evidence describing or read from a day after the as-of day. A result that breaks
 * this is a defect; it is reported as insufficient data with the reason instead of shown.
 */
export function resultDefect(check: ThesisCheck, r: CheckResult, asOf: string): string | null {
  if (!check.outcomes.includes(r.status)) return `verdict '${r.status}' is not one the rule declares`;
  for (const e of r.evidence) {
    if (e.to > asOf || e.from > e.to)
      return `evidence '${e.label}' has window ${e.from} → ${e.to} past ${asOf}`;
    const late = e.inputDates.find((x) => x > asOf);
    if (late) return `evidence '${e.label}' uses an input dated ${late}, after ${asOf}`;
  }
  return null;
}

/** Run one check: a check that throws (bad or odd data) or breaks the rules above is insufficient data, with the reason. */
export function runCheck(c: ThesisCheck, data: ThesisData): CheckReport {
  let r: CheckResult;
  try {
    r = c.evaluate(data);
    const defect = resultDefect(c, r, data.asOf);
    if (defect) r = { status: INSUFFICIENT, summary: `check defect: ${defect}`, evidence: [] };
  } catch (e) {
    r = { status: INSUFFICIENT, summary: `check failed: ${reasonOf(e)}`, evidence: [] };
  }
  return { id: c.id, claim: c.claim, dataNeeded: c.dataNeeded, test: c.test, thresholds: c.thresholds, ...r };
}

/**
 * Evaluate every thesis on data already cut to `data.asOf`. One broken input never hides the
 * rest of the ledger.
 */
export function evaluateThesesOn(data: ThesisData, theses: readonly ThesisDef[] = THESES): ThesisResult[] {
  return theses.map((t) => {
    const checks = t.checks.map((c) => runCheck(c, data));
    return {
      id: t.id,
      number: t.number,
      title: t.title,
      claim: t.claim,
      seed: t.seed,
      status: combineStatuses(checks.map((c) => c.status)),
      asOf: data.asOf,
      checks,
    };
  });
}
