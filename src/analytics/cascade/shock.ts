import { TidewatchError } from '../../core/errors.js';

/**
 * The cascade's first move, read the same way on the CLI (`--shock`) and the API (`?shock=`):
 * '-10%' is a percent, '-0.1' a fraction — both a 10 % fall. A bare number of magnitude 1 or
 * more is refused rather than guessed (is '-5' −5 % or −500 %?), and so is a move to zero or
 * below or an implausible rise.
 */
export const SHOCK_RANGE = { min: -0.9, max: 0.9 } as const;

export function parseShock(v: string, name = 'shock'): number {
  const t = v.trim();
  const percent = t.endsWith('%');
  const body = percent ? t.slice(0, -1).trim() : t;
  const n = body === '' ? Number.NaN : Number(body);
  if (!Number.isFinite(n))
    throw new TidewatchError('bad-input', `${name} '${v}' is not a number (write -10% or -0.1)`);
  if (!percent && Math.abs(n) >= 1)
    throw new TidewatchError(
      'bad-input',
      `${name} '${v}' is ambiguous: write a percent with % (-10%) or a fraction (-0.1)`,
    );
  const x = percent ? n / 100 : n;
  if (x < SHOCK_RANGE.min || x > SHOCK_RANGE.max)
    throw new TidewatchError(
      'bad-input',
      `${name} ${v} is outside ${SHOCK_RANGE.min * 100}% … +${SHOCK_RANGE.max * 100}%`,
    );
  return x;
}
