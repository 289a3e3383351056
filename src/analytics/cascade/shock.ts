import { TidewatchError } from '../../core/errors.js';

/**
 * The cascade's first move, read the same way on the CLI (`--shock`) and the API (`?shock=`):
 * '-10%' is a percent, '-0.1' a fraction — both a 10 % fall. A bare number of magnitude 1 or
 * more is refused rather than guessed (is '-5' −5 % or −500 %?), and so is a move to zero or
 * below or an implausible rise.
 */
export const SHOCK_RANGE = { min: -0.9, max: 0.9 } as const;

/**
 * The shock written in `v`, or what is wrong with it ("is ambiguous: …", completing "'-10' …"):
 * the one reading for the CLI (parseShock) and the API (its parameter tells the reason).
 */
export function readShock(v: string): { value: number } | { problem: string } {
  const t = v.trim();
  const percent = t.endsWith('%');
  const body = percent ? t.slice(0, -1).trim() : t;
  const n = body === '' ? Number.NaN : Number(body);
  if (!Number.isFinite(n)) return { problem: 'is not a number (write -10% or -0.1)' };
  if (!percent && Math.abs(n) >= 1)
    return { problem: 'is ambiguous: write a percent with % (-10%) or a fraction (-0.1)' };
  const x = percent ? n / 100 : n;
  if (x < SHOCK_RANGE.min || x > SHOCK_RANGE.max)
    return { problem: `is outside ${SHOCK_RANGE.min * 100}% … +${SHOCK_RANGE.max * 100}%` };
  return { value: x };
}

export function parseShock(v: string, name = 'shock'): number {
  const r = readShock(v);
  if ('problem' in r) throw new TidewatchError('bad-input', `${name} '${v}' ${r.problem}`);
  return r.value;
}
