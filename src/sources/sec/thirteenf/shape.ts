import { looksLikeSgml } from './sgml.js';

/**
 * Which kind of 13F document a text is, decided in one place for the parser and the importer:
 * an EDGAR submission (SGML wrapper), a cover page (<edgarSubmission>, primary_doc.xml) or an
 * information table (<informationTable>). EDGAR serves tables with and without an XML
 * declaration, with a UTF-8 BOM or blank lines first, with a namespace prefix (`ns1:`) or a
 * default namespace; the root element is found by skipping exactly those, never by guessing
 * from a fixed opening.
 */
export type DocumentShape = 'submission' | 'cover' | 'table';

/** Local name of the root element (prefix dropped), or null when the text does not start like XML. */
export function rootElementName(text: string): string | null {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) {
      const e = text.indexOf('?>', i);
      if (e < 0) return null;
      i = e + 2;
    } else if (text.startsWith('<!--', i)) {
      const e = text.indexOf('-->', i);
      if (e < 0) return null;
      i = e + 3;
    } else if (text.startsWith('<!', i)) {
      // DOCTYPE (13F documents carry no internal subset)
      const e = text.indexOf('>', i);
      if (e < 0) return null;
      i = e + 1;
    } else {
      const m = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(text.slice(i, i + 300));
      return m ? m[1]! : null;
    }
  }
}

export function documentShape(text: string): DocumentShape | null {
  if (looksLikeSgml(text)) return 'submission';
  const root = rootElementName(text);
  if (root === 'informationTable') return 'table';
  if (root === 'edgarSubmission') return 'cover';
  return null;
}
