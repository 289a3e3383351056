import { VERDICTS } from '../../core/verdict.js';
import {
  BTC_DATA_MAX_AGE,
  BTC_LOW_BAND,
  BTC_MIXED_LOW,
  BTC_PEAK_TOLERANCE,
} from '../../indicators/markets/crypto.js';
import { SORTING_MIN_WINDOWS } from '../../indicators/markets/duration.js';
import { DEFAULT_SQUEEZE } from '../../indicators/markets/squeeze.js';
import { btcFallCheck } from './crypto-fall.js';
import { durationSortingCheck } from './duration-sorting.js';
import {
  LIQUIDATION_MIN_COVERAGE,
  LIQUIDATION_REFUTE_SHARE,
  LIQUIDATION_SUPPORT_SHARE,
  liquidationCheck,
} from './liquidations.js';
import { RISK_CHECK_ASSETS, RISK_THRESHOLDS, riskLevelCheck } from './risk-levels.js';
import { pct, type ThesisCheck, type ThesisData } from './types.js';

/** Theses 3 (duration sorting), 6 (crypto as the front-line probe) and 7 (risk levels). */

export const THESIS_3_CHECKS: ThesisCheck[] = [
  {
    id: 'speculative-fall-harder',
    claim: 'speculative assets do worse than near-cash-flow ones when liquidity is scarce',
    dataNeeded: [
      'WALCL',
      'WTREGEN',
      'RRPONTSYD',
      'prices of BTC, ETH, ARKK, PLTR, TSLA',
      'prices of MU, SNDK',
    ],
    test: `squeeze windows = net liquidity down ≥ ${DEFAULT_SQUEEZE.thresholdPct} % over ${DEFAULT_SQUEEZE.lookbackWeeks} weeks; in each, both groups over the same dates (mean of the members priced at the window start): speculative worse in more than half the windows and on the mean → supported, better in more than half and on the mean → refuted, otherwise mixed; fewer than ${SORTING_MIN_WINDOWS.value} windows with both groups → insufficient data. The same verdict as \`tidewatch duration\``,
    outcomes: VERDICTS,
    thresholds: { SORTING_MIN_WINDOWS },
    evaluate: durationSortingCheck,
  },
];

export const THESIS_6_CHECKS: ThesisCheck[] = [
  {
    id: 'btc-126k-to-60k',
    claim: 'BTC fell from about $126k (Oct 2025) to about $60k',
    dataNeeded: ['BTC daily closes', 'BTC daily highs (Binance klines)'],
    test: `October 2025 peak (intraday high where stored, else close) more than ${BTC_PEAK_TOLERANCE.value * 100} % below $126k → refuted; a later close within ${BTC_LOW_BAND.value * 100} % of $60k → supported; else closes ending more than ${BTC_DATA_MAX_AGE.value} days before the as-of day → insufficient data; else lowest close ≤ $${BTC_MIXED_LOW.value} → mixed, above → refuted. Same verdict as \`tidewatch crypto\`; the fall is shown both from the intraday high and close-to-close`,
    outcomes: VERDICTS,
    thresholds: { BTC_PEAK_TOLERANCE, BTC_LOW_BAND, BTC_MIXED_LOW, BTC_DATA_MAX_AGE },
    evaluate: btcFallCheck,
  },
  {
    id: 'liquidations-2-6b',
    claim: '$2.6B of leveraged positions were liquidated in 24 hours',
    dataNeeded: ['stored liquidation records (per venue)', 'curated market-wide daily totals'],
    test: `largest one-day liquidated notional during the fall (Oct 2025 – Feb 2026) ≥ ${LIQUIDATION_SUPPORT_SHARE.value * 100} % of $2.6B (per venue or market-wide) → supported; with a market-wide series covering ≥ ${LIQUIDATION_MIN_COVERAGE.value * 100} % of the window's days: largest day < ${LIQUIDATION_REFUTE_SHARE.value * 100} % of $2.6B → refuted, otherwise mixed; venue records alone below the claim are a lower bound → insufficient data`,
    outcomes: VERDICTS,
    thresholds: { LIQUIDATION_SUPPORT_SHARE, LIQUIDATION_REFUTE_SHARE, LIQUIDATION_MIN_COVERAGE },
    evaluate: liquidationCheck,
  },
];

export const THESIS_7_CHECKS: ThesisCheck[] = RISK_CHECK_ASSETS.map((asset) => ({
  id: `squeeze-is-minor-${asset.toLowerCase()}`,
  claim: `a level-1 squeeze is a minor adjustment for ${asset}`,
  dataNeeded: ['risk levels (FRED series)', `${asset} prices`],
  test: `after level-1 weeks: mean 6-month return < ${pct(RISK_THRESHOLDS.COLLAPSE_MEAN_RETURN.value, 0)} → refuted; median 6-month max drawdown shallower than ${pct(RISK_THRESHOLDS.minorDrawdown(asset).value, 0)}, mean 6-month return above ${pct(RISK_THRESHOLDS.MINOR_MEAN_RETURN.value, 0)} and a deeper worst 12-month drawdown at the top level → supported; otherwise mixed; fewer than ${RISK_THRESHOLDS.MIN_LEVEL1_WEEKS.value} level-1 weeks → insufficient data. The risk-rule thresholds were chosen looking at the whole 2007–2025 history (in-sample), so the same rule is also applied out of sample — thresholds re-chosen on the early half, outcomes measured on the late half — and a disagreement between the two makes it mixed`,
  outcomes: VERDICTS,
  thresholds: {
    MINOR_DRAWDOWN: RISK_THRESHOLDS.minorDrawdown(asset),
    MINOR_MEAN_RETURN: RISK_THRESHOLDS.MINOR_MEAN_RETURN,
    COLLAPSE_MEAN_RETURN: RISK_THRESHOLDS.COLLAPSE_MEAN_RETURN,
    MIN_LEVEL1_WEEKS: RISK_THRESHOLDS.MIN_LEVEL1_WEEKS,
  },
  evaluate: (d: ThesisData) => riskLevelCheck(d, asset),
}));
