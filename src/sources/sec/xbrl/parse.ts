import { TidewatchError } from '../../../core/errors.js';
import { assertRootClosed } from '../../../core/wholeness.js';
import { parseCompanyFacts } from './companyfacts.js';
import { withFilingDate } from './filing-date.js';
import { parseXbrlInstance } from './instance.js';
import { parseInlineXbrl } from './ixbrl.js';
import type { FilingMeta, XbrlDocument, XbrlSourceKind } from './types.js';

/** Which of the three XBRL shapes a file holds, decided from its content (not its name). */
export function detectXbrlKind(text: string): XbrlSourceKind | null {
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{')) return 'companyfacts';
  if (/<html\b/i.test(head) || /<html\b/i.test(text.slice(0, 200_000))) {
    return text.includes('http://www.xbrl.org/2013/inlineXBRL') ? 'ixbrl' : null;
  }
  if (/<(?:[\w-]+:)?xbrl\b/.test(text.slice(0, 200_000))) return 'instance';
  return null;
}

/** Parse companyfacts JSON, an XBRL instance or an inline-XBRL document into the same facts. */
export function parseXbrlDocument(text: string, source: string, meta: FilingMeta = {}): XbrlDocument {
  const kind = detectXbrlKind(text);
  // A document cut in half still holds hundreds of parsable facts: it must be whole first.
  if (kind === 'instance' || kind === 'ixbrl') assertRootClosed(text, source);
  switch (kind) {
    case 'companyfacts':
      return parseCompanyFacts(text, source);
    case 'instance':
      return withFilingDate(parseXbrlInstance(text, source, meta), meta);
    case 'ixbrl':
      return withFilingDate(parseInlineXbrl(text, source, meta), meta);
    default:
      throw new TidewatchError(
        'bad-input',
        `${source}: not an XBRL document (expected companyfacts JSON, an XBRL instance <xbrl> or inline-XBRL HTML)`,
      );
  }
}
