import type { Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../../store/store.js';
import { trace } from '../../trace/trace.js';
import { asOfParam, getRoute, isoDateParam, patternParam } from '../route.js';

/** What a trace names: series ids (DTS:TGA_CLOSE, ^GSPC), price:BRK-B, 13f:1649339:2024-06-30:67066G104:put. */
const QUERY = z.object({
  what: patternParam(
    /^[A-Za-z0-9:._^=-]{1,80}$/,
    'a series id, net-liquidity, reserves, price:<SYMBOL> or 13f:<cik>:<period>:<cusip>[:put|call]',
    'net-liquidity',
  ),
  date: isoDateParam.optional(),
  asOf: asOfParam,
});

/**
 * `/api/trace?what=&date=&asOf=`: a figure's observations, ingest run and archived bytes (the
 * same answer as `tidewatch trace --json`).
 */
export function register(app: Hono, store: Store): void {
  getRoute(
    app,
    {
      path: '/api/trace',
      summary: 'trace a figure to its bytes',
      description:
        'For a series id, net-liquidity, reserves, price:<SYMBOL> or 13f:<cik>:<period>:<cusip>[:put|call]: the observations used (every vintage), the ingest run that wrote them, and the byte strings they were read from (URL or file, sha256, archived copy re-hashed). Provenance read after asOf is not shown.',
      query: QUERY,
    },
    ({ query }) => trace(store, query.what, query.date ?? query.asOf, query.asOf),
  );
}
