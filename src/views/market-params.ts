import { readShock, SHOCK_RANGE } from '../analytics/cascade/shock.js';
import { enumParam, intParam, numberParam, parsedParam, patternParam } from '../core/params.js';

/** Parameters the market and 13F routes and their views share (one schema each, so both read them alike). */

export const symbolParam = patternParam(/^[\^A-Za-z0-9=._-]{1,20}$/, 'a ticker like NVDA, ^GSPC, BTC', 'SPY');

/** A 13F filer's CIK. */
export const cikParam = intParam(1, 9_999_999_999, '1649339', 'a CIK number like 1649339');

/** How many positions the holdings view's concentration counts. */
export const concentrationTopParam = intParam(1, 999, '5');

/** How many puts the top-puts view lists. */
export const topPutsParam = intParam(1, 9999, '20');

export const cusipParam = patternParam(/^[0-9A-Za-z]{9}$/, 'a 9-character CUSIP like 78462F103', '78462F103');

export const tickerParam = patternParam(/^[A-Za-z0-9.]{1,12}$/, 'a ticker such as MSFT', 'MSFT');

/** The cascade shock in the CLI's unit: '-10%' or '-0.1' (one parser, analytics/cascade/shock.ts). */
export const shockParam = parsedParam(readShock, {
  expect: `a move written -10% or -0.1, from ${SHOCK_RANGE.min * 100}% to +${SHOCK_RANGE.max * 100}%`,
  example: '-10%',
  json: { type: 'string', pattern: '^[-+]?\\d*\\.?\\d+%?$' },
});

/** The duration ranking's parameters: the squeeze threshold in % and the lookback in weeks. */
export const durationParams = {
  threshold: numberParam(0.5, 50, '5').optional(),
  weeks: intParam(2, 104, '13').optional(),
};

/** The cascade what-if's parameters: the shock and what is assumed of the book (defaults in analytics/cascade). */
export const cascadeParams = {
  shock: shockParam.optional(),
  depth: numberParam(1e5, 1e13, '2e8').optional(),
  oi: numberParam(1e6, 1e13, '3e10').optional(),
  longShare: numberParam(0, 1, '0.6').optional(),
  positions: intParam(100, 1_000_000, '20000').optional(),
  model: enumParam(['sqrt', 'linear']).optional(),
};
