import { describe, expect, it } from 'vitest';
// @ts-expect-error plain browser JavaScript (web/), no type declarations
import { thinToWidth } from '../web/lib.js';

type P = { time: string; value: number };
const day = (i: number) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10);

/** The dashboard draws a long line thinned to its width in pixels (web/lib.js `thinToWidth`). */
describe('thinToWidth', () => {
  it('keeps a line no longer than the width, or of a chart not laid out, as it is', () => {
    const pts: P[] = Array.from({ length: 500 }, (_, i) => ({ time: day(i), value: i }));
    expect(thinToWidth(pts, 600)).toBe(pts);
    expect(thinToWidth(pts, 0)).toBe(pts);
  });

  it('keeps the first and last point and each bucket’s lowest and highest, in date order', () => {
    // 4,000 daily points on a 400-px chart: 200 buckets of 20; one crash day and one spike inside.
    const pts: P[] = Array.from({ length: 4000 }, (_, i) => ({ time: day(i), value: 100 + (i % 7) }));
    pts[1234]!.value = 5;
    pts[2345]!.value = 900;
    const out: P[] = thinToWidth(pts, 400);
    expect(out.length).toBeLessThanOrEqual(401);
    expect(out.length).toBeGreaterThan(200);
    expect(out[0]).toBe(pts[0]);
    expect(out.at(-1)).toBe(pts.at(-1));
    expect(out).toContain(pts[1234]);
    expect(out).toContain(pts[2345]);
    expect(Math.min(...out.map((p) => p.value))).toBe(5);
    expect(Math.max(...out.map((p) => p.value))).toBe(900);
    const times = out.map((p) => p.time);
    expect(times).toEqual([...new Set(times)].sort());
  });
});
