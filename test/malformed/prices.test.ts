import { beforeAll, describe, expect, it } from 'vitest';
import { readBars } from '../../src/sources/prices/repository.js';
import { openStore, type Store } from '../../src/store/store.js';
import { importCryptoFiles, importPriceFiles } from '../../src/update/import/prices.js';
import { dataFile } from '../shared-data.js';
import { expectRefused, storeHash, writeCase } from './kit.js';
import {
  cutAfter,
  dropTail,
  insertLineAfter,
  lineNumberOf,
  realBytes,
  realText,
  replaceOnce,
} from './make.js';

/**
 * `tidewatch import prices` and `import crypto` against broken copies of the real files:
 * yfinance SPY (CRLF), classic Yahoo NVDA (no final newline), Binance BTC klines, the fear &
 * greed index, the funding files. Files keep their folder/NAME so they replace the same source.
 */
const TODAY = '2026-06-30';
const SPY = 'yf-autoadj-ohlcv/SPY.csv';
const NVDA = 'yahoo-classic-csv/NVDA.csv';
const spy = () => realText('prices', 'yf-autoadj-ohlcv', 'SPY.csv');
const nvda = () => realText('prices', 'yahoo-classic-csv', 'NVDA.csv');
const SPY_0223 = '2026-02-23,682.3900146484375,690.0,680.3709716796875,687.8300170898438,81817203';
const SPY_2020 = '2020-03-16,';

type Case = { name: string; file: string; bytes: () => string | Uint8Array; reason: RegExp[] };

const priceCases: Case[] = [
  // Case 1 of the brief, for prices: the last row cut after its first digit (SPY $682.39 → $6).
  {
    name: 'cut mid-row (SPY close 682.39 → 6)',
    file: SPY,
    bytes: () => cutAfter(spy(), '2026-02-23,6'),
    reason: [/line 8324/, /has 2 of 6 columns/, /'2026-02-23,6'/],
  },
  {
    name: 'classic Yahoo (no final newline) cut inside the last volume',
    file: NVDA,
    bytes: () => dropTail(realBytes('prices', 'yahoo-classic-csv', 'NVDA.csv'), 5),
    reason: [/line 6085/, /Volume '1132'/, /cut short/],
  },
  {
    name: 'classic Yahoo cut after a decimal point',
    file: NVDA,
    bytes: () =>
      cutAfter(nvda(), '2024-03-08,951.380005,974.000000,865.059998,875.280029,875.280029,113299600').replace(
        /,113299600$/,
        ',113299600.',
      ),
    reason: [/line 6085/, /ends in '\.'/],
  },
  {
    name: 'zero close',
    file: SPY,
    bytes: () =>
      replaceOnce(spy(), SPY_0223, '2026-02-23,0,690.0,680.3709716796875,687.8300170898438,81817203'),
    reason: [/line 8324/, /close 0 on 2026-02-23 is not positive/],
  },
  {
    name: 'inf close',
    file: SPY,
    bytes: () =>
      replaceOnce(spy(), SPY_0223, '2026-02-23,inf,690.0,680.3709716796875,687.8300170898438,81817203'),
    reason: [/line 8324/, /'inf'/],
  },
  {
    name: 'negative volume',
    file: SPY,
    bytes: () =>
      replaceOnce(spy(), SPY_0223, '2026-02-23,682.39,690.0,680.3709716796875,687.8300170898438,-81817203'),
    reason: [/line 8324/, /negative volume -81817203/],
  },
  {
    name: 'year 9999',
    file: SPY,
    bytes: () => `${spy()}9999-02-23,682.39,690.0,680.37,687.83,81817203\r\n`,
    reason: [/line 8325/, /9999-02-23/, /dated after/],
  },
  {
    name: 'one close ÷1000 in the middle (a lost decimal point)',
    file: SPY,
    bytes: () =>
      spy().replace(
        /\n2020-03-16,(\d+)\.(\d)/,
        (_m, a: string, b: string) => `\n2020-03-16,${(Number(`${a}.${b}`) / 1000).toFixed(4)}`,
      ),
    reason: [new RegExp(`line ${lineNumberOf(spy(), SPY_2020)}`), /2020-03-16/, /×0\.00\d+/],
  },
  {
    name: 'the same day twice with different closes',
    file: SPY,
    bytes: () => insertLineAfter(spy(), SPY_0223, SPY_0223.replace('682.3900146484375', '682.4')),
    reason: [/2026-02-23 appears twice/, /line 8324/, /line 8325/],
  },
  {
    name: 'a one-day download that revises the stored close ×100',
    file: SPY,
    bytes: () =>
      `Date,Close,High,Low,Open,Volume\r\n2026-02-23,6.823900146484375,6.9,6.803709716796875,6.878300170898438,81817203\r\n`,
    reason: [/line 2/, /2026-02-23/, /would replace the stored 682\.39/],
  },
];

const cryptoCases: Case[] = [
  // Case 1 of the brief, for fear & greed: cut inside the last value (14 → 1).
  {
    name: 'fear & greed cut inside the last value',
    file: 'sentiment/fear_greed_index_daily.csv',
    bytes: () => cutAfter(realText('crypto', 'sentiment', 'fear_greed_index_daily.csv'), '2026-02-09,1'),
    reason: [/line 2928/, /fng '1'/, /cut short/],
  },
  // Case 3: a duplicate day with another value (used to be "first wins").
  {
    name: 'fear & greed day twice with different values',
    file: 'sentiment/fear_greed_index_daily.csv',
    bytes: () =>
      insertLineAfter(
        realText('crypto', 'sentiment', 'fear_greed_index_daily.csv'),
        '2026-02-10,9',
        '2026-02-10,60',
      ),
    reason: [/2026-02-10/, /9 \(line 2929\)/, /60 \(line 2930\)/],
  },
  {
    name: 'fear & greed 101',
    file: 'sentiment/fear_greed_index_daily.csv',
    bytes: () =>
      replaceOnce(
        realText('crypto', 'sentiment', 'fear_greed_index_daily.csv'),
        '2026-02-10,9',
        '2026-02-10,101',
      ),
    reason: [/line 2929/, /'101'/],
  },
  // Case 2: inf stored in funding.
  {
    name: 'funding JSON rate 1e999 (Infinity)',
    file: 'funding/binance_btcusdt_funding_8h_pct_2022-2025.json',
    bytes: () =>
      replaceOnce(
        realText('crypto', 'funding', 'binance_btcusdt_funding_8h_pct_2022-2025.json'),
        '0.004429',
        '1e999',
      ),
    reason: [/element 2/, /Infinity/],
  },
  {
    name: 'funding daily rate 0.5 per 8h',
    file: 'funding/binance_btcusdt_funding_daily_2019-2026.csv',
    bytes: () =>
      realText('crypto', 'funding', 'binance_btcusdt_funding_daily_2019-2026.csv').replace(
        '2026-02-12,1.3e-06,',
        '2026-02-12,0.5,',
      ),
    reason: [/line \d+/, /value 0\.5 /, /above the plausible maximum 0\.05/],
  },
  {
    name: 'funding 8h (no final newline) cut inside the last time',
    file: 'funding/btc_perp_funding_8h_2021-2023.csv',
    bytes: () =>
      realText('crypto', 'funding', 'btc_perp_funding_8h_2021-2023.csv').replace(
        /29\/06\/21 8:00,0\.0001$/,
        '29/06/21 8',
      ),
    reason: [/line \d+/, /has 1 of 2 columns/],
  },
  {
    name: 'klines cut mid-row',
    file: 'binance-spot-daily/BTCUSDT_1d.csv',
    bytes: () =>
      cutAfter(realText('crypto', 'binance-spot-daily', 'BTCUSDT_1d.csv'), '2026-01-05,91529.74,94789.08'),
    reason: [/line 3065/, /has 3 of 6 columns/],
  },
  {
    name: 'liquidations (no final newline) cut inside the last word',
    file: 'liquidations/hyperliquid_liquidations_2023.csv',
    bytes: () =>
      realText('crypto', 'liquidations', 'hyperliquid_liquidations_2023.csv').replace(/Cross$/, 'Cro'),
    reason: [/line 63/, /'Cro'/, /cut short/],
  },
];

describe('import prices / crypto: malformed copies of the real files are refused, the store unchanged', () => {
  let store: Store;
  let before: string;

  beforeAll(async () => {
    store = await openStore(':memory:');
    const prices = await importPriceFiles(store, [dataFile('prices', SPY), dataFile('prices', NVDA)], {
      today: TODAY,
    });
    const crypto = await importCryptoFiles(store, [dataFile('crypto')], { today: TODAY });
    expect([...prices, ...crypto].filter((s) => s.status !== 'ok')).toEqual([]);
    before = await storeHash(store.db);
  });

  it.each(priceCases)('prices: $name', async (c) => {
    const file = writeCase(c.name, c.file, c.bytes());
    const summaries = await importPriceFiles(store, [file], { today: TODAY });
    expectRefused(summaries, file, { reason: c.reason });
    expect(await storeHash(store.db)).toBe(before);
  });

  it.each(cryptoCases)('crypto: $name', async (c) => {
    const file = writeCase(c.name, c.file, c.bytes());
    const summaries = await importCryptoFiles(store, [file], { today: TODAY });
    expectRefused(summaries, file, { reason: c.reason });
    expect(await storeHash(store.db)).toBe(before);
  });

  it('SPY 2026-02-23 stays $682.39 and NVDA 2024-03-08 stays $875.28', async () => {
    const [spyBar] = await readBars(store.db, 'SPY', {
      from: '2026-02-23',
      to: '2026-02-23',
      source: `file:${SPY}`,
    });
    expect(spyBar?.close).toBe(682.3900146484375);
    const [nvdaBar] = await readBars(store.db, 'NVDA', {
      from: '2024-03-08',
      to: '2024-03-08',
      source: `file:${NVDA}`,
    });
    expect(nvdaBar?.close).toBe(875.280029);
  });

  it('a re-download after a split (every bar ÷2) is a restatement, not a broken file: accepted', async () => {
    const halved = spy().replace(
      /^(\d{4}-\d{2}-\d{2}),([\d.]+),([\d.]+),([\d.]+),([\d.]+),/gm,
      (_m, d: string, ...p: string[]) =>
        `${d},${p
          .slice(0, 4)
          .map((x) => Number(x) / 2)
          .join(',')},`,
    );
    const file = writeCase('split-rebased', SPY, halved);
    const [s] = await importPriceFiles(store, [file], { today: TODAY });
    expect(s).toMatchObject({ status: 'ok', newRows: 0, revisedRows: 8323 });
  });
});
