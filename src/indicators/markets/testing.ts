/**
 * Test support only (imported by *.test.ts): reads the real shared files into Points. Not used
 * by product code, which gets its series from the store.
 */
import { readFileSync } from 'node:fs';
import { dataFile } from '../../../test/shared-data.js';
import { toCanonical } from '../../core/units.js';
import { parsePriceCsv } from '../../sources/prices/parse.js';
import { type Point, valueAsOf } from './series.js';

export function fredPoints(id: string): Point[] {
  return readFileSync(dataFile('fred', `${id}.csv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((f) => f[1] !== undefined && f[1] !== '' && f[1] !== '.')
    .map((f) => ({ date: f[0]!, value: Number(f[1]) }));
}

/** Weekly (Wednesday) net liquidity in US$: WALCL (millions) − WTREGEN (millions, this download) − RRPONTSYD (billions). */
export function netLiquidityFromFred(): Point[] {
  const walcl = fredPoints('WALCL');
  const tga = fredPoints('WTREGEN');
  const rrp = fredPoints('RRPONTSYD');
  return walcl.map((w) => ({
    date: w.date,
    value:
      toCanonical(w.value, 'usd_millions') -
      toCanonical(valueAsOf(tga, w.date)?.value ?? 0, 'usd_millions') -
      toCanonical(valueAsOf(rrp, w.date)?.value ?? 0, 'usd_billions'),
  }));
}

export function closesFromFile(folder: 'prices' | 'crypto', rel: string): Point[] {
  const p = parsePriceCsv(readFileSync(dataFile(folder, rel), 'utf8'), { file: rel });
  return p.bars.map((b) => ({ date: b.date, value: b.adjClose }));
}
