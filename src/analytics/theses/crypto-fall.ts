import { checkBtc126kTo60k } from '../../indicators/markets/crypto.js';
import type { Fall } from '../../indicators/markets/drawdown.js';
import { closesAsPoints } from './duration-sorting.js';
import { dates, measured } from './evidence.js';
import { type CheckResult, type Evidence, insufficient, type ThesisData } from './types.js';

/**
 * Thesis 6's "BTC fell from about $126k to about $60k": the verdict of `tidewatch crypto`
 * (indicators/markets/crypto.ts checkBtc126kTo60k) on the closes and intraday highs known on the
 * as-of day, with the fall measured both from the intraday high and close-to-close.
 */

function fallEvidence(f: Fall, label: string, to: string): Evidence {
  return measured({
    label,
    value: Number(f.depth.toFixed(4)),
    unit: 'fraction',
    source: `${f.peakSource} → ${f.troughSource}`,
    from: f.peakDate,
    to,
    inputDates: dates(f.peakDate, f.troughDate),
    chart: 'markets:BTC',
  });
}

export function btcFallCheck(d: ThesisData): CheckResult {
  const p = d.prices.BTC;
  if (!p) return insufficient('no BTC prices stored');
  const highs = d.highs?.BTC;
  const c = checkBtc126kTo60k(
    closesAsPoints(p).map((x) => ({ ...x, source: p.source ?? 'BTC closes' })),
    highs ? closesAsPoints(highs).map((x) => ({ ...x, source: highs.source ?? 'BTC highs' })) : [],
    d.asOf,
  );
  const evidence: Evidence[] = [];
  if (c.fall.fromIntradayHigh)
    evidence.push(
      fallEvidence(
        c.fall.fromIntradayHigh,
        'fall from the October 2025 intraday high to the lowest close after it',
        d.asOf,
      ),
    );
  if (c.fall.closeToClose)
    evidence.push(
      fallEvidence(c.fall.closeToClose, 'fall close-to-close from the October 2025 peak close', d.asOf),
    );
  if (c.dataEnds)
    evidence.push(
      measured({
        label: 'BTC closes end',
        value: c.dataEnds,
        source: p.source ?? 'BTC closes',
        from: p.dates[0]!,
        to: d.asOf,
        inputDates: [c.dataEnds],
      }),
    );
  return { status: c.status, summary: c.statement, evidence };
}
