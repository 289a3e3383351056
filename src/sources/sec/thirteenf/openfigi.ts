import { z } from 'zod';
import { TidewatchError } from '../../../core/errors.js';
import type { HttpResponse } from '../../../http/types.js';
import type { TickerMapping } from './cusip-map.js';

/**
 * OpenFIGI mapping API (https://api.openfigi.com/v3/mapping): POST a JSON array of
 * `{ idType: 'ID_CUSIP', idValue }` jobs, get back one `{ data: [{ ticker, name, exchCode, … }] }`
 * or `{ warning: 'No identifier found.' }` per job, in order. Optional: keyed by
 * OPENFIGI_API_KEY (header X-OPENFIGI-APIKEY; 100 jobs per request with a key, 10 without).
 * The shared HTTP layer is GET-only, so this connector takes a poster with the same response type.
 */
export const OPENFIGI_URL = 'https://api.openfigi.com/v3/mapping';
export const OPENFIGI_KEY_ENV = 'OPENFIGI_API_KEY';
const BATCH = 100;

export interface Poster {
  post(
    url: string,
    body: string,
    opts: { source: string; headers: Record<string, string> },
  ): Promise<HttpResponse>;
}

const Reply = z.array(
  z.union([
    z.object({
      data: z.array(
        z.object({
          ticker: z.string().nullable().optional(),
          name: z.string().nullable().optional(),
          exchCode: z.string().nullable().optional(),
        }),
      ),
    }),
    z.object({ warning: z.string() }),
    z.object({ error: z.string() }),
  ]),
);

export function openFigiKey(env: Record<string, string | undefined> = process.env): string {
  const k = env[OPENFIGI_KEY_ENV]?.trim();
  if (!k) {
    throw new TidewatchError(
      'config',
      `${OPENFIGI_KEY_ENV} is not set; OpenFIGI CUSIP lookup is optional and off`,
      {
        hint: `get a free key at https://www.openfigi.com/api and export ${OPENFIGI_KEY_ENV}=…, or map CUSIPs in a mapping file (cusip,ticker,name)`,
      },
    );
  }
  return k;
}

/** Prefer the US composite listing ('US') when several are returned. */
function pick(data: { ticker?: string | null; name?: string | null; exchCode?: string | null }[]) {
  return data.find((d) => d.exchCode === 'US' && d.ticker) ?? data.find((d) => d.ticker) ?? null;
}

export async function mapCusipsOpenFigi(
  poster: Poster,
  cusips: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<Map<string, TickerMapping>> {
  const key = openFigiKey(env);
  const out = new Map<string, TickerMapping>();
  for (let i = 0; i < cusips.length; i += BATCH) {
    const batch = cusips.slice(i, i + BATCH);
    const res = await poster.post(
      OPENFIGI_URL,
      JSON.stringify(batch.map((c) => ({ idType: 'ID_CUSIP', idValue: c }))),
      {
        source: 'openfigi',
        headers: { 'Content-Type': 'application/json', 'X-OPENFIGI-APIKEY': key },
      },
    );
    const r = Reply.safeParse(res.json());
    if (!r.success || r.data.length !== batch.length) {
      throw new TidewatchError(
        'format-changed',
        `${OPENFIGI_URL}: expected an array of ${batch.length} mapping results`,
      );
    }
    r.data.forEach((item, j) => {
      if (!('data' in item)) return;
      const best = pick(item.data);
      if (best?.ticker)
        out.set(batch[j]!, { ticker: best.ticker, name: best.name ?? null, source: 'openfigi' });
    });
  }
  return out;
}
