import { toCanonical } from '../../../core/units.js';
import type { InfoTableRow, ParsedThirteenF } from './types.js';
import { detectValueUnit, type PriceRange, type UnitDecision } from './value-unit.js';

/** An information-table row with its value converted to US dollars. */
export interface Holding extends InfoTableRow {
  valueUsd: number;
}

/** A parsed filing with its value unit decided and every row in US dollars. */
export interface ThirteenFFiling extends ParsedThirteenF {
  unit: UnitDecision;
  holdings: Holding[];
}

export function normaliseFiling(
  parsed: ParsedThirteenF,
  opts: { pricesByCusip?: Map<string, PriceRange> } = {},
): ThirteenFFiling {
  const ctx = { filed: parsed.filed ?? parsed.cover?.signatureDate ?? null, period: parsed.period };
  const unit = detectValueUnit(
    parsed.rows,
    opts.pricesByCusip ? { ...ctx, pricesByCusip: opts.pricesByCusip } : ctx,
  );
  const holdings = parsed.rows.map((r) => ({ ...r, valueUsd: toCanonical(r.value, unit.unit) }));
  const warnings = [...parsed.warnings];
  if (unit.disagreement) warnings.push(`value unit: ${unit.rule} decided ${unit.unit}; ${unit.disagreement}`);
  return { ...parsed, unit, holdings, warnings };
}
