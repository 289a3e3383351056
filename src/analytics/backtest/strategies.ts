import { parseStrategy, type StrategySpec } from './spec.js';

/**
 * Built-in strategies (`tidewatch backtest NAME`). Series names are those the loader provides:
 * price symbols (SPY, QQQ, BTC, …), VIX, HY_OAS, NFCI, NET_LIQUIDITY and RISK_LEVEL (the
 * point-in-time macro risk level, −1..3). All are weekly, point-in-time.
 */
/** The trend rule: `symbol` above its own n-week simple moving average. */
function aboveMovingAverage(symbol: string): unknown[] {
  return [
    {
      left: { series: symbol },
      op: '>',
      right: { series: symbol, transform: 'sma', window: { param: 'n' } },
    },
  ];
}

/** One series against a parameter: `series op param`. */
function compare(series: string, op: '<' | '>', param: string): unknown[] {
  return [{ left: { series }, op, right: { param } }];
}

/** SPY at 5 bp a trade (an ETF spread plus commission). */
const SPY = { asset: 'SPY', costsBp: 5 };

/** Walk-forward: five years to choose the parameters on, the next year to test them. */
const FIVE_YEARS_THEN_ONE = { trainWeeks: 260, testWeeks: 52, objective: 'sharpe' };

const RAW: unknown[] = [
  {
    name: 'spy-trend',
    description: 'Hold SPY while it is above its n-week moving average, else cash.',
    ...SPY,
    rules: aboveMovingAverage('SPY'),
    params: { n: [40, 10, 20, 30, 50] },
    walkForward: FIVE_YEARS_THEN_ONE,
  },
  {
    name: 'risk-off',
    description: 'Hold SPY unless the macro risk level is at or above k (thesis 7 as a trading rule).',
    ...SPY,
    rules: compare('RISK_LEVEL', '<', 'k'),
    params: { k: [2, 1, 3] },
    walkForward: FIVE_YEARS_THEN_ONE,
  },
  {
    name: 'vix-filter',
    description: 'Hold SPY while VIX is below x.',
    ...SPY,
    rules: compare('VIX', '<', 'x'),
    params: { x: [30, 20, 25, 35, 40] },
  },
  {
    name: 'netliq-trend',
    description: 'Hold SPY while net liquidity has grown over the last w weeks by more than t (thesis 2).',
    ...SPY,
    rules: [
      {
        left: { series: 'NET_LIQUIDITY', transform: 'roc', window: { param: 'w' } },
        op: '>',
        right: { param: 't' },
      },
    ],
    params: { w: [13, 4, 8, 26], t: [-0.02, -0.05, 0, 0.02] },
  },
  {
    name: 'btc-trend',
    description: 'Hold BTC while it is above its n-week moving average.',
    asset: 'BTC',
    rules: aboveMovingAverage('BTC'),
    costsBp: 10,
    params: { n: [20, 10, 30, 40] },
  },
];

export const BUILTIN_STRATEGIES: readonly StrategySpec[] = RAW.map((r, i) =>
  parseStrategy(r, `builtin strategy #${i}`),
);

export function builtinStrategy(name: string): StrategySpec | undefined {
  return BUILTIN_STRATEGIES.find((s) => s.name === name);
}
