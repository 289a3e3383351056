import { describe, expect, it } from 'vitest';
import { TidewatchError } from '../../../core/errors.js';
import { parseInfoTable } from './infotable.js';
import { parseSgml } from './sgml.js';

/** Small literal tables (hand-written in the EDGAR 13F information-table schema). */
const row = (inner: string) =>
  `<infoTable><nameOfIssuer>X CORP</nameOfIssuer><titleOfClass>COM</titleOfClass>${inner}<investmentDiscretion>SOLE</investmentDiscretion><votingAuthority><Sole>1</Sole><Shared>0</Shared><None>0</None></votingAuthority></infoTable>`;
const table = (...rows: string[]) =>
  `<informationTable xmlns="http://www.sec.gov/edgar/document/thirteenf/informationtable">${rows.join('')}</informationTable>`;
const FULL =
  '<cusip>123456789</cusip><value>100</value><shrsOrPrnAmt><sshPrnamt>10</sshPrnamt><sshPrnamtType>SH</sshPrnamtType></shrsOrPrnAmt>';

describe('information table edge cases', () => {
  it('no XML declaration at all parses', () => {
    expect(parseInfoTable(table(row(FULL)), 't.xml').rows).toHaveLength(1);
  });

  it('n1: prefix on every element parses like the default namespace', () => {
    const xml = table(row(FULL)).replace(/<(\/?)(\w+)/g, '<$1n1:$2');
    const r = parseInfoTable(xml, 't.xml').rows[0];
    expect([r?.cusip, r?.value, r?.shares, r?.shareType]).toEqual(['123456789', 100, 10, 'SH']);
  });

  it('PEERS: a 13F-HR with no holdings carries a placeholder row (OpenBB #7618) — CUSIP 000000000, value 0 is skipped with a warning', () => {
    const placeholder =
      '<cusip>000000000</cusip><value>0</value><shrsOrPrnAmt><sshPrnamt>0</sshPrnamt><sshPrnamtType>SH</sshPrnamtType></shrsOrPrnAmt>';
    const t = parseInfoTable(table(row(placeholder)), 'empty.xml');
    expect(t.rows).toEqual([]);
    expect(t.warnings[0]).toMatch(/empty\.xml: row 1 is the no-holdings placeholder/);
  });

  it('a missing required field names the file, row, XML line and field', () => {
    const noValue =
      '<cusip>123456789</cusip><shrsOrPrnAmt><sshPrnamt>10</sshPrnamt><sshPrnamtType>SH</sshPrnamtType></shrsOrPrnAmt>';
    const xml = `<informationTable>\n${row(FULL)}\n${row(noValue)}\n</informationTable>`;
    expect(() => parseInfoTable(xml, 'acc-0001.xml')).toThrow(
      'acc-0001.xml: information table row 2 (XML line 3) is missing required field <value>',
    );
  });

  it('malformed XML is a bad-input error with the line', () => {
    const xml = '<informationTable>\n<infoTable>\n<cusip>1</value>\n</infoTable></informationTable>';
    try {
      parseInfoTable(xml, 'bad.xml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TidewatchError);
      expect((e as TidewatchError).kind).toBe('bad-input');
      expect((e as TidewatchError).message).toBe(
        'bad.xml: malformed XML at line 3: expected </cusip> (opened at line 3) but found </value>',
      );
    }
  });

  it('a non-numeric value is rejected with its text', () => {
    const xml = table(row(FULL.replace('<value>100</value>', '<value>1O0</value>')));
    expect(() => parseInfoTable(xml, 'v.xml')).toThrow(
      "v.xml: row 1 (XML line 1) value: expected a number, got '1O0'",
    );
  });

  it('putCall in capitals is normalised; a bad putCall is rejected', () => {
    const put = parseInfoTable(table(row(`${FULL}<putCall>PUT</putCall>`)), 'p.xml').rows[0];
    expect(put?.putCall).toBe('Put');
    expect(() => parseInfoTable(table(row(`${FULL}<putCall>Straddle</putCall>`)), 'p.xml')).toThrow(
      /putCall must be Put or Call, got 'Straddle'/,
    );
  });

  it('otherManager as a comma list', () => {
    const r = parseInfoTable(table(row(`${FULL}<otherManager>1,2, 3</otherManager>`)), 'o.xml').rows[0];
    expect(r?.otherManagers).toEqual([1, 2, 3]);
  });

  it('the wrong root element is refused', () => {
    expect(() => parseInfoTable('<edgarSubmission/>', 'c.xml')).toThrow(
      /expected an <informationTable> root/,
    );
  });

  it('an SGML document with <XML> but no </XML> is refused', () => {
    const txt =
      '<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>INFORMATION TABLE\n<TEXT>\n<XML>\n<informationTable/>\n</TEXT>\n</DOCUMENT>';
    expect(() => parseSgml(txt, 'x.txt')).toThrow(
      /x.txt: document INFORMATION TABLE has <XML> without <\/XML>/,
    );
  });
});
