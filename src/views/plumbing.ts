import { type Format, formatValue } from '../core/format.js';
import { BATHTUB_FORMULA, type BathtubWeek } from '../indicators/plumbing/bathtub.js';
import {
  type IndicatorRow,
  PLUMBING_INPUT_SERIES,
  type PlumbingResult,
  stressDirection,
} from '../indicators/plumbing/index.js';
import type { CrossingMonth } from '../indicators/plumbing/repo-stress.js';
import { IORB_START } from '../indicators/plumbing/repo-stress.js';
import type { Thesis1Check } from '../indicators/plumbing/reserves.js';
import type { Obs } from '../indicators/plumbing/series.js';
import { PLUMBING_SERIES, plumbingFromStore } from '../loaders/plumbing.js';
import type { Store } from '../store/store.js';
import { seriesOn } from '../trace/observations.js';
import { chartPoints } from './charts.js';
import { cells, col, columns, tableOf } from './columns.js';
import type { Chart, Kpi, Row, Table, Tone, TraceRef, View } from './model.js';
import { emptyView, nothingStored, rowTraces } from './model.js';

/**
 * The plumbing report as a view: reserves, repo stress, TGA, ON RRP, issuance, the bathtub and
 * the stress score, each as known on the as-of day with its observation date and stale flag.
 * `tidewatch plumbing`, `/api/views/plumbing` (and `/api/plumbing`, which answers its `data`) and
 * the dashboard panel all render this one object.
 */
export interface PlumbingViewData {
  asOf: string;
  rows: IndicatorRow[];
  /** Days SOFR > rate on reserves per month, the last 24 months. */
  crossings: CrossingMonth[];
  /** The bathtub's last 26 weeks, with its formula. */
  bathtub: { formula: string; weeks: BathtubWeek[] };
  thesis1: Thesis1Check | null;
  notes: string[];
}

/**
 * Value format and change format per indicator unit (a change of a percent or of a share is in
 * percentage points); `name` is the unit of the raw numbers (the CSV's unit column).
 */
const UNIT_FORMATS: Record<
  IndicatorRow['unit'],
  { value: Format; change: Format; digits?: number; name: string }
> = {
  usd: { value: 'usd', change: 'usd-change', name: 'US$' },
  bp: { value: 'bp', change: 'bp', name: 'bp' },
  percent: { value: 'percent', change: 'pp', digits: 2, name: 'percent' },
  ratio: { value: 'fraction', change: 'fraction-pp', name: 'fraction' },
  count: { value: 'count', change: 'number-change', digits: 0, name: 'days' },
  score: { value: 'number', change: 'number-change', digits: 1, name: 'score 0–100' },
};

/**
 * A move toward stress is a warning, away from it good; no direction or no move: neutral. Tones
 * follow the indicator's meaning (stressDirection), never the sign of the number.
 */
export function stressTone(id: string, change: number | null): Tone {
  const d = stressDirection(id);
  if (change === null || change === 0 || d === 0) return 'neutral';
  return change * d > 0 ? 'warn' : 'good';
}

/** The level itself against a line its meaning defines (thesis 1's $3T need; SOFR above IORB). */
function levelTone(r: IndicatorRow): Tone | undefined {
  if (r.value === null) return undefined;
  if (r.id === 'reserves') return r.value < 3e12 ? 'warn' : 'good';
  if (r.id === 'sofrIorb' || r.id === 'sofrP99Iorb' || r.id === 'crossingDays')
    return r.value > 0 ? 'warn' : 'good';
  return undefined;
}

/** The six figures a reader looks at first, in this order. */
const KPI_ROWS: Array<[string, string]> = [
  ['reserves', 'Reserves (WRESBAL)'],
  ['sofrIorb', 'SOFR − IORB'],
  ['crossingDays', 'Days SOFR > IORB (month)'],
  ['tga', 'TGA'],
  ['rrp', 'ON RRP'],
  ['stressScore', 'Stress score (0–100)'],
];

/**
 * The rows whose value `trace` reproduces: a stored observation (the series the row read, as the
 * loader chose it among its candidates), a repo spread, or the bathtub's water level (net liquidity
 * as known on its Friday). Sums, changes, shares, percentiles and the score have no trace target.
 */
const SERIES_ROWS: Record<string, keyof typeof PLUMBING_INPUT_SERIES> = {
  reserves: 'wresbal',
  rrp: 'rrp',
  fedAssets: 'walcl',
  srfTakeup: 'srfTakeup',
  debtTotal: 'debtTotal',
};
const SPREAD_ROWS: Record<string, string> = {
  sofrIorb: 'sofr-iorb',
  effrIorb: 'effr-iorb',
  sofrP99Iorb: 'sofr-p99-iorb',
};

async function traceOf(store: Store, r: IndicatorRow, asOf: string): Promise<TraceRef | null> {
  if (r.value === null || r.date === null) return null;
  const date = r.date;
  if (r.id in SPREAD_ROWS) return { what: SPREAD_ROWS[r.id]!, date };
  if (r.id === 'tga' && r.source) return { what: r.source, date };
  if (r.id === 'rateOnReserves') return { what: date >= IORB_START ? 'IORB' : 'IOER', date };
  if (r.id === 'netLiquidity') return { what: 'net-liquidity', date };
  const input = SERIES_ROWS[r.id];
  if (!input) return null;
  const src = await seriesOn(store.db, PLUMBING_INPUT_SERIES[input], date, asOf);
  return src && src.date === date ? { what: src.id, date } : null;
}

function kpiOf(r: IndicatorRow, label: string, trace: TraceRef | null): Kpi {
  const f = UNIT_FORMATS[r.unit];
  const tone = levelTone(r);
  return {
    id: r.id,
    label: r.source ? `${label} (${r.source})` : label,
    value: r.value,
    format: f.value,
    ...(f.digits !== undefined ? { digits: f.digits } : {}),
    date: r.date,
    stale: r.stale,
    ...(tone ? { tone } : {}),
    ...(trace ? { trace } : {}),
    ...(r.change1m === null
      ? {}
      : {
          detail: {
            label: '1m',
            value: r.change1m,
            format: f.change,
            ...(f.digits !== undefined ? { digits: f.digits } : {}),
            tone: stressTone(r.id, r.change1m),
          },
        }),
  };
}

function indicatorTable(rows: IndicatorRow[], traces: Array<TraceRef | null>): Table {
  return {
    id: 'indicators',
    columns: [
      ...columns({
        indicator: 'text',
        date: 'date',
        value: col('value', 'number', { formatKey: 'valueFormat', digitsKey: 'digits' }),
      }),
      {
        key: 'change1m',
        label: '1m change',
        format: 'number',
        formatKey: 'changeFormat',
        digitsKey: 'digits',
      },
      ...columns({
        percentile: col('pctile', 'number', 0),
        stale: 'text',
        source: 'text',
        unit: 'text',
      }),
    ],
    rows: rows.map((r): Row => {
      const f = UNIT_FORMATS[r.unit];
      return {
        indicator: r.label,
        date: r.date,
        value: r.value,
        change1m: r.change1m,
        percentile: r.percentile,
        stale: r.value === null ? '' : r.stale ? `STALE (${r.cadence})` : 'no',
        source: r.source ?? '',
        unit: f.name,
        valueFormat: f.value,
        changeFormat: f.change,
        digits: f.digits,
        ...(r.stale ? { _tone: 'warn' as const } : {}),
      };
    }),
    note: 'pctile: where the value sits in its own stored history (0–100). STALE: older than its cadence allows on the as-of day — shown, but not current.',
    traces: rowTraces(traces, (t) => (t ? { value: t } : null)),
  };
}

const BATHTUB = tableOf('bathtub', 'Bathtub, the last 8 weeks (each Friday as known that day)', {
  date: col('week (Fri)', 'date'),
  supply: col('Fed assets', 'usd'),
  tga: col('TGA', 'usd'),
  rrp: col('ON RRP', 'usd'),
  waterLevel: col('water level', 'usd'),
  inflow: 'usd-change',
  treasuryDemand: col('Treasury demand', 'usd-change'),
  balance: 'usd-change',
});

function bathtubTable(weeks: BathtubWeek[]): Table {
  return BATHTUB.of(
    weeks.slice(-8).map((w) =>
      // Demand above the week's inflow is the pressure thesis 2 describes.
      cells(BATHTUB.columns, w, w.balance !== null && w.balance < 0 ? { _tone: 'warn' } : {}),
    ),
    {
      note: `${BATHTUB_FORMULA}. Issuance already in the TGA lowers the water level too, so the balance is a pressure gauge, not an accounting identity.`,
    },
  );
}

const CROSSINGS = tableOf('crossings', 'SOFR above the rate on reserves ("crossing the line"), per month', {
  month: 'text',
  days: col('days with a print', 'count'),
  crossing: col('days above', 'count'),
  maxBp: col('highest', 'bp'),
  meanBp: col('mean', 'bp'),
});

function crossingsTable(months: CrossingMonth[]): Table {
  return CROSSINGS.of(
    months.slice(-12).map((m) => ({ ...m, ...(m.crossing > 0 ? { _tone: 'warn' as const } : {}) })),
  );
}

function thesis1Table(t: Thesis1Check): Table {
  return {
    id: 'thesis1',
    title: "Thesis 1's reserve figures against the data",
    columns: columns({
      claim: 'text',
      claimed: col('figure', 'usd'),
      verdict: col('what the data says', 'text'),
    }),
    rows: [
      { claim: 'reserves in 2007', claimed: t.claim2007.claimed, verdict: t.claim2007.verdict },
      { claim: 'reserves low of 2023', claimed: t.claim2023.claimed, verdict: t.claim2023.verdict },
      { claim: 'reserves needed', claimed: t.claimNeed.claimed, verdict: t.claimNeed.verdict },
    ],
  };
}

const points = (xs: Obs[] | undefined, from = '') => chartPoints((xs ?? []).filter((o) => o.date >= from));

function charts(r: PlumbingResult): Chart[] {
  const h = r.history;
  const tgaSource = r.rows.find((x) => x.id === 'tga')?.source;
  const out: Chart[] = [
    {
      id: 'plumbing-reserves',
      title: "Reserve balances (WRESBAL, weekly) against thesis 1's lines",
      format: 'usd',
      series: [{ name: 'Reserves (WRESBAL)', points: points(h['reserves'], '2008-01-01'), kind: 'area' }],
      lines: [
        { value: 3e12, label: '$3T claimed need' },
        { value: 2.2e12, label: '$2.2T (2023 claim)' },
      ],
    },
    {
      id: 'plumbing-repo',
      title: 'Repo spread: SOFR − rate on reserves; above 0 bp = "crossing the line"',
      format: 'bp',
      series: [
        { name: 'SOFR − IORB', points: points(h['sofrIorb']) },
        // A handful of NY Fed snapshots are points: a line would invent the path between them.
        {
          name: 'SOFR 99th pct − IORB (NY Fed)',
          points: points(h['sofrP99Iorb']),
          kind: (h['sofrP99Iorb']?.length ?? 0) < 60 ? 'markers' : 'line',
        },
      ],
      lines: [{ value: 0, label: '0 bp' }],
    },
    {
      id: 'plumbing-tga-rrp',
      title: `Treasury General Account${tgaSource ? ` (${tgaSource})` : ''} and ON RRP, since 2015`,
      format: 'usd',
      series: [
        { name: 'TGA', points: points(h['tga'], '2015-01-01') },
        { name: 'ON RRP', points: points(h['rrp'], '2015-01-01') },
      ],
    },
    {
      id: 'plumbing-bathtub',
      title:
        'Bathtub: Fed total assets = water level (net liquidity) + TGA + ON RRP, each Friday as known that day',
      format: 'usd',
      stacked: true,
      series: [
        { name: 'ON RRP', points: r.bathtub.map((w) => ({ time: w.date, value: w.rrp })), kind: 'area' },
        {
          name: 'TGA (H.4.1 week average)',
          points: r.bathtub.map((w) => ({ time: w.date, value: w.tga })),
          kind: 'area',
        },
        {
          name: 'Water level (net liquidity)',
          points: r.bathtub.map((w) => ({ time: w.date, value: w.waterLevel })),
          kind: 'area',
        },
      ],
      note: 'Layers are stacked; each label is the layer’s own value, the top edge is Fed total assets.',
    },
    {
      id: 'plumbing-stress',
      title: 'Liquidity-stress score, weekly (0 calm … 100 most stressed in its own history)',
      format: 'number',
      digits: 0,
      series: [{ name: 'Stress score', points: points(h['stressScore']), tone: 'warn' }],
    },
  ];
  return out.filter((c) => c.series.some((s) => s.points.length > 0));
}

export async function plumbingView(store: Store, opts: { asOf: string }): Promise<View<PlumbingViewData>> {
  const { asOf } = opts;
  const r = await plumbingFromStore(store, asOf);
  const data: PlumbingViewData = {
    asOf,
    rows: r.rows,
    crossings: r.crossings.slice(-24),
    bathtub: { formula: BATHTUB_FORMULA, weeks: r.bathtub.slice(-26) },
    thesis1: r.thesis1,
    notes: r.notes,
  };
  const v = emptyView<PlumbingViewData>('plumbing', 'Plumbing', asOf, data);
  const row = (id: string) => r.rows.find((x) => x.id === id)!;

  if (!r.rows.some((x) => x.value !== null)) {
    v.empty = await emptyReason(store, asOf);
    return v;
  }

  const f = (id: string) => {
    const x = row(id);
    return `${formatValue(x.value, UNIT_FORMATS[x.unit].value, { digits: UNIT_FORMATS[x.unit].digits })}${x.date ? ` (${x.date})` : ''}${x.stale ? ' STALE' : ''}`;
  };
  v.headline = `Plumbing as known on ${asOf}: reserves ${f('reserves')}, SOFR − IORB ${f('sofrIorb')}, stress score ${f('stressScore')}`;
  const traces = await Promise.all(r.rows.map((x) => traceOf(store, x, asOf)));
  const traceOfRow = new Map(r.rows.map((x, i) => [x.id, traces[i]!]));
  v.kpis = KPI_ROWS.filter(([id]) => row(id).value !== null).map(([id, label]) =>
    kpiOf(row(id), label, traceOfRow.get(id) ?? null),
  );
  v.charts = charts(r);
  v.tables.push(indicatorTable(r.rows, traces));
  if (r.bathtub.length) v.tables.push(bathtubTable(r.bathtub));
  if (r.crossings.length) v.tables.push(crossingsTable(r.crossings));
  if (r.thesis1) v.tables.push(thesis1Table(r.thesis1));

  const stale = r.rows.filter((x) => x.value !== null && x.stale);
  if (stale.length)
    v.notes.push({
      kind: 'stale',
      text: `${stale.map((x) => `${x.label} ${x.date}`).join('; ')}: too old for the cadence on ${asOf} — not current (run \`tidewatch update\`).`,
    });
  const missing = r.rows.filter((x) => x.value === null);
  if (missing.length)
    v.notes.push({
      kind: 'caveat',
      text: `No data known on ${asOf} for: ${missing.map((x) => x.label).join('; ')} (their inputs are not stored or not yet published).`,
    });
  for (const n of r.notes) v.notes.push({ kind: 'caveat', text: n });
  return v;
}

/** Why nothing shows: no plumbing series stored at all, or none of them has a value known by asOf. */
async function emptyReason(store: Store, asOf: string): Promise<NonNullable<View['empty']>> {
  const stored = (await Promise.all(PLUMBING_SERIES.map((id) => store.getSeries(id)))).filter(
    (s) => s?.firstDate,
  );
  if (!stored.length)
    return nothingStored(
      'No plumbing data stored yet (reserves, SOFR, IORB, TGA, ON RRP…).',
      'tidewatch update (or tidewatch import fred|treasury|nyfed FILE...)',
    );
  const first = stored.map((s) => s!.firstDate!).sort()[0]!;
  return {
    reason: 'before-coverage',
    // No hint: there is nothing to run, only a later day to pick (a hint is a command).
    message: `No plumbing data known on ${asOf}: the stored plumbing series start on ${first}; pick an as-of day from then on.`,
  };
}
