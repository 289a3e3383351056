import { z } from 'zod';
import { TGA_BASES } from '../indicators/liquidity.js';
import type { Store } from '../store/store.js';
import { freshnessView } from './freshness.js';
import { liquidityView } from './liquidity.js';
import type { View } from './model.js';
import { plumbingView } from './plumbing.js';
import { riskView } from './risk.js';

/**
 * Every report that has a view model: its id (the API path `/api/views/<id>`), the parameters it
 * takes besides `asOf`, and its builder. The API serves each as JSON, the dashboard draws it, the
 * CLI prints it as text.
 */
export interface ViewDef<Q extends z.ZodObject = z.ZodObject> {
  id: string;
  summary: string;
  /** Parameters besides asOf (validated by the route). */
  params: Q;
  build(store: Store, asOf: string, params: z.infer<Q>): Promise<View>;
}

function defineView<Q extends z.ZodObject>(def: ViewDef<Q>): ViewDef<Q> {
  return def;
}

export const VIEWS = [
  defineView({
    id: 'liquidity',
    summary: 'the liquidity tide as a view: level, changes, components, weekly history, TGA basis',
    params: z.object({ tga: z.enum(TGA_BASES).optional().describe('TGA basis: h41 (default) or dts') }),
    build: (store, asOf, p) => liquidityView(store, { asOf, tga: p.tga }),
  }),
  defineView({
    id: 'plumbing',
    summary: 'Fed/Treasury plumbing as a view: reserves, repo stress, TGA, ON RRP, issuance, the bathtub, the stress score',
    params: z.object({}),
    build: (store, asOf) => plumbingView(store, { asOf }),
  }),
  defineView({
    id: 'freshness',
    summary: 'one entry per source family (FRED, Treasury, NY Fed, SEC, prices, crypto): newest observation, stale flag, last runs and why',
    params: z.object({}),
    build: (store, asOf) => freshnessView(store, { asOf }),
  }),
  defineView({
    id: 'risk',
    summary: 'the macro risk level as a view: the level with the rules that fired, forward returns per level, the weekly history and its runs',
    params: z.object({}),
    build: (store, asOf) => riskView(store, { asOf }),
  }),
] as const;
