import { InvalidArgumentError } from 'commander';
import { today } from '../../core/dates.js';
import { optDate } from '../context.js';

/** Option parsers and defaults shared by the `13f` commands. */

export function cikOpt(v: string): number {
  if (!/^\d{1,10}$/.test(v))
    throw new InvalidArgumentError(`--cik must be a number like 1649339, got '${v}'`);
  return Number(v);
}

export function cusipOpt(v: string): string {
  if (!/^[0-9A-Za-z]{9}$/.test(v))
    throw new InvalidArgumentError(`--cusip must be 9 letters/digits like 78462F103, got '${v}'`);
  return v.toUpperCase();
}

export function countOpt(v: string): number {
  if (!/^\d{1,4}$/.test(v) || Number(v) < 1)
    throw new InvalidArgumentError(`must be a whole number from 1 to 9999, got '${v}'`);
  return Number(v);
}

/** --as-of, default today: every 13F view shows only what was filed by then. */
export const asOfOf = (opts: { asOf?: string }): string => optDate(opts.asOf, '--as-of') ?? today();

export const AS_OF_HELP = 'only filings (and amendments) filed by this day (default: today)';
