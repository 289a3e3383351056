import path from 'node:path';
import { z } from 'zod';
import { reasonOf, TidewatchError } from '../../core/errors.js';
import type { Http, HttpRequestOptions } from '../../http/types.js';
import type { Batch } from '../batches.js';
import { observations } from '../batches.js';
import { defineSource, type RawBytes, type Transformed, textOf } from '../define.js';
import { PriceFileQuery, sourceLabel, transformPriceFile } from '../prices/source.js';
import type { PriceBar } from '../prices/types.js';
import { createCcxtClient } from './ccxt-client.js';
import {
  type ExchangeClient,
  exchangeErrorKind,
  type FundingRateHistoryEntry,
  fetchAllFunding,
  fetchAllOHLCV,
  fetchAllOpenInterest,
  type OHLCV,
  type OpenInterestEntry,
  type Paged,
  TIMEFRAME_MS,
} from './exchange.js';
import { parseFundingFile } from './funding.js';
import { fearGreedBatch } from './repository.js';
import { parseFearGreed, parseHyperliquidLiquidations } from './sentiment.js';

/**
 * Crypto as a source: ccxt (its transport handed to our Http) for daily klines, funding-rate
 * history and open interest per coin. ccxt decodes each exchange's answers itself, so extract's
 * payload is ccxt's unified rows while the bytes it read are kept as provenance; transform turns
 * the rows into batches. Each (coin, dataset) stands alone; gaps are reported, never filled.
 */

/** Coins and their ccxt market symbols: spot for daily bars, USDT-margined perps for funding/OI. */
export const CRYPTO_MARKETS = [
  { coin: 'BTC', spot: 'BTC/USDT', perp: 'BTC/USDT:USDT' },
  { coin: 'ETH', spot: 'ETH/USDT', perp: 'ETH/USDT:USDT' },
];

/** Binance's public limits: 1000 klines, 1000 funding prints, 500 OI points per request. */
const LIMITS = { ohlcv: 1000, funding: 1000, oi: 500 };
/** Binance keeps only ~30 days of open-interest history. */
const OI_HISTORY_DAYS = 30;

const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 16)}:00Z`;

export type ClientFactory = (id: string, ctx: { http: Http }) => Promise<ExchangeClient>;

const DATASETS = ['klines', 'funding', 'open-interest'] as const;
export const CryptoQuerySchema = z.object({
  coin: z.string().regex(/^[A-Z]{2,10}$/),
  market: z.string().min(3),
  dataset: z.enum(DATASETS),
  since: z.number().int(),
  until: z.number().int(),
});
type CryptoQuery = z.output<typeof CryptoQuerySchema>;

type Payload =
  | { klines: Paged<OHLCV> }
  | { funding: Paged<FundingRateHistoryEntry> }
  | { oi: Paged<OpenInterestEntry> };

const LABEL: Record<(typeof DATASETS)[number], (coin: string) => string> = {
  klines: (c) => `${c} daily klines ← binance`,
  funding: (c) => `${c} funding 8h ← binanceusdm`,
  'open-interest': (c) => `${c} open interest 1d ← binanceusdm`,
};

/**
 * One ccxt client per exchange per run (its markets are loaded once). Its transport goes to an
 * Http that forwards to the current item's Http, so each item's bytes are recorded with it.
 */
interface Session {
  target: Http;
  clients: Map<string, Promise<ExchangeClient>>;
}

function sessionOf(ctx: { session?: Map<string, unknown> }, http: Http): Session {
  const bag = ctx.session ?? new Map<string, unknown>();
  let s = bag.get('crypto') as Session | undefined;
  if (!s) {
    s = { target: http, clients: new Map() };
    bag.set('crypto', s);
  }
  s.target = http;
  return s;
}

function forwarding(s: Session): Http {
  const out: Http = { get: (url: string, opts: HttpRequestOptions) => s.target.get(url, opts) };
  Object.defineProperty(out, 'replaying', { get: () => s.target.replaying });
  return out;
}

export function makeCryptoSource(factory: ClientFactory = (id, ctx) => createCcxtClient(id, ctx.http)) {
  return defineSource<CryptoQuery, Payload>({
    name: 'crypto',
    describe: 'BTC/ETH daily klines, funding-rate history and open interest via ccxt (Binance)',
    query: CryptoQuerySchema,
    async plan(ctx) {
      const markets = ctx.only?.length
        ? CRYPTO_MARKETS.filter((m) => ctx.only!.includes(m.coin))
        : CRYPTO_MARKETS;
      const since = Date.parse(`${ctx.from ?? '2017-08-17'}T00:00:00Z`);
      const until = Date.parse(`${ctx.today}T00:00:00Z`); // today's candle is unfinished: stop before it
      return markets.flatMap((m) =>
        DATASETS.map((dataset) => ({
          label: LABEL[dataset](m.coin),
          query: { coin: m.coin, market: dataset === 'klines' ? m.spot : m.perp, dataset, since, until },
        })),
      );
    },
    async extract(http, q, ctx) {
      const s = sessionOf(ctx, http);
      const client = (id: string) => {
        let c = s.clients.get(id);
        if (!c) {
          c = factory(id, { http: forwarding(s) });
          s.clients.set(id, c);
        }
        return c;
      };
      const { since, until } = q;
      if (q.dataset === 'klines')
        return {
          inputs: [],
          payload: {
            klines: await fetchAllOHLCV(await client('binance'), q.market, '1d', {
              since,
              until,
              limit: LIMITS.ohlcv,
            }),
          },
        };
      if (q.dataset === 'funding')
        return {
          inputs: [],
          payload: {
            funding: await fetchAllFunding(await client('binanceusdm'), q.market, {
              since,
              until,
              limit: LIMITS.funding,
            }),
          },
        };
      const oiSince = Math.max(since, until - OI_HISTORY_DAYS * TIMEFRAME_MS['1d']!);
      return {
        inputs: [],
        payload: {
          oi: await fetchAllOpenInterest(await client('binanceusdm'), q.market, '1d', {
            since: oiSince,
            until,
            limit: LIMITS.oi,
          }),
        },
      };
    },
    transform(ex, q): Transformed {
      const p = ex.payload!;
      const label = LABEL[q.dataset](q.coin);
      if ('klines' in p) {
        const bars: PriceBar[] = p.klines.rows.map(([t, o, h, l, c, v]) => ({
          date: iso(t).slice(0, 10),
          open: o,
          high: h,
          low: l,
          close: c,
          adjClose: c,
          volume: v,
        }));
        return {
          batches: [
            {
              kind: 'price-bars',
              label,
              prices: {
                file: 'ccxt:binance',
                format: 'binance-kline',
                symbol: q.coin,
                closeBasis: 'raw',
                source: 'ccxt:binance',
                bars,
                actions: [],
                dropped: [],
                notes: [],
              },
            },
          ],
          warnings: p.klines.gaps.map(
            (g) => `${q.coin}: ${g.missing} day(s) missing after ${iso(g.after).slice(0, 10)}`,
          ),
        };
      }
      if ('funding' in p) {
        const rows = p.funding.rows.map((f) => ({
          time: iso(f.timestamp),
          date: iso(f.timestamp).slice(0, 10),
          rate: f.fundingRate,
          absRate: null,
        }));
        return {
          batches: [
            {
              kind: 'funding',
              label,
              source: 'ccxt:binanceusdm',
              symbol: q.coin,
              funding: { file: 'ccxt', interval: '8h', fileUnit: 'decimal', rows, notes: [] },
            },
          ],
          warnings: p.funding.gaps.map(
            (g) => `${q.coin} funding: ${g.missing} print(s) missing after ${iso(g.after)}`,
          ),
        };
      }
      const rows = p.oi.rows.map((o) => ({
        ts: iso(o.timestamp),
        amount: o.openInterestAmount ?? null,
        valueUsd: o.openInterestValue ?? null,
      }));
      return {
        batches: [{ kind: 'open-interest', label, source: 'ccxt:binanceusdm', symbol: q.coin, rows }],
      };
    },
    reason: (e) => `${exchangeErrorKind(e)}: ${reasonOf(e)}`,
    files: cryptoFiles,
  });
}

/** How a crypto item without a recording is reported in replay mode. */
export const cryptoReplayMiss = (_label: string, e: TidewatchError) =>
  `replay mode: no recorded exchange response (${reasonOf(e)})`;

/** Symbol of a crypto side file from its name (the shared funding files are all BTC perps). */
function cryptoSymbol(file: string, explicit?: string): string {
  if (explicit) return explicit;
  const b = path.basename(file).toLowerCase();
  if (b.includes('eth')) return 'ETH';
  if (b.includes('btc')) return 'BTC';
  throw new TidewatchError('bad-input', `${file}: cannot tell the coin from the file name`, {
    hint: 'pass --symbol BTC',
  });
}

/** `tidewatch import crypto FILE...`: klines, BTC-USD closes, funding, fear & greed, liquidations (recognised by the header). */
export const cryptoFiles = {
  source: 'crypto-file',
  query: PriceFileQuery,
  transform(inputs: RawBytes[], q: z.output<typeof PriceFileQuery>): Transformed {
    const raw = inputs[0]!;
    const text = textOf(raw).text;
    const label = sourceLabel(raw.origin);
    const head = text.trimStart().slice(0, 200).split(/\r?\n/)[0]!.trim().toLowerCase();
    if (head.startsWith('[') || head === 'date,fundingrate' || head === 'date,funding_mean,funding_abs') {
      const f = parseFundingFile(text, label);
      const symbol = cryptoSymbol(raw.origin, q.symbol);
      const batch: Batch = {
        kind: 'funding',
        label: `${symbol} funding ${f.interval} ← ${label}`,
        source: `file:${label}`,
        symbol,
        funding: f,
      };
      return {
        batches: [batch],
        warnings: [`${label}: file unit ${f.fileUnit}`, ...f.notes.map((n) => `${label}: ${n}`)],
      };
    }
    if (head === 'date,fng') {
      const rows = parseFearGreed(text, label);
      return {
        batches: [
          observations(fearGreedBatch(rows, `file:${label}`, `file:${label}`), {
            label: `CRYPTO:FEAR_GREED ← ${label}`,
          }),
        ],
      };
    }
    if (head.startsWith('time,user,liquidated_ntl_pos')) {
      const rows = parseHyperliquidLiquidations(text, label);
      return {
        batches: [{ kind: 'liquidations', label: `liquidations ← ${label}`, source: `file:${label}`, rows }],
        warnings: [
          `${label}: a small early Hyperliquid sample (no coin/side): format sample, not a market-wide signal`,
        ],
      };
    }
    return transformPriceFile(raw, q);
  },
};
