import type { Hono } from 'hono';
import { today } from '../../core/dates.js';
import type { Store } from '../../store/store.js';
import { VIEWS } from '../../views/registry.js';
import { getRoute, isoDateParam } from '../route.js';

/**
 * `/api/views/<id>`: each report's view model (title, key figures, tables, charts, notes and the
 * data behind them) as JSON, built as of `asOf`. The dashboard draws these; the CLI prints the
 * same objects as text.
 */
export function register(app: Hono, store: Store): void {
  for (const v of VIEWS) {
    getRoute(
      app,
      {
        path: `/api/views/${v.id}`,
        summary: `view: ${v.id}`,
        description: v.summary,
        query: v.params.extend({ asOf: isoDateParam.optional() }),
      },
      ({ query }) => {
        const { asOf, ...rest } = query as { asOf?: string } & Record<string, unknown>;
        return v.build(store, asOf ?? today(), rest as never);
      },
    );
  }
}
