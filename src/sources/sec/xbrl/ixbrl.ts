import { TidewatchError } from '../../../core/errors.js';
import { decodeEntities } from '../thirteenf/xml-scan.js';
import { DEI_META, FactsBuilder } from './facts-builder.js';
import { applyFormat, shiftDecimal } from './ix-formats.js';
import type { FilingMeta, XbrlDocument } from './types.js';
import {
  localName,
  makeXmlParser,
  parseContexts,
  parseDecimals,
  parseUnits,
  prefixOf,
  taxonomyForNamespace,
  type XmlNode,
} from './xml-common.js';

/**
 * Parser for an inline-XBRL (iXBRL) 10-K/10-Q HTML document. Contexts and units sit in the
 * hidden <ix:header>/<ix:resources> block (well-formed XML, parsed as such); the numbers are
 * <ix:nonFraction> elements spread through the HTML, found with a nesting-aware scan rather
 * than a full HTML parse (Workiva nests one nonFraction inside another for the same figure).
 * Each value goes through its `format`, then `scale` (displayed in millions → ×10^6) and
 * `sign="-"` (the displayed number is positive, the fact is negative).
 */
const IX_NS = 'http://www.xbrl.org/2013/inlineXBRL';
const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(ATTR)) out[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

function stripTags(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseInlineXbrl(html: string, source: string, meta: FilingMeta = {}): XbrlDocument {
  const htmlTag = /<html\b([^>]*)>/i.exec(html);
  if (!htmlTag)
    throw new TidewatchError('bad-input', `${source}: no <html> element: not an inline-XBRL document`);
  const rootAttrs = parseAttrs(htmlTag[1] ?? '');
  const ns = new Map<string, string>();
  for (const [k, v] of Object.entries(rootAttrs)) if (k.startsWith('xmlns:')) ns.set(k.slice(6), v);
  const ix = [...ns.entries()].find(([, uri]) => uri === IX_NS)?.[0];
  if (!ix)
    throw new TidewatchError(
      'bad-input',
      `${source}: no inline-XBRL namespace (${IX_NS}) declared on <html>`,
    );

  const resStart = html.indexOf(`<${ix}:resources`);
  const resEnd = html.indexOf(`</${ix}:resources>`);
  if (resStart < 0 || resEnd < 0)
    throw new TidewatchError('bad-input', `${source}: no <${ix}:resources> block (contexts/units)`);
  // Re-declare the namespaces on the extracted block so it parses as a standalone document.
  const resXml = `<r>${html.slice(resStart, resEnd + ix.length + 13)}</r>`;
  let res: XmlNode;
  try {
    const parsed = makeXmlParser().parse(resXml) as XmlNode;
    const r = (parsed.r as XmlNode[])[0]!;
    const list = Object.entries(r).find(([k]) => localName(k) === 'resources')?.[1] as XmlNode[] | undefined;
    if (!list?.[0]) throw new Error('no resources element');
    res = list[0];
  } catch (e) {
    throw new TidewatchError(
      'bad-input',
      `${source}: malformed <${ix}:resources> block (${(e as Error).message.split('\n')[0]})`,
    );
  }
  const contexts = parseContexts(res, source);
  const units = parseUnits(res);
  const b = new FactsBuilder(source, contexts, units, meta);

  // dei cover-page facts (non-numeric): document type, CIK, period end, ticker, name.
  const dei = new Map<string, string>();
  // The cover page's DocumentPeriodEndDate is display text ('August 31, 2024' split across
  // spans); the DocumentType fact's context carries the same date as a real date.
  let docContext: string | undefined;
  const nn = new RegExp(`<${ix}:nonNumeric\\b([^>]*)>([\\s\\S]*?)</${ix}:nonNumeric>`, 'g');
  for (const m of html.matchAll(nn)) {
    const a = parseAttrs(m[1] ?? '');
    const name = a.name ?? '';
    const p = prefixOf(name);
    if (taxonomyForNamespace(p, ns.get(p)) !== 'dei') continue;
    const local = localName(name);
    if (DEI_META.has(local) && !dei.has(local)) dei.set(local, stripTags(m[2] ?? ''));
    if (local === 'DocumentType' && a.contextRef) docContext = a.contextRef;
  }

  const tag = new RegExp(`<(/?)${ix}:nonFraction\\b([^>]*?)(/?)>`, 'g');
  const stack: { attrs: Record<string, string>; from: number }[] = [];
  let m: RegExpExecArray | null;
  // biome-ignore lint/suspicious/noAssignInExpressions: regex scan loop
  while ((m = tag.exec(html)) !== null) {
    if (m[1] === '/') {
      const open = stack.pop();
      if (!open)
        throw new TidewatchError(
          'bad-input',
          `${source}: </${ix}:nonFraction> without an opening tag at offset ${m.index}`,
        );
      emit(open.attrs, html.slice(open.from, m.index));
    } else if (m[3] === '/') {
      emit(parseAttrs(m[2] ?? ''), null);
    } else {
      stack.push({ attrs: parseAttrs(m[2] ?? ''), from: m.index + m[0].length });
    }
  }
  if (stack.length > 0)
    throw new TidewatchError(
      'bad-input',
      `${source}: ${stack.length} <${ix}:nonFraction> element(s) never closed`,
    );

  function emit(a: Record<string, string>, inner: string | null): void {
    const qname = a.name ?? '';
    const where = `${qname} (context ${a.contextRef ?? '?'})`;
    if (!qname || !a.contextRef || !a.unitRef) {
      throw new TidewatchError(
        'bad-input',
        `${source}: ix:nonFraction ${where} lacks name, contextRef or unitRef`,
      );
    }
    if (a['xsi:nil'] === 'true' || inner === null) {
      b.nilFacts++;
      return;
    }
    const text = stripTags(inner);
    const decimal = applyFormat(a.format, text);
    if (decimal === null) {
      b.warnings.push(
        `${source}: ${where}: value '${text.slice(0, 30)}' in format '${a.format ?? '(none)'}' not understood; skipped`,
      );
      return;
    }
    const scale = a.scale === undefined ? 0 : Number(a.scale);
    if (!Number.isInteger(scale))
      throw new TidewatchError('bad-input', `${source}: ${where} has scale '${a.scale}'`);
    const magnitude = shiftDecimal(decimal, scale);
    const value = a.sign === '-' ? -magnitude : magnitude;
    const p = prefixOf(qname);
    b.add(
      taxonomyForNamespace(p, ns.get(p)),
      localName(qname),
      a.contextRef,
      a.unitRef,
      value,
      parseDecimals(a.decimals),
    );
  }

  return b.toDocument('ixbrl', dei, docContext);
}
