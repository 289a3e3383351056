import { isIsoDate } from '../../../core/dates.js';
import { TidewatchError } from '../../../core/errors.js';

/**
 * Field conversions shared by the 13F parsers. EDGAR writes dates three ways: MM-DD-YYYY in the
 * XML cover page, YYYYMMDD in the SGML header, DD-MON-YYYY in the bulk data sets.
 */
const MONTHS: Record<string, string> = {
  JAN: '01',
  FEB: '02',
  MAR: '03',
  APR: '04',
  MAY: '05',
  JUN: '06',
  JUL: '07',
  AUG: '08',
  SEP: '09',
  OCT: '10',
  NOV: '11',
  DEC: '12',
};

export function edgarDate(raw: string, where: string): string {
  const s = raw.trim();
  let iso: string | undefined;
  const us = /^(\d{2})-(\d{2})-(\d{4})$/.exec(s);
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  const named = /^(\d{2})-([A-Za-z]{3})-(\d{4})$/.exec(s);
  if (us) iso = `${us[3]}-${us[1]}-${us[2]}`;
  else if (compact) iso = `${compact[1]}-${compact[2]}-${compact[3]}`;
  else if (named) {
    const mm = MONTHS[named[2]!.toUpperCase()];
    if (mm) iso = `${named[3]}-${mm}-${named[1]}`;
  } else if (isIsoDate(s)) iso = s;
  if (!iso || !isIsoDate(iso)) {
    throw new TidewatchError('bad-input', `${where}: expected a date (MM-DD-YYYY or YYYYMMDD), got '${raw}'`);
  }
  return iso;
}

/** A non-negative number as 13F writes it (no thousands separators expected, tolerated). */
export function edgarNumber(raw: string | undefined, where: string): number {
  const s = (raw ?? '').trim().replace(/,/g, '');
  if (s === '' || !/^-?\d+(\.\d+)?$/.test(s)) {
    throw new TidewatchError('bad-input', `${where}: expected a number, got '${raw ?? ''}'`);
  }
  return Number(s);
}

export function optionalNumber(raw: string | undefined, where: string): number | null {
  if (raw === undefined || raw.trim() === '') return null;
  return edgarNumber(raw, where);
}

export function cikNumber(raw: string | undefined | null): number | null {
  if (raw === undefined || raw === null) return null;
  const s = raw.trim();
  return /^\d{1,10}$/.test(s) ? Number(s) : null;
}

/** `otherManager` is a sequence number or a comma list ("1,2"; Scion 2023) — never one number. */
export function managerList(raw: string | undefined): number[] {
  if (!raw) return [];
  const out: number[] = [];
  for (const part of raw.split(/[,\s]+/)) {
    // 0 is how some filers write "no other manager" (fss_infotable_3.xml)
    if (/^\d+$/.test(part) && Number(part) > 0) out.push(Number(part));
  }
  return out;
}

export function padCik(cik: number): string {
  return String(cik).padStart(10, '0');
}
