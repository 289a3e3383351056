import type { IsoDate } from '../../../core/dates.js';

/** Where a fact came from: the companyfacts API, a classic XBRL instance, or an inline-XBRL filing. */
export type XbrlSourceKind = 'companyfacts' | 'instance' | 'ixbrl';

/**
 * One numeric XBRL fact, the same record whatever the document kind. Monetary values are in US
 * dollars (the document's `scale` and `sign` already applied); other units (shares, pure, …)
 * keep their own unit string. Facts reported in several filings stay separate records (one per
 * accession) so an "as of" query can pick what was public on a given day.
 */
export interface XbrlFact {
  cik: number;
  /** 'us-gaap', 'dei', 'srt', 'ifrs-full' or the filer's own prefix (e.g. 'amzn'). */
  taxonomy: string;
  concept: string;
  /** 'USD', 'shares', 'USD/shares', 'pure', … (companyfacts spelling). */
  unit: string;
  value: number;
  /** null for an instant (balance-sheet) fact. */
  start: IsoDate | null;
  end: IsoDate;
  periodType: 'duration' | 'instant';
  /**
   * '' for the consolidated entity; otherwise the segment's dimensions as
   * 'axis=member;axis=member' (sorted), so segment figures never stand in for the total.
   */
  dims: string;
  form: string | null;
  filed: IsoDate | null;
  accession: string | null;
  /** SEC calendar frame (CY2023, CY2024Q1, CY2024Q1I) — companyfacts only. */
  frame: string | null;
  fy: number | null;
  fp: string | null;
  /** XBRL `decimals` ('INF' → null). */
  decimals: number | null;
}

export interface XbrlDocument {
  kind: XbrlSourceKind;
  /** File name or URL the facts came from (for error messages and provenance). */
  source: string;
  cik: number;
  entityName: string | null;
  /** dei:DocumentType (10-K, 10-Q) when the document says it. */
  documentType: string | null;
  /** dei:DocumentPeriodEndDate when present. */
  periodEnd: IsoDate | null;
  /** dei:TradingSymbol when present. */
  ticker: string | null;
  facts: XbrlFact[];
  /** Facts skipped and why (unknown transformation format, inconsistent duplicates); never silent. */
  warnings: string[];
  /**
   * Facts marked xsi:nil (no value, e.g. the CommitmentsAndContingencies placeholder line every
   * 10-K carries): skipped and counted, not read as 0 and not worth a warning.
   */
  nilFacts?: number;
}

/** Filing metadata a saved instance or iXBRL file does not carry itself (given on import). */
export interface FilingMeta {
  accession?: string | null;
  filed?: IsoDate | null;
  form?: string | null;
}
