import { CALIBRATION_DAY, type CascadeReport, cascadeFromStore } from '../analytics/markets/load.js';
import { isTidewatchError } from '../core/errors.js';
import { formatValue } from '../core/format.js';
import type { Store } from '../store/store.js';
import { col, columns } from './columns.js';
import { btcEmpty } from './crypto.js';
import { emptyView, type View } from './model.js';

/**
 * The liquidation-cascade what-if as a view: from the last BTC close, funding and open interest
 * known on the as-of day, a shock, the rounds of forced selling and where the price settles. The
 * inputs that are assumptions (open interest when none is stored, an uncalibrated depth) say so.
 * `tidewatch cascade`, `/api/views/cascade` and the Crypto panel render this one object.
 */
export interface CascadeOptions {
  asOf: string;
  shock: number;
  depthUsdPer1Pct?: number;
  openInterestUsd?: number;
  longShare?: number;
  count?: number;
  model?: 'linear' | 'sqrt';
}

function calibrationText(r: CascadeReport, depthGiven: boolean): string {
  const depth = `Depth ${formatValue(r.impact.depthUsdPer1Pct, 'usd')} per 1 %`;
  if (depthGiven) return `${depth}, as given.`;
  const c = r.calibration;
  if (c)
    return `${depth} calibrated on ${CALIBRATION_DAY}: the simulated trough matches that day's ${formatValue(c.day.trough, 'fraction-change')} on Binance; simulated liquidations ${formatValue(c.liquidatedToExcessVolume, 'multiple')} the day's excess Binance spot volume.`;
  return CALIBRATION_DAY > r.asOf
    ? `${depth} is the uncalibrated default: the calibration day ${CALIBRATION_DAY} is after ${r.asOf}.`
    : `${depth} is the uncalibrated default: no ${CALIBRATION_DAY} BTCUSDT bar is stored.`;
}

export async function cascadeView(store: Store, opts: CascadeOptions): Promise<View<CascadeReport | null>> {
  let r: CascadeReport;
  try {
    r = await cascadeFromStore(store, opts);
  } catch (e) {
    if (!isTidewatchError(e) || e.kind !== 'not-found') throw e;
    const v = emptyView<CascadeReport | null>('cascade', 'Liquidation cascade what-if', opts.asOf, null);
    v.empty = await btcEmpty(store, opts.asOf);
    return v;
  }
  const v = emptyView<CascadeReport | null>('cascade', 'Liquidation cascade what-if', opts.asOf, r);
  const res = r.result;
  v.headline = `As of ${r.asOf}: a ${formatValue(r.shock, 'fraction-change', { digits: 0 })} shock from ${formatValue(r.startPrice, 'price', { digits: 0 })} (close ${r.startDate}) ends at ${formatValue(res.finalPrice, 'price', { digits: 0 })} (${formatValue(res.finalMove, 'fraction-change')}) after ${res.rounds} rounds; ${formatValue(res.liquidatedUsd, 'usd')} liquidated`;
  v.kpis.push(
    {
      id: 'start',
      label: 'Start: BTC close',
      value: r.startPrice,
      format: 'price',
      digits: 0,
      date: r.startDate,
    },
    { id: 'shock', label: 'Shock', value: r.shock, format: 'fraction-change', digits: 0 },
    {
      id: 'final',
      label: 'Where it settles',
      value: res.finalPrice,
      format: 'price',
      digits: 0,
      tone: res.finalMove < r.shock ? 'warn' : 'neutral',
      detail: { label: 'move', value: res.finalMove, format: 'fraction-change' },
    },
    { id: 'liquidated', label: 'Liquidated', value: res.liquidatedUsd, format: 'usd' },
    {
      id: 'rounds',
      label: 'Rounds',
      value: res.rounds,
      format: 'count',
      detail: { label: 'stable', value: res.stable, format: 'text' },
    },
  );
  v.tables.push({
    id: 'path',
    title: 'Rounds: each liquidation wave moves the price, which liquidates the next',
    columns: columns({
      round: 'count',
      price: col('price', 'price', 0),
      longs: col('longs liquidated', 'usd'),
      shorts: col('shorts liquidated', 'usd'),
    }),
    rows: res.path.map((s) => ({
      round: s.round,
      price: s.price,
      longs: s.liquidatedLongUsd,
      shorts: s.liquidatedShortUsd,
    })),
  });
  v.notes.push({
    kind: r.calibration ? 'info' : 'caveat',
    text: calibrationText(r, opts.depthUsdPer1Pct !== undefined),
  });
  const oi = formatValue(r.book.openInterestUsd, 'usd');
  v.notes.push(
    r.openInterestBasis === 'stored'
      ? {
          text: `Open interest ${oi}, stored ${r.openInterest?.date.slice(0, 10)}; ${formatValue(r.book.longShare, 'fraction', { digits: 0 })} of it long (assumed).`,
        }
      : {
          kind: 'caveat',
          text: `Open interest ${oi} is ${r.openInterestBasis === 'given' ? 'given' : 'an assumption (none stored by this day)'}; ${formatValue(r.book.longShare, 'fraction', { digits: 0 })} of it long (assumed); ${formatValue(r.book.count, 'count')} simulated positions, ${r.impact.model} price impact.`,
        },
  );
  v.notes.push({
    text: r.funding
      ? `Funding known then: ${formatValue(r.funding.value, 'fraction-change', { digits: 4 })} per 8h (${r.funding.date.slice(0, 10)}, ${r.funding.source}).`
      : 'No funding stored by this day.',
  });
  if (!res.stable)
    v.notes.push({ kind: 'caveat', text: 'The cascade had not stopped when the round limit was reached.' });
  return v;
}
