import { formatValue } from '../core/format.js';
import {
  LIQUIDITY_COMPONENTS,
  type LiquidityPoint,
  type NetLiquidity,
  netLiquidityAsOf,
  netLiquidityHistory,
  TGA_BASES,
  TGA_BASIS_TEXT,
  type TgaBasis,
} from '../indicators/liquidity.js';
import { loadLiquidityIndexes } from '../loaders/liquidity.js';
import type { Store } from '../store/store.js';
import { col, columns } from './columns.js';
import { emptyView, FRED_HINT, nothingStored, rowTraces, type Tone, type View } from './model.js';

/**
 * The liquidity tide as a view: the level as known on the as-of day with its 4- and 13-week
 * changes, the components with the date and publication of each, the weekly history, and what the
 * TGA basis means. `tidewatch liquidity`, `/api/views/liquidity` and the dashboard panel all
 * render this one object.
 */
export interface LiquidityViewData {
  tga: TgaBasis;
  /** The TGA bases a reader can choose, with their labels. */
  bases: Array<{ id: TgaBasis; label: string }>;
  level: NetLiquidity | null;
  history: LiquidityPoint[];
}

export const COMPONENT_TITLES: Record<string, string> = {
  WALCL: 'Fed total assets',
  WTREGEN: 'TGA (H.4.1 week average)',
  'DTS:TGA_CLOSE': 'TGA (DTS Wednesday close)',
  RRPONTSYD: 'Overnight reverse repo',
};

/** A falling tide is the squeeze the theses warn about; a rising one eases it. */
function changeTone(v: number | null): Tone {
  return v === null ? 'neutral' : v < 0 ? 'warn' : 'good';
}

export async function liquidityView(
  store: Store,
  opts: { asOf: string; tga?: TgaBasis },
): Promise<View<LiquidityViewData>> {
  const tga = opts.tga ?? 'h41';
  const ix = await loadLiquidityIndexes(store, { asOf: opts.asOf });
  const level = netLiquidityAsOf(ix, opts.asOf, tga) ?? null;
  const history = netLiquidityHistory(ix, { to: opts.asOf, tga });
  const bases = TGA_BASES.map((id) => ({ id, label: TGA_BASIS_TEXT[id].label }));
  const v = emptyView<LiquidityViewData>('liquidity', 'Liquidity tide', opts.asOf, {
    tga,
    bases,
    level,
    history,
  });

  if (!level) {
    const walcl = await store.getSeries('WALCL');
    v.empty = !walcl
      ? nothingStored('No liquidity data stored yet.', FRED_HINT)
      : tga === 'dts'
        ? {
            reason: 'missing-input',
            message: `No net liquidity on the DTS basis as of ${opts.asOf}: WALCL and DTS:TGA_CLOSE for the same week must be stored and published by then.`,
            hint: 'tidewatch import treasury FILE',
          }
        : {
            reason: 'before-coverage',
            message: `No net liquidity known on ${opts.asOf}: the stored H.4.1 data starts on ${walcl.firstDate} (WALCL).`,
          };
    return v;
  }

  v.headline = `Net liquidity as known on ${level.asOf}: ${formatValue(level.netLiquidityUsd, 'usd')}${level.stale ? '  (STALE: not current, see notes)' : ''}`;
  v.kpis.push(
    {
      id: 'net-liquidity',
      label: `Net liquidity (TGA ${tga})`,
      value: level.netLiquidityUsd,
      format: 'usd',
      date: level.fedAssetsDate,
      stale: level.stale,
      // `trace net-liquidity --date D` is the level as known on D: the as-of day itself.
      trace: { what: tga === 'dts' ? 'net-liquidity:dts' : 'net-liquidity', date: level.asOf },
    },
    {
      id: 'change-4w',
      label: '4-week change',
      value: level.change4wUsd,
      format: 'usd-change',
      tone: changeTone(level.change4wUsd),
    },
    {
      id: 'change-13w',
      label: '13-week change',
      value: level.change13wUsd,
      format: 'usd-change',
      tone: changeTone(level.change13wUsd),
    },
  );
  const components = level.components;
  v.tables.push({
    id: 'components',
    columns: columns({
      component: 'text',
      series: 'text',
      value: 'usd',
      date: col('observation', 'date'),
      knownFrom: col('published', 'date'),
      stale: 'text',
      note: 'text',
    }),
    rows: components.map((c, i) => ({
      component: `${i === 0 ? '+' : '−'} ${COMPONENT_TITLES[c.id] ?? c.id}`,
      series: c.id,
      value: c.valueUsd,
      date: c.date,
      knownFrom: c.knownFrom,
      stale: c.stale ? 'STALE' : 'no',
      note: c.note ?? '',
      ...(c.stale ? { _tone: 'warn' as const } : {}),
    })),
    // An idle ON RRP counted as 0 is no stored observation: nothing to trace.
    traces: rowTraces(components, (c) =>
      c.id === LIQUIDITY_COMPONENTS.rrp && c.valueUsd === 0 ? null : { value: { what: c.id, date: c.date } },
    ),
  });
  const t = (key: keyof Pick<LiquidityPoint, 'netLiquidityUsd' | 'fedAssetsUsd' | 'tgaUsd' | 'rrpUsd'>) =>
    history.map((p) => ({ time: p.date, value: p[key] }));
  v.charts.push(
    {
      id: 'net-liquidity',
      title: `Net liquidity, each Friday as known that day; TGA basis: ${TGA_BASIS_TEXT[tga].label}`,
      format: 'usd',
      series: [{ name: `Net liquidity (TGA ${tga})`, points: t('netLiquidityUsd'), kind: 'area' }],
    },
    {
      id: 'liquidity-components',
      title: 'Components',
      format: 'usd',
      series: [
        { name: 'Fed total assets', points: t('fedAssetsUsd') },
        { name: `TGA (${tga})`, points: t('tgaUsd') },
        { name: 'ON RRP', points: t('rrpUsd') },
      ],
    },
  );
  const b = level.tgaBasis;
  v.notes.push({ kind: 'caveat', text: `TGA basis ${b.basis}: ${b.describe}.` });
  if (b.gapUsd !== null && b.gapWeek)
    v.notes.push({
      text: `week of ${b.gapWeek}: DTS Wednesday close − WTREGEN week average = ${gap(b.gapUsd)}`,
    });
  if (b.largestGap)
    v.notes.push({
      text: `largest gap on record: ${gap(b.largestGap.gapUsd)} (week of ${b.largestGap.week})`,
    });
  if (level.stale) {
    const old = level.components.filter((c) => c.stale).map((c) => `${c.id} ${c.date}`);
    v.notes.push({
      kind: 'stale',
      text: `${old.join(', ')} too old for their cadence on ${level.asOf}: this is not the current level (run \`tidewatch update\`); changes are not shown.`,
    });
  }
  return v;
}

function gap(usd: number): string {
  return formatValue(usd, 'usd-change');
}
