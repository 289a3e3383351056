import type { IsoDate } from '../../../core/dates.js';

/** 13F-HR, 13F-HR/A, 13F-NT, 13F-NT/A (as EDGAR spells the submission type). */
export type ThirteenFForm = string;

export type AmendmentType = 'RESTATEMENT' | 'NEW HOLDINGS';

export interface OtherManager {
  /** Sequence number used by the info table's `otherManager` column (summary page list only). */
  sequence: number | null;
  cik: number | null;
  fileNumber: string | null;
  name: string;
}

/** The cover page (primary_doc.xml): who filed, for which quarter, and what kind of report. */
export interface CoverPage {
  submissionType: ThirteenFForm;
  cik: number | null;
  periodOfReport: IsoDate;
  filingManager: string;
  /** '13F HOLDINGS REPORT' | '13F NOTICE' | '13F COMBINATION REPORT'. */
  reportType: string;
  isAmendment: boolean;
  amendmentNo: number | null;
  amendmentType: AmendmentType | null;
  fileNumber: string | null;
  signatureDate: IsoDate | null;
  tableEntryTotal: number | null;
  /** As printed; its unit is the filing's value unit. */
  tableValueTotal: number | null;
  /** Managers included in this report (summary page) or reporting for this filer (13F-NT cover). */
  otherManagers: OtherManager[];
  additionalInformation: string | null;
}

export type ShareType = 'SH' | 'PRN';
export type PutCall = 'Put' | 'Call';

/** One information-table row exactly as filed (value in the filing's own unit). */
export interface InfoTableRow {
  /** 1-based position in the information table. */
  line: number;
  issuer: string;
  titleOfClass: string;
  cusip: string;
  figi: string | null;
  value: number;
  shares: number;
  shareType: ShareType;
  putCall: PutCall | null;
  discretion: string;
  /** Sequence numbers from `otherManager`, which may be a comma list ("1,2"). */
  otherManagers: number[];
  votingSole: number;
  votingShared: number;
  votingNone: number;
}

/** Header fields of the EDGAR SGML wrapper (full submission .txt or dissemination .nc). */
export interface SubmissionHeader {
  accession: string | null;
  form: string | null;
  period: IsoDate | null;
  filed: IsoDate | null;
  cik: number | null;
  companyName: string | null;
}

/** A parsed 13F filing before value-unit detection. */
export interface ParsedThirteenF {
  accession: string | null;
  cik: number | null;
  filerName: string | null;
  form: ThirteenFForm;
  period: IsoDate;
  /** Filing date from the SGML header; null when only XML documents were given. */
  filed: IsoDate | null;
  cover: CoverPage | null;
  /** Empty for a 13F-NT (notice: holdings reported by another manager). */
  rows: InfoTableRow[];
  /** File name or URL it came from, for messages. */
  source: string;
  /** Things a person should know (e.g. cover total differs from the table). */
  warnings: string[];
}
