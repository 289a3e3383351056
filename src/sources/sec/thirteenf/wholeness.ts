import { assertRootClosed } from '../../../core/wholeness.js';

/**
 * A 13F file is whole when its root element is closed at the end: `</SEC-DOCUMENT>` or
 * `</SUBMISSION>` for a full submission (.txt/.nc; et_13F .txt has no final newline, which is
 * fine), `</informationTable>` / `</ns1:informationTable>` or `</edgarSubmission>` for the XML
 * parts. Called before parsing, so a submission cut inside its table never stores half a book.
 */
export function assertThirteenFWhole(text: string, source: string): void {
  assertRootClosed(text, source);
}
