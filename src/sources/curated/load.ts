import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectPath } from '../../core/paths.js';
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
  const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    version: number;
    updated: string;
  };
  return { version: m.version, updated: m.updated };
}

export function loadTokenDataset(dir = CURATED_DIR): TokenObservation[] {
  const file = path.join(dir, 'tokens.csv');
  return parseTokensCsv(readFileSync(file, 'utf8'), file);
}

export function loadMarketEvents(dir = CURATED_DIR): MarketEvent[] {
  const file = path.join(dir, 'market-events.csv');
  return parseMarketEventsCsv(readFileSync(file, 'utf8'), file);
}

export function loadLiquidationTotals(dir = CURATED_DIR): LiquidationTotal[] {
  const file = path.join(dir, 'liquidations-daily.csv');
  return parseLiquidationTotalsCsv(readFileSync(file, 'utf8'), file);
}
