import { isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';

/**
 * Desk operation results from the Markets API (shapes from its published documentation):
 * - `/api/rp/results/search.json` → `{ repo: { operations: [ { operationId, operationDate,
 *   operationType: 'Repo' | 'Reverse Repo', term, totalAmtSubmitted, totalAmtAccepted,
 *   details: [{ securityType, amtAccepted, percentAwardRate | percentOfferingRate }] } ] } }`.
 *   Repo = standing repo facility (SRF) take-up since 2021-07; Reverse Repo = ON RRP take-up.
 *   Amounts are US$ (not millions).
 * - `/api/tsy/all/results/summary/search.json` → `{ treasury: { auctions: [ { operationId,
 *   operationDate, operationType ('Outright Bill Purchase', 'Outright Coupon Purchase', …),
 *   operationDirection 'P'|'S', totalParAmtAccepted } ] } }`; par amounts in US$.
 */
export interface RepoOperation {
  id: string;
  date: string;
  kind: 'repo' | 'reverse-repo';
  term: string | null;
  accepted: number;
  submitted: number | null;
  /** Award rate of the largest accepted tranche, percent (null when none). */
  awardRate: number | null;
}

export interface TreasuryOperation {
  id: string;
  date: string;
  operationType: string;
  direction: 'purchase' | 'sale';
  bills: boolean;
  parAccepted: number;
}

const asNum = (v: unknown, where: string, field: string, required: boolean): number | null => {
  if (v === undefined || v === null || v === '' || v === 'null') {
    if (required) throw new TidewatchError('bad-input', `${where}: required field '${field}' missing`);
    return null;
  }
  const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, ''));
  if (!Number.isFinite(n))
    throw new TidewatchError('bad-input', `${where}: field '${field}' not a number: '${v}'`);
  return n;
};

const asDate = (v: unknown, where: string, field: string): string => {
  if (typeof v !== 'string' || !isIsoDate(v.slice(0, 10))) {
    throw new TidewatchError(
      'bad-input',
      `${where}: required field '${field}' missing or not a date: '${v}'`,
    );
  }
  return v.slice(0, 10);
};

export function parseRepoOperations(doc: unknown, source: string): RepoOperation[] {
  const ops = (doc as { repo?: { operations?: unknown } } | null)?.repo?.operations;
  if (!Array.isArray(ops))
    throw new TidewatchError('bad-input', `${source}: required field 'repo.operations' missing`);
  return ops.map((raw, i) => {
    const o = raw as Record<string, unknown>;
    const where = `${source} repo.operations[${i}]`;
    const type = String(o['operationType'] ?? '');
    const kind = /^reverse/i.test(type) ? 'reverse-repo' : /^repo/i.test(type) ? 'repo' : null;
    if (!kind) throw new TidewatchError('bad-input', `${where}: field 'operationType' unknown: '${type}'`);
    const details = Array.isArray(o['details']) ? (o['details'] as Record<string, unknown>[]) : [];
    let awardRate: number | null = null;
    let best = -1;
    for (const d of details) {
      const amt = asNum(d['amtAccepted'], where, 'details.amtAccepted', false) ?? 0;
      const rate = asNum(
        d['percentAwardRate'] ?? d['percentOfferingRate'],
        where,
        'details.percentAwardRate',
        false,
      );
      if (rate !== null && amt > best) {
        best = amt;
        awardRate = rate;
      }
    }
    return {
      id: String(o['operationId'] ?? `${o['operationDate']}-${i}`),
      date: asDate(o['operationDate'], where, 'operationDate'),
      kind,
      term: typeof o['term'] === 'string' ? o['term'] : null,
      accepted: asNum(o['totalAmtAccepted'], where, 'totalAmtAccepted', true)!,
      submitted: asNum(o['totalAmtSubmitted'], where, 'totalAmtSubmitted', false),
      awardRate,
    };
  });
}

export function parseTreasuryOperations(doc: unknown, source: string): TreasuryOperation[] {
  const ops = (doc as { treasury?: { auctions?: unknown } } | null)?.treasury?.auctions;
  if (!Array.isArray(ops)) {
    throw new TidewatchError('bad-input', `${source}: required field 'treasury.auctions' missing`);
  }
  return ops.map((raw, i) => {
    const o = raw as Record<string, unknown>;
    const where = `${source} treasury.auctions[${i}]`;
    const type = String(o['operationType'] ?? '');
    const dir = String(o['operationDirection'] ?? (/sale/i.test(type) ? 'S' : 'P'));
    return {
      id: String(o['operationId'] ?? `${o['operationDate']}-${i}`),
      date: asDate(o['operationDate'], where, 'operationDate'),
      operationType: type,
      direction: dir === 'S' ? 'sale' : 'purchase',
      bills: /bill/i.test(type),
      parAccepted: asNum(o['totalParAmtAccepted'], where, 'totalParAmtAccepted', true)!,
    };
  });
}

/** Daily totals per kind (several operations a day — e.g. SRF morning + afternoon — summed). */
export function dailyTotals<T extends { date: string }>(
  rows: T[],
  amount: (r: T) => number,
): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.date, (m.get(r.date) ?? 0) + amount(r));
  return m;
}
