import type { Http } from '../http/types.js';
import type { Store } from '../store/store.js';
import { silentProgress, type UpdateContext } from './types.js';

/** Test-only: the context an update job runs in, silent and as run 1; `today` and the rest as given. */
export function jobContext(
  store: Store,
  http: Http,
  over: Pick<UpdateContext, 'today'> & Partial<UpdateContext>,
): UpdateContext {
  return { store, http, progress: silentProgress, log: () => {}, runId: 1, ...over };
}
