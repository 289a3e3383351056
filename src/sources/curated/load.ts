import path from 'node:path';
import { projectPath } from '../../core/paths.js';
import { parseJsonWhole } from '../../core/wholeness.js';
import { readTextFile } from '../../update/files.js';
import {
  type LiquidationTotal,
  type MarketEvent,
  parseLiquidationTotalsCsv,
  parseMarketEventsCsv,
  parseTokensCsv,
  type TokenObservation,
} from './datasets.js';

/** The curated files shipped inside the repository (src/sources/curated/data). */
export const CURATED_DIR = projectPath('src', 'sources', 'curated', 'data');

export function curatedVersion(dir = CURATED_DIR): { version: number; updated: string } {
  const m = parseJsonWhole(
    readTextFile(path.join(dir, 'manifest.json')),
    path.join(dir, 'manifest.json'),
  ) as {
    version: number;
    updated: string;
  };
  return { version: m.version, updated: m.updated };
}

export function loadTokenDataset(dir = CURATED_DIR): TokenObservation[] {
  const file = path.join(dir, 'tokens.csv');
  return parseTokensCsv(readTextFile(file), file);
}

export function loadMarketEvents(dir = CURATED_DIR): MarketEvent[] {
  const file = path.join(dir, 'market-events.csv');
  return parseMarketEventsCsv(readTextFile(file), file);
}

export function loadLiquidationTotals(dir = CURATED_DIR): LiquidationTotal[] {
  const file = path.join(dir, 'liquidations-daily.csv');
  return parseLiquidationTotalsCsv(readTextFile(file), file);
}
