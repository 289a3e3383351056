import { addDays, type IsoDate, isIsoDate } from '../../../core/dates.js';
import type { FilingMeta, XbrlDocument } from './types.js';

/**
 * When a saved 10-K/10-Q document's figures became public. The filing date is not part of the
 * XBRL document itself (dei has DocumentPeriodEndDate, not the acceptance date), so, in order:
 * 1. the date given on import (`--filed`);
 * 2. a date in the file name as EDGAR tools save them (`amzn-10-k-2025-02-07.html`);
 * 3. the SEC deadline for large accelerated filers (all five hyperscalers are): period end + 60
 *    days for a 10-K, + 40 for a 10-Q. The deadline is the latest day the filing could appear,
 *    so the figures are never used before they were public (at worst a few weeks late).
 * Amendments (10-K/A) have no deadline: without a date they stay undated.
 */
export const FILING_DEADLINE_DAYS: Readonly<Record<string, number>> = { '10-K': 60, '10-Q': 40 };

export type FilingDateBasis = 'given' | 'file name' | 'deadline';

/** 'amzn-10-k-2025-02-07.html' → '2025-02-07' (the form word before the date must match). */
export function filingDateFromName(fileName: string, form: string | null): IsoDate | null {
  const m = /(10-[kq])[-_](\d{4}-\d{2}-\d{2})\.[a-z]+$/i.exec(fileName);
  if (!m || !isIsoDate(m[2]!)) return null;
  if (form && m[1]!.toUpperCase() !== form.toUpperCase()) return null;
  return m[2]!;
}

export function deadlineFilingDate(form: string | null, periodEnd: IsoDate | null): IsoDate | null {
  const days = form ? FILING_DEADLINE_DAYS[form.toUpperCase()] : undefined;
  return days !== undefined && periodEnd ? addDays(periodEnd, days) : null;
}

/**
 * The document with a filing date on every fact that lacks one, and a warning saying where the
 * date came from when it was not given. Companyfacts documents carry `filed` per fact already.
 */
export function withFilingDate(doc: XbrlDocument, meta: FilingMeta = {}): XbrlDocument {
  if (meta.filed || doc.facts.every((f) => f.filed !== null)) return doc;
  const fromName = filingDateFromName(doc.source, doc.documentType);
  const deadline = deadlineFilingDate(doc.documentType, doc.periodEnd);
  const filed = fromName ?? deadline;
  if (!filed) {
    return {
      ...doc,
      warnings: [
        ...doc.warnings,
        `${doc.source}: no filing date (give --filed): its figures are left out of as-of queries`,
      ],
    };
  }
  const note = fromName
    ? `${doc.source}: filing date ${filed} taken from the file name`
    : `${doc.source}: no filing date in the document or given with --filed: ${filed} used (period end ${doc.periodEnd} + ${FILING_DEADLINE_DAYS[doc.documentType!.toUpperCase()]} days, the ${doc.documentType} deadline for large accelerated filers)`;
  return {
    ...doc,
    facts: doc.facts.map((f) => (f.filed === null ? { ...f, filed } : f)),
    warnings: [...doc.warnings, note],
  };
}
