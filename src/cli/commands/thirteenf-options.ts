import { TidewatchError } from '../../core/errors.js';

/**
 * Option parsers and defaults shared by the `13f` commands. A bad value is a `bad-input` error whose
 * message names the option, printed as one line (no commander preamble, no stack).
 */

export function cikOpt(v: string): number {
  if (!/^\d{1,10}$/.test(v))
    throw new TidewatchError('bad-input', `--cik must be a number like 1649339, got '${v}'`);
  return Number(v);
}

export function cusipOpt(v: string): string {
  if (!/^[0-9A-Za-z]{9}$/.test(v))
    throw new TidewatchError('bad-input', `--cusip must be 9 letters/digits like 78462F103, got '${v}'`);
  return v.toUpperCase();
}

export function countOpt(v: string): number {
  if (!/^\d{1,4}$/.test(v) || Number(v) < 1)
    throw new TidewatchError('bad-input', `--top must be a whole number from 1 to 9999, got '${v}'`);
  return Number(v);
}

/** --as-of (context.ts asOfOf): every 13F view shows only what was filed by then. */
export const AS_OF_HELP = 'only filings (and amendments) filed by this day (default: today)';
