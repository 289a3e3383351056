import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { anyDamage } from '../../../test/property.js';
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
      anyDamage(name, text, (t) => parse(t, name));
    });
  }
});
