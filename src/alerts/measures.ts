import { cryptoFromStore } from '../analytics/markets/load.js';
import { explainWeek, reportWeekAsOf } from '../analytics/regime/engine.js';
import { riskFromStore } from '../analytics/regime/load.js';
import { LEVEL_NAMES } from '../analytics/regime/rules.js';
import { evaluateTheses } from '../analytics/theses/store.js';
import { daysBetween } from '../core/dates.js';
import { formatUsd } from '../core/format.js';
import { liquidityAsOf } from '../loaders/liquidity.js';
import { plumbingFromStore } from '../loaders/plumbing.js';
import { getWatchlist } from '../sources/sec/thirteenf/watchlist-store.js';
import type { Store } from '../store/store.js';
import type { AlertKind, AlertParams } from './rules.js';

/**
 * What each alert kind measures, as known on the as-of day, through the one function that
 * computes that quantity for every other surface (plumbing, liquidity, risk, 13F, crypto,
 * ledger). A measure never invents a value: missing or stale inputs give `active: false` and say
 * so in `detail`.
 */
export interface Measurement {
  /** The inputs were there and fresh enough to decide; an unknown measurement changes no state. */
  known: boolean;
  /** Threshold kinds: the condition holds. */
  active: boolean;
  /** The measured figure (threshold kinds) or state (change kinds), comparable between checks. */
  value: string | number | null;
  /** Date of the newest input used. */
  date: string | null;
  /** One sentence with the numbers. */
  detail: string;
}

/** Daily inputs older than this on the as-of day are stale (a weekend plus a holiday week). */
const DAILY_STALE_DAYS = 10;
/** Weekly (H.4.1) inputs older than this are stale. */
const WEEKLY_STALE_DAYS = 14;

function staleNote(date: string, asOf: string, maxDays: number): string | null {
  const age = daysBetween(date, asOf);
  return age > maxDays ? `stale: newest value ${date} is ${age} days old` : null;
}

/** Length of the run of values > 0 that ends at the newest observation. */
export function trailingRun(values: readonly { date: string; value: number }[]): {
  days: number;
  since: string | null;
} {
  let days = 0;
  let since: string | null = null;
  for (let i = values.length - 1; i >= 0 && values[i]!.value > 0; i--) {
    days++;
    since = values[i]!.date;
  }
  return { days, since };
}

type Measure = (store: Store, asOf: string, p: AlertParams) => Promise<Measurement>;

export const MEASURES: Record<AlertKind, Measure> = {
  async 'sofr-above-iorb'(store, asOf, p) {
    const spread = (await plumbingFromStore(store, asOf)).history.sofrIorb ?? [];
    const last = spread.at(-1);
    if (!last)
      return {
        known: false,
        active: false,
        value: null,
        date: null,
        detail: 'SOFR − IORB not known (SOFR or IORB not stored)',
      };
    const stale = staleNote(last.date, asOf, DAILY_STALE_DAYS);
    const run = trailingRun(spread);
    const need = p.days!;
    return {
      known: !stale,
      active: !stale && run.days >= need,
      value: run.days,
      date: last.date,
      detail: stale
        ? `SOFR − IORB ${stale}`
        : run.days > 0
          ? `SOFR above IORB ${run.days} business day(s) running since ${run.since} (latest ${last.value.toFixed(0)} bp on ${last.date}; alert at ${need})`
          : `SOFR at or below IORB on ${last.date} (${last.value.toFixed(0)} bp)`,
    };
  },

  async 'reserves-below'(store, asOf, p) {
    const row = (await plumbingFromStore(store, asOf)).rows.find((r) => r.id === 'reserves');
    if (!row?.date || row.value === null)
      return {
        known: false,
        active: false,
        value: null,
        date: null,
        detail: 'reserve balances (WRESBAL) not stored',
      };
    const stale = staleNote(row.date, asOf, WEEKLY_STALE_DAYS);
    return {
      known: !stale,
      active: !stale && row.value < p.usd!,
      value: row.value,
      date: row.date,
      detail: `reserve balances ${formatUsd(row.value)} on ${row.date} (alert below ${formatUsd(p.usd!)})${stale ? `; ${stale}` : ''}`,
    };
  },

  async 'net-liquidity-13w-below'(store, asOf, p) {
    const nl = await liquidityAsOf(store, asOf);
    if (!nl || nl.change13wUsd === null)
      return {
        known: false,
        active: false,
        value: null,
        date: nl?.fedAssetsDate ?? null,
        detail: 'net liquidity 13-week change not known',
      };
    return {
      known: !nl.stale,
      active: !nl.stale && nl.change13wUsd < p.usd!,
      value: nl.change13wUsd,
      date: nl.fedAssetsDate,
      detail: `net liquidity ${formatUsd(nl.netLiquidityUsd)}, ${formatUsd(nl.change13wUsd)} over 13 weeks (alert below ${formatUsd(p.usd!)})${nl.stale ? '; stale inputs' : ''}`,
    };
  },

  async 'risk-level-change'(store, asOf) {
    const h = await riskFromStore(store, asOf);
    const { index, note } = reportWeekAsOf(h.levels, asOf);
    const e = index >= 0 ? explainWeek(h.levels, index) : undefined;
    if (!e || e.level === -1 || note)
      return {
        known: false,
        active: false,
        value: null,
        date: e?.week ?? null,
        detail: note ?? 'risk level not known',
      };
    return {
      known: true,
      active: false,
      value: e.level,
      date: e.week,
      detail: `risk level ${e.level} (${LEVEL_NAMES[e.level]}) in the week to ${e.week}${e.fired.length ? `: ${e.fired.map((f) => f.rule).join(', ')}` : ''}`,
    };
  },

  async 'new-13f'(store, asOf, p) {
    const ciks = p.cik ? [p.cik] : (await getWatchlist(store.db)).map((w) => w.cik);
    if (!ciks.length)
      return { known: false, active: false, value: null, date: null, detail: 'no filer watched' };
    const rows = await store.db.all<{
      accession: string;
      cik: number;
      filer_name: string | null;
      form: string;
      period: string;
      filed: string;
    }>(
      `SELECT accession, cik, filer_name, form, CAST(period AS VARCHAR) AS period, CAST(filed AS VARCHAR) AS filed
         FROM sec_13f_filings
        WHERE cik IN (${ciks.map((_, i) => `$${i + 2}`).join(', ')}) AND filed IS NOT NULL AND filed <= CAST($1 AS DATE)
        ORDER BY filed DESC, accession DESC LIMIT 1`,
      [asOf, ...ciks],
    );
    const f = rows[0];
    if (!f)
      return {
        known: false,
        active: false,
        value: null,
        date: null,
        detail: `no 13F of CIK ${ciks.join(', ')} filed by ${asOf}`,
      };
    return {
      known: true,
      active: false,
      value: f.accession,
      date: f.filed,
      detail: `${f.filer_name ?? `CIK ${f.cik}`} filed ${f.form} for ${f.period} on ${f.filed} (accession ${f.accession})`,
    };
  },

  async 'btc-drawdown-beyond'(store, asOf, p) {
    const c = await cryptoFromStore(store, asOf);
    const last = c.last;
    if (!last || c.currentDrawdown === null)
      return { known: false, active: false, value: null, date: null, detail: 'no BTC closes stored' };
    const stale = staleNote(last.date.slice(0, 10), asOf, DAILY_STALE_DAYS);
    return {
      known: !stale,
      active: !stale && c.currentDrawdown <= p.fraction!,
      value: c.currentDrawdown,
      date: last.date.slice(0, 10),
      detail: `BTC ${formatUsd(last.value)} on ${last.date.slice(0, 10)}, ${(-c.currentDrawdown * 100).toFixed(1)} % below its all-time high close (alert at ${(-p.fraction! * 100).toFixed(0)} % below)${stale ? `; ${stale}` : ''}`,
    };
  },

  async 'thesis-verdict-change'(store, asOf) {
    const results = await evaluateTheses(store, asOf);
    const state = Object.fromEntries(results.map((r) => [r.id, r.status]));
    return {
      known: results.length > 0,
      active: false,
      value: JSON.stringify(state),
      date: asOf,
      detail: results.map((r) => `${r.number} ${r.title}: ${r.status}`).join('; '),
    };
  },
};
