import type { Hono } from 'hono';
import { isTidewatchError } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { emptyView } from '../../views/model.js';
import { VIEWS } from '../../views/registry.js';
import { asOfParam, getRoute } from '../route.js';

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
        query: v.params.extend({ asOf: asOfParam }),
      },
      async ({ query }) => {
        const { asOf: day, ...rest } = query as { asOf: string } & Record<string, unknown>;
        try {
          return await v.build(store, day, rest as never);
        } catch (e) {
          // An input that was never imported is the view's empty state (it says what to run),
          // not a failure of the page.
          if (!isTidewatchError(e) || e.kind !== 'missing-input') throw e;
          const view = emptyView(v.id, v.summary, day, null);
          view.empty = { reason: 'missing-input', message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
          return view;
        }
      },
    );
  }
}
