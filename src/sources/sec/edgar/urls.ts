import { TidewatchError } from '../../../core/errors.js';
import { padCik } from '../thirteenf/fields.js';

/** EDGAR endpoints. Archives URLs are immutable once published; data.sec.gov JSON changes. */
export const EDGAR_ARCHIVES = 'https://www.sec.gov/Archives/edgar/data';
export const EDGAR_DATA = 'https://data.sec.gov';

const ACCESSION = /^(\d{10})-?(\d{2})-?(\d{6})$/;

/** '0000905148-23-001400' (dashes optional on input). */
export function normaliseAccession(a: string): string {
  const m = ACCESSION.exec(a.trim());
  if (!m)
    throw new TidewatchError('bad-input', `accession number must look like 0000905148-23-001400, got '${a}'`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

export function submissionsUrl(cik: number): string {
  return `${EDGAR_DATA}/submissions/CIK${padCik(cik)}.json`;
}

/** An older page named in `filings.files` (e.g. CIK0000789019-submissions-001.json). */
export function submissionsPageUrl(name: string): string {
  if (!/^CIK\d{10}-submissions-\d{3}\.json$/.test(name)) {
    throw new TidewatchError(
      'format-changed',
      `submissions page name '${name}' is not of the form CIK##########-submissions-###.json`,
    );
  }
  return `${EDGAR_DATA}/submissions/${name}`;
}

export function filingFolderUrl(cik: number, accession: string): string {
  return `${EDGAR_ARCHIVES}/${cik}/${normaliseAccession(accession).replace(/-/g, '')}`;
}

export function filingIndexUrl(cik: number, accession: string): string {
  return `${filingFolderUrl(cik, accession)}/index.json`;
}

/** The full submission text: header + every document. */
export function fullSubmissionUrl(cik: number, accession: string): string {
  return `${filingFolderUrl(cik, accession)}/${normaliseAccession(accession)}.txt`;
}

export type CachePolicy = { kind: 'immutable' } | { kind: 'fresh'; maxAgeSeconds: number };

/**
 * Archived filings never change, so once stored they are never fetched again (a cache wiped at
 * start-up made short-lived processes re-download everything: edgartools #1051). The
 * submissions list gains filings every quarter, so it is refetched after an hour.
 */
export const SUBMISSIONS_MAX_AGE_SECONDS = 3600;

export function edgarCachePolicy(url: string): CachePolicy {
  return url.startsWith(`${EDGAR_ARCHIVES}/`)
    ? { kind: 'immutable' }
    : { kind: 'fresh', maxAgeSeconds: SUBMISSIONS_MAX_AGE_SECONDS };
}
