import path from 'node:path';
import { z } from 'zod';
import type { PricesBatch } from '../batches.js';
import { defineSource, jsonOf, type RawBytes, rawFromResponse, type Transformed, textOf } from '../define.js';
import { type ParsePriceOptions, parsePriceCsv } from './parse.js';
import type { ColumnMap, ParsedPrices } from './types.js';
import { universe } from './universe.js';
import { parseYahooChart, yahooChartUrl } from './yahoo.js';

/**
 * Daily prices as a source: Yahoo's chart endpoint per symbol of the universe (keyless), and the
 * saved price files of every shape parse.ts knows. Each symbol stands alone: a rate limit, an
 * unknown ticker or a replay miss is reported for that symbol and the rest carry on.
 */

/** `folder/NAME.csv`: enough to tell two downloads of one symbol apart, stable across machines. */
export function sourceLabel(file: string): string {
  return `${path.basename(path.dirname(path.resolve(file)))}/${path.basename(file)}`;
}

/** A parsed price source as a batch, its notes and drops as warnings naming symbol and origin. */
export function pricesBatch(
  parsed: ParsedPrices,
  origin: string,
): { batch: PricesBatch; warnings: string[] } {
  const warnings = [...parsed.notes, ...parsed.dropped.map((d) => `dropped ${d.date}: ${d.reason}`)].map(
    (w) => `${parsed.symbol} ${origin}: ${w}`,
  );
  return { batch: { kind: 'price-bars', label: `${parsed.symbol} ← ${origin}`, prices: parsed }, warnings };
}

export const PriceFileQuery = z
  .object({
    symbol: z.string().optional(),
    /** A column map for other layouts (`--map date=Day,close=Last`, parsed by detect.ts). */
    map: z
      .custom<ColumnMap>((v) => typeof v === 'object' && v !== null && 'date' in v && 'close' in v)
      .optional(),
    partialLast: z.enum(['drop', 'flag']).optional(),
  })
  .default({});

/** A saved price file's bytes → one symbol's bars (the label `folder/NAME.csv` is the stored source). */
export function transformPriceFile(raw: RawBytes, q: z.output<typeof PriceFileQuery>): Transformed {
  const label = sourceLabel(raw.origin);
  const popts: ParsePriceOptions = { file: label };
  if (q.symbol) popts.symbol = q.symbol;
  if (q.map) popts.map = q.map;
  if (q.partialLast) popts.partialLast = q.partialLast;
  const { batch, warnings } = pricesBatch(parsePriceCsv(textOf(raw).text, popts), label);
  return { batches: [batch], warnings };
}

export const pricesSource = defineSource({
  name: 'prices',
  describe: 'daily bars, splits and dividends for the price universe (Yahoo chart, keyless)',
  query: z.object({ symbol: z.string().min(1) }),
  async plan(ctx) {
    return (ctx.only?.length ? ctx.only : universe()).map((symbol) => ({ label: symbol, query: { symbol } }));
  },
  async extract(http, q) {
    return { inputs: [rawFromResponse(await http.get(yahooChartUrl(q.symbol), { source: 'prices' }))] };
  },
  transform(ex, q): Transformed {
    const raw = ex.inputs[0]!;
    // A live answer may hold today's unfinished session; a recording is judged as of its own day.
    const parsed = parseYahooChart(
      jsonOf(raw),
      q.symbol,
      raw.origin,
      raw.originKind === 'url' ? raw.readAt : undefined,
    );
    const { batch, warnings } = pricesBatch(parsed, 'yahoo-chart');
    return {
      batches: [{ ...batch, label: `${q.symbol} ← yahoo-chart` }],
      warnings: warnings.map((w) => w.replace(`${q.symbol} yahoo-chart: `, `${q.symbol}: `)),
    };
  },
  files: {
    source: 'prices-file',
    query: PriceFileQuery,
    transform: (inputs, q) => transformPriceFile(inputs[0]!, q),
  },
});

/** How a prices item without a recording is reported in replay mode. */
export const pricesReplayMiss = (symbol: string) =>
  `replay mode: no recorded Yahoo response for ${symbol}; import files instead (tidewatch import prices --shared)`;
