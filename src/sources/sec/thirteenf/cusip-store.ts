import { existsSync, readFileSync } from 'node:fs';
import type { Db } from '../../../store/db.js';
import {
  type CompanyTicker,
  makeResolver,
  NameMatcher,
  parseUserMapping,
  type TickerMapping,
  type TickerResolver,
} from './cusip-map.js';

const ts = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

/** Default user mapping file; TIDEWATCH_CUSIP_MAP overrides. */
export const DEFAULT_CUSIP_MAP_FILE = 'data/cusip-map.csv';

export async function storedMappings(db: Db): Promise<Map<string, TickerMapping>> {
  const rows = await db.all<{ cusip: string; ticker: string; name: string | null; source: string }>(
    'SELECT cusip, ticker, name, source FROM sec_cusip_map',
  );
  return new Map(rows.map((r) => [r.cusip, { ticker: r.ticker, name: r.name, source: 'stored' as const }]));
}

/** Name-match every stored CUSIP that has no mapping yet, and keep the result. */
export async function mapStoredCusips(db: Db, companies: CompanyTicker[], now = new Date()): Promise<number> {
  const matcher = new NameMatcher(companies);
  const todo = await db.all<{ cusip: string; issuer: string }>(
    `SELECT cusip, MIN(issuer) AS issuer FROM sec_13f_rows
     WHERE cusip NOT IN (SELECT cusip FROM sec_cusip_map) GROUP BY cusip`,
  );
  let n = 0;
  for (const t of todo) {
    const m = matcher.match(t.issuer);
    if (!m) continue;
    await db.run(
      'INSERT INTO sec_cusip_map (cusip, ticker, name, source, updated_at) VALUES ($1, $2, $3, $4, $5)',
      [t.cusip, m.ticker, t.issuer, 'name-match', ts(now)],
    );
    n++;
  }
  return n;
}

/** User file (if present) over stored mappings. */
export async function storeResolver(db: Db, mapFile?: string): Promise<TickerResolver> {
  const file = mapFile ?? process.env.TIDEWATCH_CUSIP_MAP ?? DEFAULT_CUSIP_MAP_FILE;
  const user = existsSync(file) ? parseUserMapping(readFileSync(file, 'utf8'), file) : undefined;
  const stored = await storedMappings(db);
  return makeResolver(user ? { user, stored } : { stored });
}
