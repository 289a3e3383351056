import {
  explainWeek,
  type FiredRule,
  levelEpisodes,
  reportWeekAsOf,
  type WeekExplanation,
} from '../analytics/regime/engine.js';
import type { LevelHorizonStats } from '../analytics/regime/forward.js';
import { type LevelCount, RISK_HISTORY_START, RISK_SERIES } from '../analytics/regime/from-series.js';
import { riskFromStore } from '../analytics/regime/load.js';
import {
  INDICATORS,
  type IndicatorId,
  LEVEL_NAMES,
  type Level,
  type RiskRule,
} from '../analytics/regime/rules.js';
import type { Format } from '../core/format.js';
import type { Store } from '../store/store.js';
import { newestKnownOn } from '../trace/observations.js';
import { col, columns } from './columns.js';
import type { Chart, ChartSeries, Empty, Kpi, Table, Tone, TraceRef, View } from './model.js';
import { emptyView, rowTraces } from './model.js';

/**
 * The macro risk level as a view: the level as of the day with the rules that fired, what
 * followed each level (forward return and drawdown per asset), and the weekly history with its
 * runs. `tidewatch risk`, `/api/views/risk` (and `/api/risk`, `/api/risk/history`, which answer
 * parts of its `data`) and the dashboard panel render this one object.
 *
 * The engine's internal level −1 means "no level could be graded" (no credit/market input known
 * that week and no squeeze rule fired): it is shown as "no data" with the reason, never as a
 * level, never drawn as a bar, and has no forward-return row.
 */
export interface RiskWeek {
  week: string;
  /** 0–3, or −1 = no data (see above). */
  level: Level | -1;
  fired: string[];
  /** Weekly S&P 500 (SPY) close, null when unknown. */
  spx: number | null;
}

export interface RiskEpisode {
  from: string;
  to: string;
  level: Level | -1;
  weeks: number;
}

export interface RiskViewData {
  asOf: string;
  /** The reported week (the last one ≤ asOf, or the newest with data — see `note`). */
  current: WeekExplanation | null;
  note: string | null;
  levelNames: Record<Level, string>;
  counts: LevelCount[];
  rules: readonly RiskRule[];
  forward: Record<string, LevelHorizonStats[]>;
  priceSources: Record<string, string>;
  weeks: RiskWeek[];
  episodes: RiskEpisode[];
}

/** Colour by meaning: calm is good, a squeeze a warning, credit stress bad, systemic the worst. */
export const LEVEL_TONES: Record<Level | -1, Tone> = {
  [-1]: 'neutral',
  0: 'good',
  1: 'warn',
  2: 'bad',
  3: 'severe',
};

const LEVELS: Level[] = [0, 1, 2, 3];

/** A level for people: "1 — liquidity squeeze"; −1 is "no data", never a number. */
export function levelText(level: Level | -1): string {
  return level === -1 ? 'no data' : `${level} — ${LEVEL_NAMES[level]}`;
}

/** Rule values and thresholds in their indicator's unit (the same format in every table). */
const UNIT_FORMAT: Record<string, { format: Format; digits?: number }> = {
  fraction: { format: 'fraction' },
  bp: { format: 'bp' },
  percent: { format: 'percent' },
  'percentage points': { format: 'pp' },
  index: { format: 'number', digits: 1 },
  'std. dev.': { format: 'number', digits: 2 },
};

function indicatorFormat(id: IndicatorId): { fmt: Format; digits: number | undefined } {
  const f = UNIT_FORMAT[INDICATORS[id].unit];
  return { fmt: f?.format ?? 'number', digits: f?.digits };
}

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>' };

/** Why a week has no level: which credit/market inputs were unknown (the engine's −1 rule). */
export function noLevelReason(c: WeekExplanation, rules: readonly RiskRule[]): string {
  const missing = new Set(c.unavailable);
  const inputs = [
    ...new Set(
      rules.filter((r) => r.level >= 2 && missing.has(r.id)).map((r) => INDICATORS[r.indicator].describe),
    ),
  ];
  return `no credit or market input was known that week (${inputs.join('; ') || 'HY OAS; VIX; NFCI'}) and no squeeze rule fired, so no level can be graded`;
}

/** The risk inputs whose weekly value is one stored observation (the others are changes or extremes). */
const LEVEL_INPUTS: Partial<Record<IndicatorId, string>> = {
  hy_spread_pct: RISK_SERIES.hySpread,
  vix: RISK_SERIES.vix,
  nfci: RISK_SERIES.nfci,
};

/**
 * The trace of a fired rule's value where it is one observation: the series' newest observation
 * public by the week's end. Only when trace (as of the page's day) shows that very value — a
 * revision published since would make it another number, and then there is no reference.
 */
async function firedTrace(store: Store, f: FiredRule, week: string, asOf: string): Promise<TraceRef | null> {
  const id = LEVEL_INPUTS[f.indicator];
  if (!id) return null;
  const o = await newestKnownOn(store.db, id, week, asOf);
  return o && o.value === f.value ? { what: id, date: o.date } : null;
}

function firedTable(c: WeekExplanation, traces: Array<TraceRef | null>): Table {
  const rows = [...c.fired, ...c.watch].map((f: FiredRule) => ({
    level: f.level === 0 ? 'watch' : `L${f.level}`,
    rule: f.rule,
    indicator: INDICATORS[f.indicator].describe,
    value: f.value,
    op: OPS[f.op] ?? f.op,
    threshold: f.threshold,
    why: f.why,
    ...indicatorFormat(f.indicator),
    _tone: LEVEL_TONES[f.level === 0 ? 1 : f.level],
  }));
  return {
    id: 'fired',
    title: `Rules that fired in the week ending ${c.week}`,
    columns: columns({
      level: 'text',
      rule: 'text',
      value: col('value', 'number', { formatKey: 'fmt', digitsKey: 'digits' }),
      op: col('test', 'text'),
      threshold: col('threshold', 'number', { formatKey: 'fmt', digitsKey: 'digits' }),
      why: 'text',
    }),
    rows,
    traces: rowTraces(traces, (t) => (t ? { value: t } : null)),
    note: rows.length
      ? 'L1–L3: rules that argue for that level (the level is the highest with enough of its rules firing); watch: reported, never sets the level.'
      : 'No rule fired that week.',
  };
}

function countsTable(counts: LevelCount[], first: string | undefined): Table {
  const total = counts.reduce((s, c) => s + c.weeks, 0);
  return {
    id: 'counts',
    title: `Weeks and runs per level since ${first ?? RISK_HISTORY_START}`,
    columns: columns({
      level: 'text',
      weeks: 'count',
      share: col('share of weeks', 'fraction'),
      runs: 'count',
    }),
    rows: counts.map((c) => ({
      level: levelText(c.level),
      weeks: c.weeks,
      share: total ? c.weeks / total : null,
      runs: c.runs,
      _tone: LEVEL_TONES[c.level],
    })),
    note: 'runs: stretches of consecutive weeks at one level (independent episodes).',
  };
}

function forwardTable(
  asset: string,
  stats: LevelHorizonStats[],
  counts: LevelCount[],
  source: string | undefined,
): Table {
  const count = new Map(counts.map((c) => [c.level, c]));
  const horizons = [1, 3, 6, 12];
  return {
    id: `forward-${asset}`,
    title: `${asset} after each level — mean forward return / median max drawdown (prices: ${source ?? '?'})`,
    columns: [
      ...columns({
        level: 'text',
        weeks: 'count',
        runs: 'count',
        n6: col('n 6m', 'count'),
      }),
      ...horizons.flatMap((m) => [
        { key: `ret${m}`, label: `${m}m ret`, format: 'fraction-change' as const },
        { key: `mdd${m}`, label: `${m}m mdd`, format: 'fraction' as const },
      ]),
    ],
    rows: LEVELS.filter((lv) => stats.some((s) => s.level === lv)).map((lv) => {
      const at = (m: number) => stats.find((s) => s.level === lv && s.months === m);
      return {
        level: levelText(lv),
        weeks: count.get(lv)?.weeks ?? null,
        runs: count.get(lv)?.runs ?? null,
        n6: at(6)?.n ?? null,
        ...Object.fromEntries(
          horizons.flatMap((m) => [
            [`ret${m}`, at(m)?.meanReturn ?? null],
            [`mdd${m}`, at(m)?.medianMaxDrawdown ?? null],
          ]),
        ),
        _tone: LEVEL_TONES[lv],
      };
    }),
    note: 'Mean return and median max drawdown over the weeks with prices and a complete window ("n 6m" of them for 6 months); windows overlap, see "runs" for independent episodes. Weeks without a level (no data) are left out.',
  };
}

function runsTable(episodes: RiskEpisode[]): Table {
  return {
    id: 'runs',
    title: `Runs of each level, the last 12 of ${episodes.length}`,
    columns: columns({
      from: 'date',
      to: 'date',
      level: 'text',
      weeks: 'count',
    }),
    rows: episodes.slice(-12).map((e) => ({ ...e, level: levelText(e.level), _tone: LEVEL_TONES[e.level] })),
  };
}

function rulesTable(rules: readonly RiskRule[]): Table {
  return {
    id: 'rules',
    title: 'Rules and thresholds',
    columns: columns({
      rule: 'text',
      level: 'text',
      indicator: 'text',
      op: col('test', 'text'),
      threshold: col('threshold', 'number', { formatKey: 'fmt', digitsKey: 'digits' }),
      chosenOn: col('threshold chosen on', 'text'),
      why: 'text',
    }),
    rows: rules.map((r) => ({
      rule: r.id,
      level: r.level === 0 ? 'watch' : levelText(r.level),
      indicator: INDICATORS[r.indicator].describe,
      op: OPS[r.op] ?? r.op,
      threshold: r.threshold,
      chosenOn: r.chosenOn,
      why: r.why,
      ...indicatorFormat(r.indicator),
    })),
  };
}

/** One histogram per level (so the legend names each colour), whole-number axis, S&P 500 on the right. */
function timeline(weeks: RiskWeek[], spxSource: string | undefined): Chart {
  const series: ChartSeries[] = LEVELS.filter((lv) => weeks.some((w) => w.level === lv)).map((lv) => ({
    name: levelText(lv),
    kind: 'histogram',
    axis: 'left',
    tone: LEVEL_TONES[lv],
    format: 'count',
    digits: 0,
    // Bars rise from below 0, so a calm week (level 0) is a visible bar and a week with no
    // level (a gap) is told apart from it.
    base: -0.5,
    range: { min: -0.5, max: 3 },
    points: weeks.filter((w) => w.level === lv).map((w) => ({ time: w.week, value: w.level })),
  }));
  if (weeks.some((w) => w.spx !== null))
    series.push({
      name: `S&P 500 (SPY${spxSource ? `, ${spxSource}` : ''})`,
      axis: 'right',
      format: 'price',
      tone: 'neutral',
      points: weeks.map((w) => ({ time: w.week, value: w.spx })),
    });
  const gaps = weeks.filter((w) => w.level === -1).length;
  return {
    id: 'risk-timeline',
    title: 'Risk level per week (bars, left axis: 0 calm … 3 systemic) under the S&P 500 (right axis)',
    format: 'count',
    digits: 0,
    series,
    note: gaps ? `${gaps} weeks have no bar: no level could be graded (no data).` : 'Every week has a level.',
  };
}

async function emptyReason(
  store: Store,
  asOf: string,
  current: WeekExplanation | null,
  rules: readonly RiskRule[],
): Promise<Empty> {
  if (asOf < RISK_HISTORY_START)
    return {
      reason: 'before-coverage',
      // No hint: there is nothing to run, only a later day to pick (a hint is a command).
      message: `No risk level before ${RISK_HISTORY_START}: the risk history starts with the first week of the FRED files; pick an as-of day from then on.`,
    };
  const stored = (await Promise.all(Object.values(RISK_SERIES).map((id) => store.getSeries(id)))).some(
    (s) => s?.firstDate,
  );
  if (!stored)
    return {
      reason: 'nothing-stored',
      message: `No risk inputs stored yet. The risk engine reads ${[...new Set(Object.values(RISK_SERIES))].join(', ')}.`,
      hint: 'tidewatch update --source fred (or tidewatch import fred FILE...)',
    };
  return {
    reason: 'missing-input',
    message: `No risk level for any week to ${asOf}: ${current ? noLevelReason(current, rules) : 'no week could be graded'}.`,
    hint: 'tidewatch import fred BAMLH0A0HYM2.csv VIXCLS.csv NFCI.csv (or tidewatch update --source fred)',
  };
}

export async function riskView(store: Store, opts: { asOf: string }): Promise<View<RiskViewData>> {
  const { asOf } = opts;
  const h = await riskFromStore(store, asOf);
  const { index, note } = reportWeekAsOf(h.levels, asOf);
  const current = index >= 0 ? explainWeek(h.levels, index) : null;
  const spx = h.weeklyPrices.SPY;
  const weeks: RiskWeek[] = h.levels.weeks.map((week, i) => ({
    week,
    level: h.levels.levels[i]! as Level | -1,
    fired: explainWeek(h.levels, i).fired.map((f) => f.rule),
    spx: spx && Number.isFinite(spx[i]!) ? spx[i]! : null,
  }));
  const data: RiskViewData = {
    asOf,
    current,
    note,
    levelNames: LEVEL_NAMES,
    counts: h.counts,
    rules: h.levels.rules,
    forward: h.forward,
    priceSources: h.priceSources,
    weeks,
    episodes: levelEpisodes(h.levels),
  };
  const v = emptyView<RiskViewData>('risk', 'Risk level', asOf, data);
  if (!current || weeks.every((w) => w.level === -1)) {
    v.empty = await emptyReason(store, asOf, current, h.levels.rules);
    return v;
  }

  const run = data.episodes.findLast((e) => e.from <= current.week);
  if (current.level === -1) {
    v.headline = `No risk level for the week ending ${current.week}: ${noLevelReason(current, h.levels.rules)}.`;
  } else {
    const fired = current.fired.map((f) => f.rule).join(', ');
    v.headline = `Risk level ${levelText(current.level)} in the week ending ${current.week}${fired ? ` (${fired})` : ' (no rule fired)'}`;
  }
  const kpis: Kpi[] = [
    {
      id: 'level',
      label: `Risk level, week ending ${current.week}`,
      value: levelText(current.level),
      format: 'text',
      date: current.week,
      tone: LEVEL_TONES[current.level],
      stale: note !== null,
      ...(current.level === -1
        ? { detail: { label: 'why:', value: 'no credit/market input known', format: 'text' as const } }
        : {}),
    },
    {
      id: 'fired',
      label: 'Rules fired',
      value: current.fired.length,
      format: 'count',
      tone: current.fired.length ? LEVEL_TONES[current.level] : 'neutral',
    },
    {
      id: 'watch',
      label: 'Watch flags',
      value: current.watch.map((w) => w.rule).join(', ') || 'none',
      format: 'text',
      tone: current.watch.length ? 'warn' : 'neutral',
    },
  ];
  if (run && current.level !== -1)
    kpis.push({
      id: 'run',
      label: `Weeks at this level since ${run.from}`,
      value: run.weeks,
      format: 'count',
      tone: 'neutral',
    });
  v.kpis = kpis;
  v.charts.push(timeline(weeks, h.priceSources.SPY));
  const traces = await Promise.all(
    [...current.fired, ...current.watch].map((f) => firedTrace(store, f, current.week, asOf)),
  );
  v.tables.push(firedTable(current, traces), countsTable(h.counts, weeks[0]?.week));
  for (const [asset, stats] of Object.entries(h.forward))
    v.tables.push(forwardTable(asset, stats, h.counts, h.priceSources[asset]));
  v.tables.push(runsTable(data.episodes), rulesTable(h.levels.rules));

  if (note) v.notes.push({ kind: 'stale', text: note });
  if (current.unavailable.length)
    v.notes.push({ kind: 'caveat', text: `No data that week for: ${current.unavailable.join(', ')}.` });
  if (h.levels.rules.some((r) => r.chosenOn === 'whole history'))
    v.notes.push({
      kind: 'caveat',
      text: 'Thresholds marked "whole history" were read off the full 2007–2025 history: judging past weeks with them is in-sample.',
    });
  return v;
}
