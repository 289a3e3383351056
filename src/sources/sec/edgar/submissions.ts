import { z } from 'zod';
import { TidewatchError } from '../../../core/errors.js';
import { parseSecJson } from '../shape.js';

/**
 * data.sec.gov submissions JSON: `filings.recent` holds the latest ≤1,000 filings as parallel
 * column arrays; `filings.files` names older pages, each holding the same column arrays at the
 * top level. `cik` is a zero-padded string here (an integer in other SEC files).
 */
const Columns = z.object({
  accessionNumber: z.array(z.string()),
  filingDate: z.array(z.string()),
  reportDate: z.array(z.string()),
  form: z.array(z.string()),
  primaryDocument: z.array(z.string()),
  acceptanceDateTime: z.array(z.string()).optional(),
});

const Submissions = z.object({
  cik: z.union([z.string(), z.number()]),
  name: z.string(),
  tickers: z.array(z.string()).optional(),
  filings: z.object({
    recent: Columns,
    files: z.array(
      z.object({ name: z.string(), filingCount: z.number(), filingFrom: z.string(), filingTo: z.string() }),
    ),
  }),
});

export interface FilingRef {
  cik: number;
  accession: string;
  form: string;
  filingDate: string;
  /** Period of report; null when EDGAR leaves it empty. */
  reportDate: string | null;
  primaryDocument: string;
}

export interface SubmissionsPage {
  cik: number;
  name: string;
  tickers: string[];
  filings: FilingRef[];
  /** Older pages still to read. */
  files: { name: string; filingCount: number; filingFrom: string; filingTo: string }[];
}

function rows(cik: number, c: z.infer<typeof Columns>, where: string): FilingRef[] {
  const n = c.accessionNumber.length;
  for (const [k, v] of Object.entries(c)) {
    if (Array.isArray(v) && v.length !== n) {
      throw new TidewatchError(
        'format-changed',
        `${where}: column '${k}' has ${v.length} entries, accessionNumber has ${n}`,
      );
    }
  }
  const out: FilingRef[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      cik,
      accession: c.accessionNumber[i]!,
      form: c.form[i]!,
      filingDate: c.filingDate[i]!,
      reportDate: c.reportDate[i] ? c.reportDate[i]! : null,
      primaryDocument: c.primaryDocument[i]!,
    });
  }
  return out;
}

export function parseSubmissions(json: unknown, where: string): SubmissionsPage {
  const page = parseSecJson(Submissions, json, where, 'submissions JSON');
  const cik = Number(page.cik);
  return {
    cik,
    name: page.name,
    tickers: page.tickers ?? [],
    filings: rows(cik, page.filings.recent, where),
    files: page.filings.files,
  };
}

/** An older page (`CIK##########-submissions-001.json`): bare column arrays. */
export function parseSubmissionsPage(json: unknown, cik: number, where: string): FilingRef[] {
  return rows(cik, parseSecJson(Columns, json, where, 'submissions JSON'), where);
}

/** 13F-HR, 13F-HR/A, 13F-NT, 13F-NT/A. */
export function isThirteenF(form: string): boolean {
  return /^13F-(HR|NT)(\/A)?$/.test(form);
}
