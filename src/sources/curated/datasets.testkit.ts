import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLiquidationTotalsCsv, parseMarketEventsCsv, parseTokensCsv } from './datasets.js';
import { CURATED_DIR } from './load.js';

/** The shipped curated files parsed directly (tests of the pure functions over them). */
const read = (name: string) => {
  const file = path.join(CURATED_DIR, name);
  return { text: readFileSync(file, 'utf8'), file };
};

export function shippedTokens() {
  const f = read('tokens.csv');
  return parseTokensCsv(f.text, f.file);
}

export function shippedMarketEvents() {
  const f = read('market-events.csv');
  return parseMarketEventsCsv(f.text, f.file);
}

export function shippedLiquidationTotals() {
  const f = read('liquidations-daily.csv');
  return parseLiquidationTotalsCsv(f.text, f.file);
}
