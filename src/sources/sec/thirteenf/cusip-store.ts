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
import { mapCusipsOpenFigi, type Poster } from './openfigi.js';

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

/**
 * User file (if present) over stored mappings; with `builtIn` (every 13F and scorecard view) the
 * built-in ETF/issuer list last. The import's unit check leaves it out: it decides from mappings
 * a person or OpenFIGI made.
 */
export async function storeResolver(
  db: Db,
  mapFile?: string,
  opts: { builtIn?: boolean } = {},
): Promise<TickerResolver> {
  const file = mapFile ?? process.env.TIDEWATCH_CUSIP_MAP ?? DEFAULT_CUSIP_MAP_FILE;
  const user = existsSync(file) ? parseUserMapping(readFileSync(file, 'utf8'), file) : undefined;
  const stored = await storedMappings(db);
  return makeResolver({ ...(user ? { user } : {}), stored, builtIn: opts.builtIn ?? false });
}

/** Stored CUSIPs that no mapping covers yet (user file excluded: it is read at query time). */
export async function unmappedCusips(db: Db): Promise<{ cusip: string; issuer: string }[]> {
  return db.all<{ cusip: string; issuer: string }>(
    `SELECT cusip, MIN(issuer) AS issuer FROM sec_13f_rows
     WHERE cusip NOT IN (SELECT cusip FROM sec_cusip_map) GROUP BY cusip ORDER BY cusip`,
  );
}

export interface MapCusipsResult {
  nameMatched: number;
  openFigiAsked: number;
  openFigiMapped: number;
  stillUnmapped: { cusip: string; issuer: string }[];
  notes: string[];
}

/**
 * `tidewatch 13f map-cusips`: name match against company_tickers.json (when given), then —
 * optionally, keyed — OpenFIGI for what is left. Mappings are stored with their source; the
 * user's mapping file still wins at query time. The API key goes in a request header only.
 */
export async function mapCusips(
  db: Db,
  opts: {
    companies?: CompanyTicker[];
    openFigi?: { poster: Poster; env?: Record<string, string | undefined> };
    now?: Date;
  },
): Promise<MapCusipsResult> {
  const now = opts.now ?? new Date();
  const notes: string[] = [];
  const nameMatched = opts.companies ? await mapStoredCusips(db, opts.companies, now) : 0;
  if (!opts.companies) notes.push('name match skipped: no company_tickers.json');
  let asked = 0;
  let mapped = 0;
  if (opts.openFigi) {
    const todo = (await unmappedCusips(db)).map((t) => t.cusip);
    asked = todo.length;
    if (todo.length) {
      const found = await mapCusipsOpenFigi(opts.openFigi.poster, todo, opts.openFigi.env);
      await db.transaction(async (tx) => {
        for (const [cusip, m] of found) {
          await tx.run(
            'INSERT INTO sec_cusip_map (cusip, ticker, name, source, updated_at) VALUES ($1, $2, $3, $4, $5)',
            [cusip, m.ticker, m.name, 'openfigi', ts(now)],
          );
        }
      });
      mapped = found.size;
    }
  }
  return {
    nameMatched,
    openFigiAsked: asked,
    openFigiMapped: mapped,
    stillUnmapped: await unmappedCusips(db),
    notes,
  };
}
