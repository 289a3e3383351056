import { readFileSync } from 'node:fs';
import { dataFile } from '../../../../test/shared-data.js';
import { withKnownFrom } from '../../../analytics/regime/from-series.js';
import { nextBusinessDay } from '../../../sources/fred/publication.js';
import { buildTgaSeries, parseDtsCashCsv } from '../../../sources/treasury/dts-cash.js';
import { type DebtTransaction, parsePublicDebtTransactions } from '../../../sources/treasury/dts-debt.js';
import type { PlumbingInputs } from '../index.js';
import { spliceSeries } from '../reserves.js';
import type { KnownObs, Obs } from '../series.js';
import { readFredCsv } from './fred-csv.js';

/** A FRED series with the day each value was public, by the series' release rule (as the store records it). */
const fred = (id: string, obs: Obs[]): KnownObs[] => withKnownFrom(id, obs) as KnownObs[];
/** DTS rows are public the next business day (sources/treasury ingest). */
const dts = (obs: Obs[]): KnownObs[] => obs.map((o) => ({ ...o, knownFrom: nextBusinessDay(o.date) }));

/** Daily sums of one DTS security group, as a series. */
export function dtsDaily(rows: DebtTransaction[], kind: 'issue' | 'redemption', types: string[]): Obs[] {
  const m = new Map<string, number>();
  for (const r of rows) {
    if (!r.marketable || r.kind !== kind || !types.includes(r.securityType)) continue;
    m.set(r.date, (m.get(r.date) ?? 0) + r.today);
  }
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, value]) => ({ date, value }));
}

/**
 * All plumbing inputs from the real files in ../shared/data (test and bench only): the longest
 * history per series, later downloads winning on overlaps, every unit converted to US$.
 */
export function loadRealInputs(): PlumbingInputs {
  const cashFile = dataFile('treasury', 'DTS_OpCashBal_20210624_20260623.csv');
  const tga = buildTgaSeries(parseDtsCashCsv(readFileSync(cashFile, 'utf8'), cashFile).rows, cashFile);
  const debtFile = dataFile('treasury', 'DTS_PubDebtTrans_20210624_20260623.csv');
  const debt = parsePublicDebtTransactions(readFileSync(debtFile, 'utf8'), debtFile).rows;
  return {
    wresbal: fred(
      'WRESBAL',
      spliceSeries(
        readFredCsv('legacy-DATE-header/WRESBAL_1984-2024.csv', 'usd_billions'),
        readFredCsv('sofr3-2021-2026/WRESBAL.csv', 'usd_millions'),
      ),
    ),
    totresns: fred('TOTRESNS', readFredCsv('legacy-DATE-header/TOTRESNS.csv', 'usd_billions')),
    walcl: fred('WALCL', readFredCsv('fredapi-pandas/WALCL_api.csv', 'usd_millions')),
    wtregen: fred('WTREGEN', readFredCsv('fredapi-pandas/WTREGEN_api.csv', 'usd_millions')),
    rrp: fred(
      'RRPONTSYD',
      spliceSeries(
        readFredCsv('fredapi-pandas/RRPONTSYD_api.csv', 'usd_billions'),
        readFredCsv('sofr3-2021-2026/RRPONTSYD.csv', 'usd_billions'),
      ),
    ),
    sofr: fred(
      'SOFR',
      spliceSeries(readFredCsv('SOFR.csv', 'percent'), readFredCsv('sofr3-2021-2026/SOFR.csv', 'percent')),
    ),
    iorb: fred('IORB', readFredCsv('sofr3-2021-2026/IORB.csv', 'percent')),
    effr: fred('EFFR', readFredCsv('EFFR.csv', 'percent')),
    tgaDaily: dts(tga.days.map((d) => ({ date: d.date, value: d.close }))),
    billIssues: dts(dtsDaily(debt, 'issue', ['Bills'])),
    couponIssues: dts(dtsDaily(debt, 'issue', ['Notes', 'Bonds'])),
    billRedemptions: dts(dtsDaily(debt, 'redemption', ['Bills'])),
    couponRedemptions: dts(dtsDaily(debt, 'redemption', ['Notes', 'Bonds'])),
    hyOas: fred('BAMLH0A0HYM2', readFredCsv('fredapi-pandas/BAMLH0A0HYM2_api.csv', 'percent')),
    vix: fred('VIXCLS', readFredCsv('fredapi-pandas/VIXCLS_api.csv', 'index')),
    nfci: fred('NFCI', readFredCsv('fredapi-pandas/NFCI_api.csv', 'index')),
  };
}
