import { analyticsMigrations } from './analytics.js';
import { capexMigrations } from './capex.js';
import { coreMigrations } from './core.js';
import { curatedMigrations } from './curated.js';
import { marketsMigrations } from './markets.js';
import { plumbingMigrations } from './plumbing.js';
import { secMigrations } from './sec.js';
import { secPositionsMigrations } from './sec-positions.js';
import type { Migration } from './types.js';

export type { Migration };

export const allMigrations: Migration[] = [
  ...coreMigrations,
  ...plumbingMigrations,
  ...secMigrations,
  ...secPositionsMigrations,
  ...capexMigrations,
  ...marketsMigrations,
  ...analyticsMigrations,
  ...curatedMigrations,
].sort((a, b) => a.version - b.version);
