import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { damage, damageArb, PARSER_RUNS, parsesOrRefuses } from '../../../test/property.js';
import { parseMarketEventsCsv, parseTokensCsv } from './datasets.js';
import { CURATED_DIR } from './load.js';

/** Property tests of the curated-file readers: any damage parses or is refused naming the file. */
const read = (f: string) => readFileSync(path.join(CURATED_DIR, f), 'utf8');

describe('curated CSV properties', () => {
  for (const [name, parse] of [
    ['tokens.csv', parseTokensCsv],
    ['market-events.csv', parseMarketEventsCsv],
  ] as const) {
    it(`any damage to ${name}: rows, or a TidewatchError naming the file`, () => {
      const text = read(name);
      fc.assert(
        fc.property(fc.array(damageArb, { minLength: 1, maxLength: 3 }), (edits) => {
          parsesOrRefuses(name, () => parse(damage(text, edits), name));
        }),
        { numRuns: PARSER_RUNS },
      );
    });
  }
});
