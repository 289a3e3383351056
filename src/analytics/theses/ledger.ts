import { reasonOf } from '../../core/errors.js';
import { THESIS_4, THESIS_5 } from './ai-shorts-theses.js';
import { THESIS_1, THESIS_2 } from './liquidity-theses.js';
import { THESIS_3, THESIS_6, THESIS_7 } from './market-theses.js';
import { combineStatuses, type ThesisData, type ThesisDef, type ThesisResult } from './types.js';

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
 * Evaluate every thesis on data already cut to `data.asOf`. A check that throws (bad or odd
 * data) is reported as insufficient data with the reason, so one broken input never hides the
 * rest of the ledger.
 */
export function evaluateThesesOn(data: ThesisData, theses: readonly ThesisDef[] = THESES): ThesisResult[] {
  return theses.map((t) => {
    const checks = t.checks.map((c) => {
      let r: ReturnType<typeof c.evaluate>;
      try {
        r = c.evaluate(data);
      } catch (e) {
        r = { status: 'insufficient data', summary: `check failed: ${reasonOf(e)}`, evidence: [] };
      }
      return { id: c.id, claim: c.claim, dataNeeded: c.dataNeeded, test: c.test, ...r };
    });
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
