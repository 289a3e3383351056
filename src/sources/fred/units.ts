import { TidewatchError } from '../../core/errors.js';
import { median } from '../../core/stats.js';
import { scaleUnit, toCanonical, type Unit } from '../../core/units.js';
import type { CatalogEntry } from './catalog.js';

export interface UnitDecision {
  unit: Unit;
  /** Why this unit: 'catalog', 'api-metadata', 'overlap-ratio', 'magnitude-range'. */
  rule: string;
  warning?: string;
}

const RATIO_TOLERANCE = 0.02;

function near(x: number, target: number): boolean {
  return Math.abs(x / target - 1) <= RATIO_TOLERANCE;
}

/**
 * Decide the unit of incoming values. FRED changed WTREGEN and WRESBAL from billions to millions
 * between downloads, so the id alone cannot tell. Evidence, strongest first:
 *  1. overlap with values already stored (canonical US$): the median ratio stored/incoming is
 *     1 (unit as assumed), 1000 or 1/1000 (the other unit: rescale, with a warning);
 *  2. the catalog's plausible range: if ≥ 90 % of values fit only one step of the ladder.
 * Anything else is ambiguous and refused, so a wrong unit is never stored silently.
 */
export function decideUnit(
  origin: string,
  entry: CatalogEntry,
  assumed: Unit,
  rows: Array<{ date: string; value: number }>,
  stored: Map<string, number>,
): UnitDecision {
  const money = assumed.startsWith('usd');
  if (!money || !rows.length) return { unit: assumed, rule: 'catalog' };

  const ratios: number[] = [];
  for (const r of rows) {
    const s = stored.get(r.date);
    const incoming = toCanonical(r.value, assumed);
    if (s !== undefined && s !== 0 && incoming !== 0) ratios.push(s / incoming);
  }
  if (ratios.length >= 3) {
    const m = median(ratios);
    const agreeing = (t: number) => ratios.filter((r) => Math.abs(r / t - 1) <= 0.1).length / ratios.length;
    if (near(m, 1) || agreeing(1) >= 0.9) return { unit: assumed, rule: 'overlap-ratio' };
    for (const step of [1, -1] as const) {
      const target = step === 1 ? 1000 : 0.001;
      if (near(m, target) && agreeing(target) >= 0.9) {
        const unit = scaleUnit(assumed, step);
        return {
          unit,
          rule: 'overlap-ratio',
          warning: `${origin}: ${entry.id} values are ×${step === 1 ? '1000 smaller' : '1000 larger'} than the ${ratios.length} stored values on the same dates; read as ${unit} instead of ${assumed} (FRED changed this series' unit between downloads)`,
        };
      }
    }
    throw new TidewatchError(
      'unit-mismatch',
      `${origin}: ${entry.id} disagrees with stored values by a median factor of ${m.toPrecision(4)} on ${ratios.length} shared dates; not a ×1000 unit change, refusing to guess`,
      { hint: 'check the file; if the stored data is wrong, remove it with a fresh --db' },
    );
  }

  const range = entry.range;
  if (!range) return { unit: assumed, rule: 'catalog' };
  const fits = (u: Unit) =>
    rows.filter((r) => {
      const v = Math.abs(toCanonical(r.value, u));
      return v === 0 || (v >= range[0] && v <= range[1]);
    }).length / rows.length;
  const candidates: Unit[] = [assumed];
  for (const step of [1, -1] as const) {
    try {
      candidates.push(scaleUnit(assumed, step));
    } catch {
      /* end of the ladder */
    }
  }
  const fitting = candidates.filter((u) => fits(u) >= 0.9);
  if (fitting[0] === assumed) return { unit: assumed, rule: 'magnitude-range' };
  if (fitting.length === 1) {
    const unit = fitting[0]!;
    return {
      unit,
      rule: 'magnitude-range',
      warning: `${origin}: ${entry.id} values are implausible in ${assumed} but fit ${unit}; read as ${unit} (FRED changed this series' unit between downloads)`,
    };
  }
  throw new TidewatchError(
    'unit-mismatch',
    `${origin}: ${entry.id} values do not fit the expected magnitude in ${candidates.join(', ')}; refusing to guess the unit`,
  );
}
