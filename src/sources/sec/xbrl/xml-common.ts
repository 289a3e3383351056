import { XMLParser } from 'fast-xml-parser';
import { isIsoDate } from '../../../core/dates.js';
import { TidewatchError } from '../../../core/errors.js';

/**
 * XML plumbing shared by the instance and inline-XBRL parsers: contexts (period + segment
 * dimensions), units, and the namespace → taxonomy mapping. Namespace prefixes are NOT
 * stripped here (unlike the 13F parser): a fact's prefix says which taxonomy it belongs to,
 * and prefixes are arbitrary, so they are resolved through the document's xmlns declarations.
 */
export type XmlNode = Record<string, unknown>;

export function makeXmlParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    removeNSPrefix: false,
    alwaysCreateTextNode: true,
    textNodeName: '#text',
    trimValues: true,
    // Everything as arrays: repeated elements and single ones look the same.
    isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
    processEntities: true,
  });
}

export function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

export function prefixOf(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? '' : qname.slice(0, i);
}

/** Child elements of `node` whose local name is `name`, whatever their prefix. */
export function kids(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node) return [];
  const out: XmlNode[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('@_') || k === '#text') continue;
    if (localName(k) !== name) continue;
    if (Array.isArray(v)) for (const x of v) out.push(x as XmlNode);
  }
  return out;
}

export function kid(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return kids(node, name)[0];
}

export function textOf(node: XmlNode | undefined): string {
  const t = node?.['#text'];
  return typeof t === 'string' ? t.trim() : t === undefined || t === null ? '' : String(t).trim();
}

export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const v = node?.[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** Standard taxonomies by namespace URI; a filer's own namespace keeps its prefix ('amzn'). */
export function taxonomyForNamespace(prefix: string, uri: string | undefined): string {
  if (uri) {
    if (/fasb\.org\/us-gaap\//.test(uri)) return 'us-gaap';
    if (/xbrl\.sec\.gov\/dei\//.test(uri)) return 'dei';
    if (/fasb\.org\/srt\//.test(uri)) return 'srt';
    if (/xbrl\.ifrs\.org\/taxonomy\//.test(uri)) return 'ifrs-full';
  }
  return prefix;
}

/** xmlns:prefix → URI from an element's attributes (the root, or <html> for iXBRL). */
export function namespaceMap(attrs: Record<string, string>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(attrs)) {
    const name = k.startsWith('@_') ? k.slice(2) : k;
    if (name.startsWith('xmlns:')) m.set(name.slice(6), v);
  }
  return m;
}

export interface XbrlContext {
  id: string;
  cik: number | null;
  start: string | null;
  end: string;
  instant: boolean;
  /** '' when the context has no segment/scenario dimensions. */
  dims: string;
}

function checkDate(s: string, where: string, what: string): string {
  // Some filers write dateTime ('2015-06-30T00:00:00'); the calendar day is what matters.
  const d = s.slice(0, 10);
  if (!isIsoDate(d)) throw new TidewatchError('bad-input', `${where}: ${what} '${s}' is not a date`);
  return d;
}

function dimsOf(container: XmlNode | undefined): string[] {
  if (!container) return [];
  const out: string[] = [];
  for (const m of kids(container, 'explicitMember')) out.push(`${attr(m, 'dimension') ?? '?'}=${textOf(m)}`);
  for (const m of kids(container, 'typedMember')) {
    // A typed member's value is its child element's text.
    const inner = Object.entries(m).find(([k]) => !k.startsWith('@_') && k !== '#text');
    const v = inner && Array.isArray(inner[1]) ? textOf(inner[1][0] as XmlNode) : textOf(m);
    out.push(`${attr(m, 'dimension') ?? '?'}=${v}`);
  }
  return out;
}

export function parseContexts(parent: XmlNode, where: string): Map<string, XbrlContext> {
  const out = new Map<string, XbrlContext>();
  for (const c of kids(parent, 'context')) {
    const id = attr(c, 'id');
    if (!id) throw new TidewatchError('bad-input', `${where}: a context has no id attribute`);
    const entity = kid(c, 'entity');
    const ident = textOf(kid(entity, 'identifier'));
    const cik = /^\d+$/.test(ident) ? Number(ident) : null;
    const period = kid(c, 'period');
    if (!period) throw new TidewatchError('bad-input', `${where}: context ${id} has no period`);
    const instant = kid(period, 'instant');
    const dims = [...dimsOf(kid(entity, 'segment')), ...dimsOf(kid(c, 'scenario'))].sort().join(';');
    if (instant) {
      const d = checkDate(textOf(instant), where, `context ${id} instant`);
      out.set(id, { id, cik, start: null, end: d, instant: true, dims });
      continue;
    }
    const s = textOf(kid(period, 'startDate'));
    const e = textOf(kid(period, 'endDate'));
    if (!s || !e)
      throw new TidewatchError('bad-input', `${where}: context ${id} has neither instant nor start/end`);
    out.set(id, {
      id,
      cik,
      start: checkDate(s, where, `context ${id} startDate`),
      end: checkDate(e, where, `context ${id} endDate`),
      instant: false,
      dims,
    });
  }
  return out;
}

/** 'iso4217:USD' → 'USD', 'xbrli:shares' → 'shares'; a divide → 'USD/shares' (companyfacts spelling). */
export function parseUnits(parent: XmlNode): Map<string, string> {
  const out = new Map<string, string>();
  const measure = (n: XmlNode | undefined): string =>
    kids(n, 'measure')
      .map((m) => localName(textOf(m)))
      .join('*');
  for (const u of kids(parent, 'unit')) {
    const id = attr(u, 'id');
    if (!id) continue;
    const div = kid(u, 'divide');
    out.set(
      id,
      div ? `${measure(kid(div, 'unitNumerator'))}/${measure(kid(div, 'unitDenominator'))}` : measure(u),
    );
  }
  return out;
}

/** XBRL `decimals`: an integer, or INF (exact) → null. */
export function parseDecimals(v: string | undefined): number | null {
  if (v === undefined || v === 'INF') return null;
  const n = Number(v);
  return Number.isInteger(n) ? n : null;
}
