import type { Chart } from './model.js';

/** Dated values as chart points (the charts' x axis is `time`). */
export function chartPoints(
  xs: ReadonlyArray<{ date: string; value: number | null }>,
): Array<{ time: string; value: number | null }> {
  return xs.map((p) => ({ time: p.date, value: p.value }));
}

/** The fall from the running peak close, drawn the same way for every asset (prices, BTC). */
export function drawdownChart(
  id: string,
  title: string,
  drawdown: ReadonlyArray<{ date: string; value: number | null }>,
): Chart {
  return {
    id,
    title,
    format: 'fraction-change',
    digits: 0,
    series: [{ name: 'drawdown', kind: 'area', tone: 'warn', points: chartPoints(drawdown) }],
  };
}
