import type { TickerResolver } from '../../sources/sec/thirteenf/cusip-map.js';
import {
  effectiveQuarters,
  type QuarterQuery,
  type StoredFiling,
} from '../../sources/sec/thirteenf/repository.js';
import type { Db } from '../../store/db.js';
import { type Position, positionKey, toPositions } from './positions.js';

/**
 * The one holdings read for every 13F view — `13f holdings`, `13f diff`, the watchlist and its
 * dashboard panel, the scorecard's put episodes and through them thesis 5: stored filings public
 * by the as-of day → amendments applied (repository.effectiveQuarters) → positions (a put, a call
 * and the shares of one CUSIP are three positions) with tickers.
 */

export interface FilingRole {
  accession: string;
  form: string;
  filed: string | null;
  /** The day it became public (the filing date; the import day when the file carried none). */
  knownFrom: string;
  action: string;
  reason: string;
  unit: string;
  unitRule: string;
  unitDetail: string;
}

/** A position with the filings its rows came from. */
export interface SourcedPosition extends Position {
  ticker: string | null;
  accessions: string[];
  /** The first day any of its rows was public. */
  firstKnown: string;
}

export interface QuarterPositions {
  cik: number;
  filer: string | null;
  period: string;
  filings: FilingRole[];
  positions: SourcedPosition[];
}

export async function holdingsAsOf(
  db: Db,
  q: QuarterQuery,
  resolver?: TickerResolver,
): Promise<QuarterPositions[]> {
  const quarters = await effectiveQuarters(db, q);
  return quarters.map((qh) => {
    const byAcc = new Map<string, StoredFiling>(qh.filings.map((f) => [f.accession, f]));
    const rowsByKey = new Map<string, typeof qh.holdings>();
    for (const h of qh.holdings) {
      const k = positionKey(h);
      rowsByKey.set(k, [...(rowsByKey.get(k) ?? []), h]);
    }
    const positions = toPositions(qh.holdings).map((p): SourcedPosition => {
      const rows = rowsByKey.get(p.key)!;
      return {
        ...p,
        ticker: resolver?.resolve(p.cusip, p.issuer)?.ticker ?? null,
        accessions: [...new Set(rows.map((r) => r.accession))],
        firstKnown: rows.map((r) => r.knownFrom).sort()[0]!,
      };
    });
    return {
      cik: qh.cik,
      filer: qh.filings.find((f) => f.filer_name)?.filer_name ?? null,
      period: qh.period,
      filings: qh.applied.map((a) => {
        const f = byAcc.get(a.accession)!;
        return {
          accession: a.accession,
          form: f.form,
          filed: f.filed,
          knownFrom: f.known_from,
          action: a.action,
          reason: a.reason,
          unit: f.value_unit,
          unitRule: f.unit_rule,
          unitDetail: f.unit_detail,
        };
      }),
      positions,
    };
  });
}
