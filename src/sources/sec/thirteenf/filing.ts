import { assertIsoDate } from '../../../core/dates.js';
import { TidewatchError } from '../../../core/errors.js';
import { coverFromElement } from './cover.js';
import { parseInfoTable, stripToXml } from './infotable.js';
import { parseSgml } from './sgml.js';
import { documentShape } from './shape.js';
import type { CoverPage, InfoTableRow, ParsedThirteenF, SubmissionHeader } from './types.js';
import { child, childText, findAll, scanXml } from './xml-scan.js';

/**
 * One entry point for every 13F shape found in the data:
 * - full submission .txt / dissemination .nc (SGML wrapper with cover + information table);
 * - an EDGAR submission XML with its documents embedded base64 (the SEC's 13F-HR/A sample);
 * - a cover page (primary_doc.xml) alone — a 13F-NT, or with the table given separately;
 * - a bare information table, which carries no filer or period: the caller must supply them.
 */
export interface ThirteenFParseOptions {
  /** File name or URL, used in messages. */
  source: string;
  cik?: number;
  period?: string;
  filed?: string;
  accession?: string;
}

export function parseThirteenF(text: string, opts: ThirteenFParseOptions): ParsedThirteenF {
  const shape = documentShape(text);
  if (shape === 'submission') return fromSgml(text, opts);
  const xml = stripToXml(text).replace(/\r\n?/g, '\n');
  // Anything that is not an information table is read as a cover page, whose check names the root found.
  if (shape === 'table') return parseThirteenFParts({ infoTable: xml }, opts);
  return parseThirteenFParts({ cover: xml }, opts);
}

/** A primary_doc.xml + information table pair (either may be missing, see above). */
export function parseThirteenFParts(
  parts: { cover?: string; infoTable?: string },
  opts: ThirteenFParseOptions,
  header?: SubmissionHeader,
): ParsedThirteenF {
  const where = opts.source;
  let cover: CoverPage | null = null;
  let infoXml = parts.infoTable;
  if (parts.cover !== undefined) {
    const root = scanXml(stripToXml(parts.cover), where);
    cover = coverFromElement(root, where);
    // SEC sample 13F-HR/A: the information table travels base64-encoded inside <documents>.
    const docs = child(root, 'documents');
    for (const d of docs ? findAll(docs, 'document') : []) {
      const type = (childText(d, 'conformedDocumentType') ?? '').toUpperCase();
      const contents = childText(d, 'contents');
      if (type === 'INFORMATION TABLE' && contents && infoXml === undefined) {
        infoXml = Buffer.from(contents, 'base64').toString('utf8');
      }
    }
  }
  const warnings: string[] = [];
  let rows: InfoTableRow[] = [];
  if (infoXml !== undefined) {
    const t = parseInfoTable(infoXml, where);
    rows = t.rows;
    warnings.push(...t.warnings);
  }
  const period =
    cover?.periodOfReport ?? header?.period ?? (opts.period ? assertIsoDate(opts.period, 'period') : null);
  const cik = cover?.cik ?? header?.cik ?? opts.cik ?? null;
  if (!period || cik === null) {
    throw new TidewatchError(
      'bad-input',
      `${where}: a bare information table names neither filer nor quarter; give the filer CIK and the period (--cik N --period YYYY-MM-DD)`,
    );
  }
  const form = cover?.submissionType ?? header?.form?.toUpperCase() ?? '13F-HR';
  if (/^13F-HR/.test(form) && cover && cover.reportType !== '13F NOTICE' && infoXml === undefined) {
    warnings.push(`${where}: ${form} without an information table (cover page only)`);
  }
  if (header?.period && cover && header.period !== cover.periodOfReport) {
    warnings.push(
      `${where}: header period ${header.period} differs from cover period ${cover.periodOfReport}`,
    );
  }
  if (cover?.tableEntryTotal !== null && cover?.tableEntryTotal !== undefined && infoXml !== undefined) {
    if (cover.tableEntryTotal !== rows.length) {
      warnings.push(`${where}: cover says ${cover.tableEntryTotal} entries, table has ${rows.length}`);
    }
  }
  return {
    accession: header?.accession ?? opts.accession ?? null,
    cik,
    filerName: cover?.filingManager || header?.companyName || null,
    form,
    period,
    filed: header?.filed ?? (opts.filed ? assertIsoDate(opts.filed, 'filed') : null),
    cover,
    rows,
    source: where,
    warnings,
  };
}

function fromSgml(text: string, opts: ThirteenFParseOptions): ParsedThirteenF {
  const where = opts.source;
  const sub = parseSgml(text, where);
  let cover: string | undefined;
  let infoTable: string | undefined;
  for (const d of sub.documents) {
    if (!d.isXml) continue;
    const head = d.body.slice(0, 600);
    if (d.type === 'INFORMATION TABLE' || /<([\w-]+:)?informationTable[\s>]/.test(head)) infoTable ??= d.body;
    else if (/<([\w-]+:)?edgarSubmission[\s>]/.test(head)) cover ??= d.body;
  }
  if (cover === undefined && infoTable === undefined) {
    throw new TidewatchError(
      'bad-input',
      `${where}: submission ${sub.header.accession ?? '?'} (${sub.header.form ?? '?'}) has no 13F XML documents`,
    );
  }
  const parts: { cover?: string; infoTable?: string } = {};
  if (cover !== undefined) parts.cover = cover;
  if (infoTable !== undefined) parts.infoTable = infoTable;
  return parseThirteenFParts(parts, opts, sub.header);
}
