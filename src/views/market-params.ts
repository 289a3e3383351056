import { readShock, SHOCK_RANGE } from '../analytics/cascade/shock.js';
import { parsedParam, patternParam } from '../core/params.js';

/** Parameters the market routes and their views share (one schema each, so both read them alike). */

export const symbolParam = patternParam(/^[\^A-Za-z0-9=._-]{1,20}$/, 'a ticker like NVDA, ^GSPC, BTC', 'SPY');

export const tickerParam = patternParam(/^[A-Za-z0-9.]{1,12}$/, 'a ticker such as MSFT', 'MSFT');

/** The cascade shock in the CLI's unit: '-10%' or '-0.1' (one parser, analytics/cascade/shock.ts). */
export const shockParam = parsedParam(readShock, {
  expect: `a move written -10% or -0.1, from ${SHOCK_RANGE.min * 100}% to +${SHOCK_RANGE.max * 100}%`,
  example: '-10%',
  json: { type: 'string', pattern: '^[-+]?\\d*\\.?\\d+%?$' },
});
