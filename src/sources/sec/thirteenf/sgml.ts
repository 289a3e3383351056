import { TidewatchError } from '../../../core/errors.js';
import { cikNumber, edgarDate } from './fields.js';
import type { SubmissionHeader } from './types.js';

/**
 * The EDGAR SGML wrapper around a filing's documents, in its two shapes:
 * - full submission text (`<SEC-DOCUMENT>` + `<SEC-HEADER>` with "KEY:\tvalue" lines), as served
 *   at Archives/edgar/data/CIK/ACCESSION.txt;
 * - dissemination `.nc` (`<SUBMISSION><ACCESSION-NUMBER>…` with unclosed tag-style header fields
 *   and bare CR line ends, e.g. Acorn Creek 0001951757-25-000093).
 * Each `<DOCUMENT>` carries `<TYPE>`, `<FILENAME>` and a `<TEXT>` body; XML bodies are wrapped in
 * `<XML>…</XML>`. We cut the XML out and hand it to a real XML parser instead of parsing the
 * SGML leniently (a recover-mode parse dropped '&' from "S&P500" in one project; PEERS.md).
 */
export interface SgmlDocument {
  type: string;
  filename: string | null;
  sequence: number | null;
  /** Body inside `<XML>…</XML>` when present, else the `<TEXT>` body. */
  body: string;
  isXml: boolean;
}

export interface SgmlSubmission {
  header: SubmissionHeader;
  documents: SgmlDocument[];
}

export function looksLikeSgml(text: string): boolean {
  const head = text.slice(0, 2000);
  return /<SEC-DOCUMENT>|<SEC-HEADER>|<SUBMISSION>|<DOCUMENT>/.test(head);
}

/** Bare CR (.nc) and CRLF become LF so line-based header fields and XML lines work alike. */
export function normaliseNewlines(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

export function parseSgml(raw: string, where: string): SgmlSubmission {
  const text = normaliseNewlines(raw);
  const firstDoc = text.indexOf('<DOCUMENT>');
  if (firstDoc < 0) throw new TidewatchError('bad-input', `${where}: no <DOCUMENT> in the submission text`);
  const header = parseHeader(text.slice(0, firstDoc), where);
  const documents: SgmlDocument[] = [];
  let pos = firstDoc;
  while (pos >= 0 && pos < text.length) {
    const start = text.indexOf('<DOCUMENT>', pos);
    if (start < 0) break;
    const end = text.indexOf('</DOCUMENT>', start);
    if (end < 0)
      throw new TidewatchError('bad-input', `${where}: <DOCUMENT> at offset ${start} is never closed`);
    documents.push(parseDocument(text.slice(start + 10, end), where));
    pos = end + 11;
  }
  return { header, documents };
}

function tagValue(block: string, tag: string): string | null {
  // Unclosed SGML tags: the value runs to the end of the line (or the next tag in .nc).
  const m = new RegExp(`<${tag}>([^<\\n]*)`).exec(block);
  const v = m?.[1]?.trim();
  return v ? v : null;
}

function parseDocument(block: string, where: string): SgmlDocument {
  const type = tagValue(block, 'TYPE') ?? '';
  const seq = tagValue(block, 'SEQUENCE');
  const t0 = block.indexOf('<TEXT>');
  const t1 = block.lastIndexOf('</TEXT>');
  let body = t0 >= 0 ? block.slice(t0 + 6, t1 > t0 ? t1 : undefined) : '';
  const x0 = body.indexOf('<XML>');
  const x1 = body.lastIndexOf('</XML>');
  const isXml = x0 >= 0;
  if (isXml) {
    if (x1 < x0) throw new TidewatchError('bad-input', `${where}: document ${type} has <XML> without </XML>`);
    body = body.slice(x0 + 5, x1);
  }
  return {
    type: type.toUpperCase(),
    filename: tagValue(block, 'FILENAME'),
    sequence: seq && /^\d+$/.test(seq) ? Number(seq) : null,
    body: body.trim(),
    isXml,
  };
}

const TXT_KEYS: Record<string, keyof SubmissionHeader> = {
  'ACCESSION NUMBER': 'accession',
  'CONFORMED SUBMISSION TYPE': 'form',
  'CONFORMED PERIOD OF REPORT': 'period',
  'FILED AS OF DATE': 'filed',
  'CENTRAL INDEX KEY': 'cik',
  'COMPANY CONFORMED NAME': 'companyName',
};
const NC_KEYS: Record<string, keyof SubmissionHeader> = {
  'ACCESSION-NUMBER': 'accession',
  TYPE: 'form',
  PERIOD: 'period',
  'FILING-DATE': 'filed',
  CIK: 'cik',
  'CONFORMED-NAME': 'companyName',
};

function parseHeader(block: string, where: string): SubmissionHeader {
  const raw: Partial<Record<keyof SubmissionHeader, string>> = {};
  for (const line of block.split('\n')) {
    // First occurrence wins: the first FILER block is the filer (later ones: filed-by agents).
    let m = /^\s*([A-Z][A-Z ]+):\s*(.*)$/.exec(line);
    if (m) {
      const key = TXT_KEYS[m[1]!.trim()];
      if (key && raw[key] === undefined && m[2]!.trim() !== '') raw[key] = m[2]!.trim();
      continue;
    }
    m = /^\s*<([A-Z-]+)>([^<]*)$/.exec(line);
    if (m) {
      const key = NC_KEYS[m[1]!];
      if (key && raw[key] === undefined && m[2]!.trim() !== '') raw[key] = m[2]!.trim();
    }
  }
  return {
    accession: raw.accession ?? null,
    form: raw.form ?? null,
    period: raw.period ? edgarDate(raw.period, `${where} header period`) : null,
    filed: raw.filed ? edgarDate(raw.filed, `${where} header filing date`) : null,
    cik: cikNumber(raw.cik),
    companyName: raw.companyName ?? null,
  };
}
