import { z } from 'zod';
import { TidewatchError } from '../../core/errors.js';

/**
 * Strategies are data: a JSON document of signal rules that set a position in one asset.
 * Any number in a rule may be `{ "param": "name" }`, filled from `params` (a sweep grid).
 *
 *   { "name": "spy-trend", "asset": "SPY",
 *     "rules": [{ "left": { "series": "SPY" }, "op": ">",
 *                 "right": { "series": "SPY", "transform": "sma", "window": { "param": "n" } } }],
 *     "whenTrue": 1, "whenFalse": 0, "costsBp": 5, "params": { "n": [10, 20, 40] } }
 *
 * Transforms (all causal, see ops.ts): level (default), sma, roc (fractional change over
 * window), diff, zscore, drawdown (from the rolling window high).
 */

const ParamRef = z.object({ param: z.string().min(1) }).strict();
const Num = z.union([z.number(), ParamRef]);

const SeriesExpr = z
  .object({
    series: z.string().min(1),
    transform: z.enum(['level', 'sma', 'roc', 'diff', 'zscore', 'drawdown']).default('level'),
    window: Num.optional(),
  })
  .strict();

const Rule = z
  .object({
    left: SeriesExpr,
    op: z.enum(['>', '<', '>=', '<=']),
    right: z.union([SeriesExpr, Num]),
  })
  .strict();

export const StrategySpecSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    /** Series name of the traded asset's weekly close. */
    asset: z.string().min(1),
    rules: z.array(Rule).min(1),
    combine: z.enum(['all', 'any']).default('all'),
    whenTrue: z.number().default(1),
    whenFalse: z.number().default(0),
    /** One-way cost in basis points per unit of position traded. */
    costsBp: z.number().min(0).default(0),
    /** Annual risk-free rate for Sharpe/Sortino (fraction). */
    riskFree: z.number().default(0),
    params: z.record(z.string(), z.array(z.number()).min(1)).default({}),
    walkForward: z
      .object({
        trainWeeks: z.number().int().positive(),
        testWeeks: z.number().int().positive(),
        objective: z.enum(['sharpe', 'cagr', 'sortino']).default('sharpe'),
      })
      .strict()
      .optional(),
  })
  .strict();

export type StrategySpec = z.infer<typeof StrategySpecSchema>;
export type SeriesExprSpec = z.infer<typeof SeriesExpr>;
export type RuleSpec = z.infer<typeof Rule>;
export type NumSpec = z.infer<typeof Num>;

/** Validate a strategy document; `where` names the file for the error message. */
export function parseStrategy(doc: unknown, where: string): StrategySpec {
  const r = StrategySpecSchema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new TidewatchError(
      'bad-input',
      `${where}: strategy field '${issue.path.join('.')}': ${issue.message}`,
      {
        hint: 'see src/analytics/backtest/spec.ts for the strategy format',
      },
    );
  }
  const spec = r.data;
  for (const name of referencedParams(spec)) {
    if (!spec.params[name]) {
      throw new TidewatchError(
        'bad-input',
        `${where}: rule uses {"param": "${name}"} but params.${name} is not defined`,
      );
    }
  }
  return spec;
}

export function referencedParams(spec: StrategySpec): Set<string> {
  const out = new Set<string>();
  const num = (n: NumSpec | undefined) => {
    if (n !== undefined && typeof n === 'object') out.add(n.param);
  };
  for (const r of spec.rules) {
    num(r.left.window);
    if (typeof r.right === 'object' && 'series' in r.right) num(r.right.window);
    else num(r.right as NumSpec);
  }
  return out;
}

export type ParamSet = Record<string, number>;

/** Cartesian product of the grid (only parameters the rules use), in a stable order. */
export function paramGrid(spec: StrategySpec): ParamSet[] {
  const names = [...referencedParams(spec)].sort();
  let sets: ParamSet[] = [{}];
  for (const name of names) {
    const values = spec.params[name]!;
    const next: ParamSet[] = [];
    for (const s of sets) for (const v of values) next.push({ ...s, [name]: v });
    sets = next;
  }
  return sets;
}

/** Default parameter set: the first value of each grid. */
export function defaultParams(spec: StrategySpec): ParamSet {
  return Object.fromEntries([...referencedParams(spec)].map((n) => [n, spec.params[n]![0]!]));
}
