import { isTidewatchError, reasonOf } from '../../core/errors.js';
import type { SeriesSummary, UpdateContext, UpdateJob } from '../../update/types.js';
import { writePrices } from '../prices/repository.js';
import type { PriceBar } from '../prices/types.js';
import { createCcxtClient } from './ccxt-client.js';
import {
  type ExchangeClient,
  exchangeErrorKind,
  fetchAllFunding,
  fetchAllOHLCV,
  fetchAllOpenInterest,
  TIMEFRAME_MS,
} from './exchange.js';
import { writeFunding, writeOpenInterest } from './repository.js';

/** Coins and their ccxt market symbols: spot for daily bars, USDT-margined perps for funding/OI. */
export const CRYPTO_MARKETS = [
  { coin: 'BTC', spot: 'BTC/USDT', perp: 'BTC/USDT:USDT' },
  { coin: 'ETH', spot: 'ETH/USDT', perp: 'ETH/USDT:USDT' },
];

type ClientFactory = (id: string, ctx: UpdateContext) => Promise<ExchangeClient>;

/** Binance's public limits: 1000 klines, 1000 funding prints, 500 OI points per request. */
const LIMITS = { ohlcv: 1000, funding: 1000, oi: 500 };

function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}:00Z`;
}

/**
 * `tidewatch update --source crypto`: ccxt (through our Http) for daily klines, funding history
 * and open interest. Each (coin, dataset) stands alone: a rate limit, an unlisted market or a
 * replay miss is reported for it and the rest carry on; gaps are reported, never filled.
 */
export function makeCryptoUpdateJob(
  factory: ClientFactory = (id, ctx) => createCcxtClient(id, ctx.http),
): UpdateJob {
  return {
    source: 'crypto',
    describe: 'BTC/ETH daily klines, funding-rate history and open interest via ccxt (Binance)',
    async run(ctx) {
      const out: SeriesSummary[] = [];
      const markets = ctx.only?.length
        ? CRYPTO_MARKETS.filter((m) => ctx.only!.includes(m.coin))
        : CRYPTO_MARKETS;
      const since = Date.parse(`${ctx.from ?? '2017-08-17'}T00:00:00Z`);
      const until = Date.parse(`${ctx.today}T00:00:00Z`); // today's candle is unfinished: stop before it
      const step = async (
        series: string,
        fn: () => Promise<Omit<SeriesSummary, 'source' | 'series' | 'status'>>,
      ) => {
        ctx.progress.tick(series);
        try {
          out.push({ source: 'crypto', series, status: 'ok', ...(await fn()) });
        } catch (e) {
          const kind = exchangeErrorKind(e);
          const skipped = isTidewatchError(e) && e.kind === 'replay-miss';
          const reason = skipped
            ? `replay mode: no recorded exchange response (${reasonOf(e)})`
            : `${kind}: ${reasonOf(e)}`;
          ctx.log(`crypto ${series}: ${reason}`);
          out.push({
            source: 'crypto',
            series,
            status: skipped ? 'skipped' : 'failed',
            newRows: 0,
            revisedRows: 0,
            reason,
            ...(skipped ? { warnings: [`${series}: ${reason}`] } : {}),
          });
        }
      };
      ctx.progress.start(markets.length * 3, 'crypto');
      let spot: ExchangeClient | null = null;
      let perp: ExchangeClient | null = null;
      for (const m of markets) {
        await step(`${m.coin} daily klines ← binance`, async () => {
          spot ??= await factory('binance', ctx);
          const r = await fetchAllOHLCV(spot, m.spot, '1d', { since, until, limit: LIMITS.ohlcv });
          const bars: PriceBar[] = r.rows.map(([t, o, h, l, c, v]) => ({
            date: iso(t).slice(0, 10),
            open: o,
            high: h,
            low: l,
            close: c,
            adjClose: c,
            volume: v,
          }));
          const counts = await writePrices(ctx.store.db, {
            file: 'ccxt:binance',
            format: 'binance-kline',
            symbol: m.coin,
            closeBasis: 'raw',
            source: 'ccxt:binance',
            bars,
            actions: [],
            dropped: [],
            notes: [],
          });
          return {
            ...counts,
            warnings: r.gaps.map(
              (g) => `${m.coin}: ${g.missing} day(s) missing after ${iso(g.after).slice(0, 10)}`,
            ),
          };
        });
        await step(`${m.coin} funding 8h ← binanceusdm`, async () => {
          perp ??= await factory('binanceusdm', ctx);
          const r = await fetchAllFunding(perp, m.perp, { since, until, limit: LIMITS.funding });
          const rows = r.rows.map((f) => ({
            time: iso(f.timestamp),
            date: iso(f.timestamp).slice(0, 10),
            rate: f.fundingRate,
            absRate: null,
          }));
          const w = await writeFunding(ctx.store.db, 'ccxt:binanceusdm', m.coin, {
            file: 'ccxt',
            interval: '8h',
            fileUnit: 'decimal',
            rows,
            notes: [],
          });
          return {
            newRows: Math.max(0, w.after - w.before),
            revisedRows: 0,
            warnings: r.gaps.map(
              (g) => `${m.coin} funding: ${g.missing} print(s) missing after ${iso(g.after)}`,
            ),
          };
        });
        await step(`${m.coin} open interest 1d ← binanceusdm`, async () => {
          perp ??= await factory('binanceusdm', ctx);
          // Binance keeps only ~30 days of open-interest history.
          const r = await fetchAllOpenInterest(perp, m.perp, '1d', {
            since: Math.max(since, until - 30 * TIMEFRAME_MS['1d']!),
            until,
            limit: LIMITS.oi,
          });
          await writeOpenInterest(
            ctx.store.db,
            'ccxt:binanceusdm',
            m.coin,
            r.rows.map((o) => ({
              ts: iso(o.timestamp),
              amount: o.openInterestAmount ?? null,
              valueUsd: o.openInterestValue ?? null,
            })),
          );
          return { newRows: r.rows.length, revisedRows: 0 };
        });
      }
      ctx.progress.stop();
      return out;
    },
  };
}

export const cryptoUpdateJob = makeCryptoUpdateJob();
