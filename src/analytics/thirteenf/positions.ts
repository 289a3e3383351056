import type { Holding } from '../../sources/sec/thirteenf/normalise.js';
import type { PutCall, ShareType } from '../../sources/sec/thirteenf/types.js';

/**
 * A position: one security in one form (shares, principal, put or call). Rows are grouped by
 * CUSIP *and* put/call *and* share type — grouping by CUSIP alone merged Put and Call rows into
 * the stock row and lost the puts in one project (edgartools #824). A PLTR put and PLTR shares
 * are different positions. Rows for the same key (split by other manager or discretion) add up.
 */
export interface Position {
  key: string;
  cusip: string;
  issuer: string;
  titleOfClass: string;
  putCall: PutCall | null;
  shareType: ShareType;
  shares: number;
  valueUsd: number;
  ticker?: string | null;
}

export function positionKey(h: { cusip: string; putCall: PutCall | null; shareType: ShareType }): string {
  return `${h.cusip}|${h.putCall ?? (h.shareType === 'PRN' ? 'PRN' : 'SH')}`;
}

export function toPositions(holdings: Holding[]): Position[] {
  const byKey = new Map<string, Position>();
  for (const h of holdings) {
    const key = positionKey(h);
    const p = byKey.get(key);
    if (p) {
      p.shares += h.shares;
      p.valueUsd += h.valueUsd;
    } else {
      byKey.set(key, {
        key,
        cusip: h.cusip,
        issuer: h.issuer,
        titleOfClass: h.titleOfClass,
        putCall: h.putCall,
        shareType: h.shareType,
        shares: h.shares,
        valueUsd: h.valueUsd,
      });
    }
  }
  return [...byKey.values()].sort((a, b) => b.valueUsd - a.valueUsd || (a.key < b.key ? -1 : 1));
}

/** Label for a person: "PLTR put", "SPDR S&P 500 ETF TR (put)". */
export function positionLabel(p: Position): string {
  const name = p.ticker ?? p.issuer;
  return p.putCall ? `${name} ${p.putCall.toLowerCase()}` : name;
}
