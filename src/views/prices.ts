import { mergedFor } from '../analytics/markets/load.js';
import { formatValue } from '../core/format.js';
import { drawdownSeries } from '../indicators/markets/drawdown.js';
import type { MergeLink } from '../sources/prices/rebase.js';
import {
  listPriceSources,
  type PriceSourceInfo,
  readActions,
  readBars,
} from '../sources/prices/repository.js';
import type { CorporateAction } from '../sources/prices/types.js';
import type { Store } from '../store/store.js';
import { chartPoints, drawdownChart } from './charts.js';
import { cells, col, columns, tableOf } from './columns.js';
import { emptyView, type Table, type View } from './model.js';

/**
 * One symbol's stored prices as a view: the adjusted closes merged across sources (each row names
 * its source and re-basing factor), the drawdown from the running peak, the sources and the
 * corporate actions, all dated by the as-of day. With `source`, that source's bars as reported.
 * `tidewatch prices show`, `/api/views/prices` and the Markets panel render this one object.
 */
export interface PricesViewData {
  symbol: string;
  /** Every symbol with a bar dated by the as-of day (the panel's picker). */
  symbols: string[];
  sources: PriceSourceInfo[];
  links: MergeLink[];
  actions: CorporateAction[];
  /** `source` given: the source shown as reported. */
  source: string | null;
}

const CLOSES = tableOf(
  'closes',
  'Adjusted closes, merged (each from the named source, re-based by its factor)',
  {
    date: 'date',
    value: col('adj close', 'price', 4),
    source: 'text',
    factor: col('factor', 'number', 6),
  },
);

const ACTIONS = tableOf('actions', 'Corporate actions', {
  date: 'date',
  kind: 'text',
  value: col('value', 'number', 4),
  source: 'text',
});

const BAR_COLUMNS = columns({
  date: 'date',
  open: col('open', 'price', 4),
  high: col('high', 'price', 4),
  low: col('low', 'price', 4),
  close: col('close', 'price', 4),
  adjClose: col('adj close', 'price', 4),
  volume: 'count',
  closeBasis: col('basis', 'text'),
});

/** Closes printed by the text rendering (CSV and JSON carry all). */
const TEXT_ROWS = 20;

export async function pricesView(
  store: Store,
  opts: { asOf: string; symbol: string; from?: string; source?: string },
): Promise<View<PricesViewData>> {
  const symbol = opts.symbol.toUpperCase();
  const range = { ...(opts.from ? { from: opts.from } : {}), to: opts.asOf };
  const all = await listPriceSources(store.db, undefined, opts.asOf);
  const sources = all.filter((s) => s.symbol === symbol);
  const m = await mergedFor(store, symbol, range);
  const actions = await readActions(store.db, symbol, opts.asOf);
  const data: PricesViewData = {
    symbol,
    symbols: [...new Set(all.map((s) => s.symbol))],
    sources,
    links: m.links,
    actions,
    source: opts.source ?? null,
  };
  const v = emptyView<PricesViewData>('prices', `${symbol} prices`, opts.asOf, data);
  if (!m.points.length) {
    const ever = await listPriceSources(store.db, symbol);
    const first = ever
      .map((s) => s.firstDate)
      .filter((d): d is string => d !== null)
      .sort()[0];
    v.empty = !first
      ? {
          reason: 'nothing-stored',
          message: `No prices stored for ${symbol}.`,
          hint: 'tidewatch import prices FILE (or tidewatch update --source prices)',
        }
      : {
          reason: 'before-coverage',
          message: `No ${symbol} prices ${opts.from ? `from ${opts.from} ` : ''}to ${opts.asOf}: the stored history starts on ${first}.`,
        };
    return v;
  }
  const last = m.points.at(-1)!;
  const dd = drawdownSeries(m.points);
  v.headline = `${symbol} as of ${opts.asOf}: ${formatValue(last.value, 'price')} on ${last.date} (${last.source}), ${formatValue(dd.at(-1)!.value, 'fraction-change')} from the peak close`;
  v.kpis.push(
    {
      id: 'last',
      label: `${symbol} adjusted close`,
      value: last.value,
      format: 'price',
      date: last.date,
      trace: { what: `price:${symbol}`, date: last.date },
    },
    {
      id: 'drawdown',
      label: 'From the running peak close',
      value: dd.at(-1)!.value,
      format: 'fraction-change',
    },
    { id: 'sources', label: 'Sources merged', value: m.links.length, format: 'count' },
  );
  if (opts.source) v.tables.push(await barsTable(store, symbol, opts.source, range));
  v.tables.push(
    CLOSES.of(
      m.points.map((p) => cells(CLOSES.columns, p)),
      { textLast: TEXT_ROWS },
    ),
    {
      id: 'sources',
      title: 'Sources',
      columns: columns({
        source: 'text',
        format: 'text',
        basis: 'text',
        first: 'date',
        last: 'date',
        bars: 'count',
        ratio: col('re-based ×', 'number', 6),
        note: 'text',
      }),
      rows: m.links.map((l) => {
        const s = sources.find((x) => x.source === l.source);
        return {
          source: l.source,
          format: s?.format ?? 'series',
          basis: s?.closeBasis ?? '',
          first: s?.firstDate ?? null,
          last: s?.lastDate ?? null,
          bars: s?.bars ?? null,
          ratio: l.ratio,
          note: l.note ?? '',
        };
      }),
    },
  );
  if (actions.length) v.tables.push(ACTIONS.of(actions.map((a) => cells(ACTIONS.columns, a))));
  v.charts.push(
    {
      id: 'markets-price',
      title: `${symbol} adjusted close (US$)`,
      format: 'price',
      series: [{ name: `${symbol} adjusted close`, points: chartPoints(m.points) }],
    },
    drawdownChart('markets-drawdown', 'Drawdown from the running peak close', dd),
  );
  const splits = actions.filter((a) => a.kind === 'split');
  if (splits.length)
    v.notes.push({
      text: `Splits: ${splits.map((a) => `${a.date} ${a.value}:1 (${a.source})`).join(', ')}; closes are split-adjusted (no false crash).`,
    });
  for (const l of m.links) if (l.note) v.notes.push({ kind: 'caveat', text: `${l.source}: ${l.note}` });
  return v;
}

async function barsTable(
  store: Store,
  symbol: string,
  source: string,
  range: { from?: string; to: string },
): Promise<Table> {
  const bars = await readBars(store.db, symbol, { ...range, source });
  return {
    id: 'bars',
    title: `${symbol} bars of ${source}, as reported`,
    columns: BAR_COLUMNS,
    rows: bars.map((b) => cells(BAR_COLUMNS, b)),
    textLast: 40,
    ...(bars.length ? {} : { note: `no bars of source '${source}' stored for ${symbol} in this range` }),
  };
}
