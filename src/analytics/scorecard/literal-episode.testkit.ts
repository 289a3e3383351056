import { addDays } from '../../core/dates.js';
import type { ShortEpisode } from './episodes.js';

/** The citation of a literal test row. */
export const LITERAL_SOURCE = { kind: 'curated' as const, source: 'literal test row' };

/**
 * A hand-written curated episode for the scorecard's literal tests: a single-name put of period
 * `periodEnd`, public 45 days later (no cited filing date); `over` sets any other field.
 */
export function literalEpisode(periodEnd: string, over: Partial<ShortEpisode> = {}): ShortEpisode {
  return {
    id: 'e',
    cik: 1,
    manager: 'm',
    underlying: 'u',
    priceSymbol: 'XYZ',
    instrument: 'puts',
    periodEnd,
    filedDate: '',
    class: 'single-name',
    reportedNotionalUsd: null,
    reportedOutcome: '',
    source: 'literal',
    knownFrom: addDays(periodEnd, 45),
    knownFromRule: 'period end + 45 days',
    origin: 'curated',
    provenance: { narrative: LITERAL_SOURCE, reportedNotionalUsd: null, filedDate: null },
    ...over,
  };
}
