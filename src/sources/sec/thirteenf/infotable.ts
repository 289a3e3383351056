import { TidewatchError } from '../../../core/errors.js';
import { edgarNumber, managerList } from './fields.js';
import type { InfoTableRow, PutCall, ShareType } from './types.js';
import { child, childText, scanXml, type XmlElement } from './xml-scan.js';

/**
 * The 13F information table (informationtable.xml / infotable.xml / form13fInfoTable.xml):
 * one `infoTable` element per row, with or without a namespace prefix (`ns1:`, `n1:` or the
 * default namespace — the scanner drops prefixes). Values are returned exactly as filed; the
 * unit (thousands or dollars) is decided later by value-unit.ts.
 */
export interface InfoTableResult {
  rows: InfoTableRow[];
  warnings: string[];
}

/** Placeholder row of a holdings report with nothing to report (OpenBB #7618: 0/0 weights). */
const PLACEHOLDER_CUSIP = /^0{9}$/;

export function parseInfoTable(xml: string, where: string): InfoTableResult {
  const root = scanXml(stripToXml(xml), where);
  if (root.name !== 'informationTable') {
    throw new TidewatchError(
      'bad-input',
      `${where}: expected an <informationTable> root element, found <${root.name}>`,
    );
  }
  const rows: InfoTableRow[] = [];
  const warnings: string[] = [];
  let line = 0;
  for (const el of root.children) {
    if (el.name !== 'infoTable') continue;
    line++;
    const row = parseRow(el, line, where);
    if (PLACEHOLDER_CUSIP.test(row.cusip) && row.value === 0) {
      warnings.push(
        `${where}: row ${line} is the no-holdings placeholder (CUSIP 000000000, value 0); skipped`,
      );
      continue;
    }
    rows.push(row);
  }
  return { rows, warnings };
}

/** Text before the XML declaration (a blank line, a BOM) makes strict parsers fail; drop it. */
export function stripToXml(s: string): string {
  const i = s.indexOf('<');
  return i <= 0 ? s : s.slice(i);
}

function required(el: XmlElement, name: string, line: number, where: string): string {
  const v = childText(el, name);
  if (v === undefined || v === '') {
    throw new TidewatchError(
      'bad-input',
      `${where}: information table row ${line} (XML line ${el.line}) is missing required field <${name}>`,
    );
  }
  return v;
}

function parseRow(el: XmlElement, line: number, where: string): InfoTableRow {
  const at = `${where}: row ${line} (XML line ${el.line})`;
  const amt = child(el, 'shrsOrPrnAmt');
  if (!amt) {
    throw new TidewatchError('bad-input', `${at} is missing required field <shrsOrPrnAmt>`);
  }
  const shareTypeRaw = required(amt, 'sshPrnamtType', line, where).toUpperCase();
  if (shareTypeRaw !== 'SH' && shareTypeRaw !== 'PRN') {
    throw new TidewatchError('bad-input', `${at}: sshPrnamtType must be SH or PRN, got '${shareTypeRaw}'`);
  }
  const putCallRaw = childText(el, 'putCall');
  let putCall: PutCall | null = null;
  if (putCallRaw) {
    const p = putCallRaw.toLowerCase();
    if (p === 'put') putCall = 'Put';
    else if (p === 'call') putCall = 'Call';
    else throw new TidewatchError('bad-input', `${at}: putCall must be Put or Call, got '${putCallRaw}'`);
  }
  const voting = child(el, 'votingAuthority');
  const vote = (name: string): number => {
    const t = voting ? childText(voting, name) : undefined;
    return t === undefined || t === '' ? 0 : edgarNumber(t, `${at} votingAuthority/${name}`);
  };
  const figi = childText(el, 'figi');
  return {
    line,
    issuer: required(el, 'nameOfIssuer', line, where),
    titleOfClass: childText(el, 'titleOfClass') ?? '',
    cusip: required(el, 'cusip', line, where).toUpperCase(),
    figi: figi ? figi : null,
    value: edgarNumber(required(el, 'value', line, where), `${at} value`),
    shares: edgarNumber(required(amt, 'sshPrnamt', line, where), `${at} sshPrnamt`),
    shareType: shareTypeRaw as ShareType,
    putCall,
    discretion: childText(el, 'investmentDiscretion') ?? '',
    otherManagers: managerList(childText(el, 'otherManager')),
    votingSole: vote('Sole'),
    votingShared: vote('Shared'),
    votingNone: vote('None'),
  };
}
