import { type DurationReport, durationFromStore } from '../analytics/markets/load.js';
import { isTidewatchError } from '../core/errors.js';
import { formatValue } from '../core/format.js';
import type { DurationRow } from '../indicators/markets/duration.js';
import type { Store } from '../store/store.js';
import { col, columns } from './columns.js';
import { emptyView, FRED_HINT, nothingStored, type View } from './model.js';

/**
 * The duration / speculativeness ranking as a view: thesis 3's verdict (the ledger's function),
 * the ranking, the liquidity-squeeze windows with each group's return in them, and the scatter of
 * liquidity beta against the fall in squeeze windows. `tidewatch duration`, `/api/views/duration`
 * and the Markets panel render this one object.
 */

export interface DurationOptions {
  asOf: string;
  thresholdPct?: number;
  lookbackWeeks?: number;
  symbols?: string[];
}

/** The ranking needs this many weeks of net liquidity (durationFromStore refuses fewer). */
const MIN_LIQUIDITY_WEEKS = 30;

const GROUP_LABELS = {
  speculative: 'speculative',
  'cash-flow-near': 'cash-flow-near',
  other: 'not in a thesis-3 group',
} as const;

function verdictLine(r: DurationReport): string {
  return `Thesis 3 (as of ${r.asOf}): ${r.thesis.status.toUpperCase()} — ${r.thesis.statement}`;
}

function symbolCell(r: DurationRow, proxies: Record<string, string>): string {
  return proxies[r.symbol] ? `${r.symbol} (via ${proxies[r.symbol]})` : r.symbol;
}

export async function durationView(
  store: Store,
  opts: DurationOptions,
): Promise<View<DurationReport | null>> {
  let r: DurationReport;
  try {
    r = await durationFromStore(store, {
      asOf: opts.asOf,
      ...(opts.thresholdPct !== undefined ? { thresholdPct: opts.thresholdPct } : {}),
      ...(opts.lookbackWeeks !== undefined ? { lookbackWeeks: opts.lookbackWeeks } : {}),
      ...(opts.symbols ? { symbols: opts.symbols } : {}),
    });
  } catch (e) {
    // Too little net liquidity known on the day: say whether nothing is stored or it starts later.
    if (!isTidewatchError(e) || e.kind !== 'not-found') throw e;
    const v = emptyView<DurationReport | null>('duration', 'Duration sort (thesis 3)', opts.asOf, null);
    const walcl = await store.getSeries('WALCL');
    v.empty = !walcl
      ? nothingStored('No net-liquidity data stored yet (WALCL, WTREGEN, RRPONTSYD).', FRED_HINT)
      : walcl.firstDate && walcl.firstDate > opts.asOf
        ? {
            reason: 'before-coverage',
            message: `No net liquidity before ${walcl.firstDate}: the stored H.4.1 data starts then.`,
          }
        : {
            reason: 'before-coverage',
            message: `Too little net-liquidity history known on ${opts.asOf}: the ranking needs ${MIN_LIQUIDITY_WEEKS} weeks and the stored H.4.1 data starts on ${walcl.firstDate}.`,
          };
    return v;
  }

  const v = emptyView<DurationReport | null>('duration', 'Duration sort (thesis 3)', opts.asOf, r);
  if (!r.rows.length) {
    v.empty = {
      reason: 'missing-input',
      message: `No prices dated by ${opts.asOf} for any symbol of the universe (${r.notStored.join(', ')}).`,
      hint: 'tidewatch import prices --shared (or tidewatch update --source prices)',
    };
    return v;
  }
  const t = r.thesis;
  v.headline = verdictLine(r);
  v.kpis.push(
    {
      id: 'thesis3',
      label: 'Thesis 3: speculative assets fall hardest in squeezes',
      value: t.status,
      format: 'text',
    },
    {
      id: 'windows-worse',
      label: 'Squeeze windows where speculative did worse',
      value: `${t.speculativeWorse} of ${t.compared}`,
      format: 'text',
    },
    {
      id: 'mean-speculative',
      label: 'Speculative, mean window return',
      value: t.meanSpeculative,
      format: 'fraction-change',
    },
    {
      id: 'mean-cash-flow-near',
      label: 'Cash-flow-near, mean window return',
      value: t.meanCashFlowNear,
      format: 'fraction-change',
    },
  );

  v.tables.push({
    id: 'ranking',
    title: 'Ranking, most speculative first',
    columns: columns({
      rank: 'count',
      symbol: 'text',
      group: 'text',
      liquidityBeta: col('β net liquidity (%/%)', 'number'),
      yieldBeta: col('β 10y yield (%/pp)', 'number'),
      spxBeta: col(`β ${r.spxSymbol}`, 'number'),
      squeezeReturn: col('squeeze return', 'fraction-change'),
      squeezeDrawdown: col('squeeze drawdown', 'fraction-change'),
      windowsCovered: col('windows', 'count'),
      score: col('score (0–1)', 'number'),
    }),
    rows: r.rows.map((x) => ({
      rank: x.rank,
      symbol: symbolCell(x, r.proxies),
      group: x.group ?? '',
      liquidityBeta: x.liquidityBeta,
      yieldBeta: x.yieldBeta,
      spxBeta: x.spxBeta,
      squeezeReturn: x.squeezeReturn,
      squeezeDrawdown: x.squeezeDrawdown,
      windowsCovered: x.windowsCovered,
      score: x.score,
    })),
    note: 'β net liquidity: weekly return (%) per 1 % weekly change in net liquidity; β 10y: per +1 pp in the 10-year yield; squeeze figures are means over the windows the asset was priced in.',
  });
  const perWindow = new Map(t.windows.map((w) => [`${w.start}|${w.end}`, w]));
  v.tables.push({
    id: 'windows',
    title: `Liquidity-squeeze windows: net liquidity down more than ${r.params.thresholdPct} % over ${r.params.lookbackWeeks} weeks`,
    columns: columns({
      start: 'date',
      end: 'date',
      worst: col('worst net-liquidity change', 'percent', 1),
      speculative: 'fraction-change',
      cashFlowNear: col('cash-flow-near', 'fraction-change'),
      worse: col('speculative worse', 'text'),
      members: col('members priced', 'text'),
    }),
    rows: r.windows.map((w) => {
      const g = perWindow.get(`${w.start}|${w.end}`);
      return {
        start: w.start,
        end: w.end,
        worst: w.worstChangePct,
        speculative: g?.speculative ?? null,
        cashFlowNear: g?.cashFlowNear ?? null,
        worse: g?.speculativeFellMore === null || !g ? '—' : g.speculativeFellMore ? 'yes' : 'no',
        members: g
          ? `${g.speculativeMembers.join(', ') || '—'} | ${g.cashFlowNearMembers.join(', ') || '—'}`
          : '',
      };
    }),
    note: 'Each group is the mean start → end return of its members priced on the window start (both groups over the same dates).',
  });

  const plotted = r.rows.filter((x) => x.liquidityBeta !== null && x.squeezeDrawdown !== null);
  if (plotted.length)
    v.scatters = [
      {
        id: 'duration-scatter',
        title: 'Liquidity beta against the fall in squeeze windows',
        x: { label: 'β to weekly net-liquidity change (% per %)', format: 'number', digits: 1 },
        y: { label: 'mean drawdown in squeeze windows', format: 'fraction-change', digits: 0 },
        groups: (['speculative', 'cash-flow-near', 'other'] as const).map((id) => ({
          id,
          label: GROUP_LABELS[id],
        })),
        points: plotted.map((x) => ({
          label: x.symbol,
          x: x.liquidityBeta!,
          y: x.squeezeDrawdown!,
          group: x.group ?? 'other',
        })),
      },
    ];

  v.notes.push({ text: `Verdict: ${r.thesisBasis}.` });
  if (t.missing.length)
    v.notes.push({
      kind: 'caveat',
      text: `Thesis-3 group members without prices by ${r.asOf}: ${t.missing.join(', ')}.`,
    });
  if (r.notStored.length)
    v.notes.push({ kind: 'caveat', text: `No prices dated by ${r.asOf}: ${r.notStored.join(', ')}.` });
  for (const [s, p] of Object.entries(r.proxies))
    v.notes.push({ text: `${s}: prices of ${p} stand in (no history of its own).` });
  v.notes.push({
    text: `Betas on weekly changes sampled on ${['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][r.params.anchorWeekday]}s, the days net liquidity is known; mean window returns: speculative ${formatValue(t.meanSpeculative, 'fraction-change')}, cash-flow-near ${formatValue(t.meanCashFlowNear, 'fraction-change')}.`,
  });
  return v;
}
