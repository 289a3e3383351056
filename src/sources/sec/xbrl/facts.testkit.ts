import { dataText } from '../../../../test/shared-data.js';
import type { XbrlFact } from './types.js';

/** Test-only: a file of ../shared/data/sec/xbrl as text. */
export const readXbrl = (file: string): string => dataText('sec', 'xbrl', file);

/** The consolidated figures of one us-gaap concept (no dimensions), by period end. */
export function consolidatedFacts(facts: XbrlFact[], concept: string): XbrlFact[] {
  return facts
    .filter((f) => f.concept === concept && f.dims === '' && f.taxonomy === 'us-gaap')
    .sort((a, b) => a.end.localeCompare(b.end));
}
