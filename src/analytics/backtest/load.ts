import { readFileSync } from 'node:fs';
import { today } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { computeRiskLevels } from '../regime/engine.js';
import { RISK_HISTORY_START, RISK_SERIES, riskSourcesFromSeries } from '../regime/from-series.js';
import { buildRiskInputs } from '../regime/inputs.js';
import { loadAllVintages, loadPrices } from '../regime/load.js';
import { alignPointInTime, fridays, weeklyCloses } from '../regime/weekly.js';
import type { WeeklyData } from './engine.js';
import { parseStrategy, type StrategySpec } from './spec.js';
import { BUILTIN_STRATEGIES, builtinStrategy } from './strategies.js';

/**
 * Store → weekly point-in-time arrays for a strategy. Names a strategy may use:
 * - RISK_LEVEL, NET_LIQUIDITY: computed by the risk engine from the FRED series;
 * - VIX, HY_OAS, NFCI: aliases of VIXCLS, BAMLH0A0HYM2, NFCI (FRED, publication-lagged);
 * - any stored price symbol (SPY, QQQ, BTC, …): weekly close (last close ≤ Friday);
 * - any other stored series id: its value as known at each Friday.
 */

const ALIASES: Record<string, string> = { VIX: 'VIXCLS', HY_OAS: 'BAMLH0A0HYM2', NFCI: 'NFCI' };

export function resolveStrategy(fileOrName: string): StrategySpec {
  const b = builtinStrategy(fileOrName);
  if (b) return b;
  let text: string;
  try {
    text = readFileSync(fileOrName, 'utf8');
  } catch {
    throw new TidewatchError('not-found', `no built-in strategy or file named '${fileOrName}'`, {
      hint: `built-in: ${BUILTIN_STRATEGIES.map((s) => s.name).join(', ')}; or give a JSON file`,
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new TidewatchError('bad-input', `${fileOrName}: not valid JSON (${(e as Error).message})`);
  }
  return parseStrategy(doc, fileOrName);
}

export function seriesNames(spec: StrategySpec): string[] {
  const names = new Set([spec.asset]);
  for (const r of spec.rules) {
    names.add(r.left.series);
    if (typeof r.right === 'object' && 'series' in r.right) names.add(r.right.series);
  }
  return [...names];
}

export async function loadWeeklyData(
  store: Store,
  spec: StrategySpec,
  asOf = today(),
  from = '1993-01-29',
): Promise<WeeklyData> {
  const names = seriesNames(spec);
  const weeks = fridays(from, asOf);
  const series: Record<string, Float64Array> = {};
  const prices = await loadPrices(
    store,
    names.filter((n) => !(n in ALIASES) && n !== 'RISK_LEVEL' && n !== 'NET_LIQUIDITY'),
    asOf,
  );
  const needsRisk = names.includes('RISK_LEVEL') || names.includes('NET_LIQUIDITY');
  if (needsRisk) {
    const obs = await loadAllVintages(store, Object.values(RISK_SERIES), asOf);
    const btc = (await loadPrices(store, ['BTC'], asOf)).BTC;
    const inputs = buildRiskInputs(weeks, riskSourcesFromSeries(obs, btc));
    if (names.includes('NET_LIQUIDITY'))
      series.NET_LIQUIDITY = inputs.netLiquidity ?? new Float64Array(weeks.length).fill(Number.NaN);
    if (names.includes('RISK_LEVEL')) {
      const lv = computeRiskLevels(inputs).levels;
      // −1 (no data) is unknown to a strategy, not "calm"; so is any week before the risk
      // history starts (pre-2008 reserves were small and noisy: the rules are not calibrated there).
      series.RISK_LEVEL = Float64Array.from(lv, (l, i) =>
        l < 0 || weeks[i]! < RISK_HISTORY_START ? Number.NaN : l,
      );
    }
  }
  for (const name of names) {
    if (series[name]) continue;
    const p = prices[name];
    if (p) {
      series[name] = weeklyCloses(weeks, p.dates, p.closes);
      continue;
    }
    const id = ALIASES[name] ?? name;
    const obs = (await loadAllVintages(store, [id], asOf))[id];
    if (!obs) {
      throw new TidewatchError(
        'not-found',
        `strategy ${spec.name} uses '${name}', which has no stored prices or observations`,
        {
          hint:
            name === spec.asset
              ? `import prices first: tidewatch import prices FILE --symbol ${name}`
              : 'run tidewatch update (FRED) or import the series',
        },
      );
    }
    // Each stored row carries its known_from (publication day), so no lag is applied here.
    series[name] = alignPointInTime(weeks, obs, { maxAgeDays: 21 });
  }
  return { weeks, series };
}
