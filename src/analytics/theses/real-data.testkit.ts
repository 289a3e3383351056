import { readCloses, readCsvSeries, realRiskSources } from '../regime/real-data.testkit.js';
import type { DatedValue } from '../regime/weekly.js';
import type { DailyPrices } from '../scorecard/score.js';

/**
 * Test-only: the real files of ../shared/data as the store would hold them (canonical units,
 * WRESBAL spliced across FRED's unit change), for the ledger's real-data tests.
 */
export function realSeries(): Record<string, DatedValue[]> {
  const r = realRiskSources();
  const wresbalOld = readCsvSeries('fred/legacy-DATE-header/WRESBAL_1984-2024.csv', 'WRESBAL', 1e9).filter(
    (o) => o.date < '2021-06-23',
  );
  return {
    WALCL: r.fedAssets,
    WTREGEN: r.tga,
    RRPONTSYD: r.rrp,
    WRESBAL: [...wresbalOld, ...r.reserves],
    TOTRESNS: readCsvSeries('fred/legacy-DATE-header/TOTRESNS.csv', 'TOTRESNS', 1e9),
    SOFR: r.sofr,
    IORB: r.iorb,
    BAMLH0A0HYM2: r.hySpread,
    VIXCLS: r.vix,
    NFCI: r.nfci,
    DGS10: readCsvSeries('fred/DGS10.csv', 'DGS10'),
  };
}

/** Adjusted daily closes (yfinance close-only files) and BTC (Binance spot, last partial day dropped). */
export function realPrices(): Record<string, DailyPrices> {
  const out: Record<string, DailyPrices> = {};
  for (const s of ['SPY', 'QQQ', 'ARKK', 'TSLA', 'PLTR', 'MU', 'ORCL', 'NVDA', 'SOXX', 'KWEB']) {
    out[s] = {
      ...readCloses(`prices/yf-close-only/${s}.csv`, 'Close', true),
      source: `yf-close-only/${s}.csv`,
    };
  }
  out.BTC = {
    ...readCloses('crypto/binance-spot-daily/BTCUSDT_1d.csv', 'close', true),
    source: 'binance BTCUSDT',
  };
  out.ETH = {
    ...readCloses('crypto/binance-spot-daily/ETHUSDT_1d.csv', 'close', true),
    source: 'binance ETHUSDT',
  };
  return out;
}

/** Binance BTCUSDT daily highs (the intraday peak of the "$126k" claim). */
export function realBtcHighs(): DailyPrices {
  return {
    ...readCloses('crypto/binance-spot-daily/BTCUSDT_1d.csv', 'high', true),
    source: 'binance BTCUSDT high',
  };
}
