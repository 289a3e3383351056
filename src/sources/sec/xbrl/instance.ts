import { TidewatchError } from '../../../core/errors.js';
import { DEI_META, FactsBuilder } from './facts-builder.js';
import type { FilingMeta, XbrlDocument } from './types.js';
import {
  attr,
  localName,
  makeXmlParser,
  namespaceMap,
  parseContexts,
  parseDecimals,
  parseUnits,
  prefixOf,
  taxonomyForNamespace,
  textOf,
  type XmlNode,
} from './xml-common.js';

/**
 * Parser for a classic XBRL 2.1 instance document (the `*_htm.xml` or `*.xml` a 10-K/10-Q
 * filing carries). Values are already in whole units (no scale attribute); contexts with
 * segment dimensions are kept apart from consolidated ones through `dims`.
 */
const NOT_FACTS = new Set([
  'context',
  'unit',
  'schemaRef',
  'linkbaseRef',
  'roleRef',
  'arcroleRef',
  'footnoteLink',
]);

export function parseXbrlInstance(xml: string, source: string, meta: FilingMeta = {}): XbrlDocument {
  let doc: XmlNode;
  try {
    doc = makeXmlParser().parse(xml, true) as XmlNode;
  } catch (e) {
    throw new TidewatchError(
      'bad-input',
      `${source}: malformed XML (${(e as Error).message.split('\n')[0]})`,
    );
  }
  const rootKey = Object.keys(doc).find((k) => localName(k) === 'xbrl');
  const root = rootKey ? (doc[rootKey] as XmlNode[])[0] : undefined;
  if (!root) throw new TidewatchError('bad-input', `${source}: no <xbrl> root element: not an XBRL instance`);

  const ns = namespaceMap(root as Record<string, string>);
  const contexts = parseContexts(root, source);
  const units = parseUnits(root);
  const b = new FactsBuilder(source, contexts, units, meta);
  const dei = new Map<string, string>();
  let docContext: string | undefined;

  for (const [qname, list] of Object.entries(root)) {
    if (qname.startsWith('@_') || qname === '#text' || !Array.isArray(list)) continue;
    const name = localName(qname);
    if (NOT_FACTS.has(name)) continue;
    const prefix = prefixOf(qname);
    const taxonomy = taxonomyForNamespace(prefix, ns.get(prefix));
    for (const el of list as XmlNode[]) {
      const contextRef = attr(el, 'contextRef');
      if (!contextRef) continue; // tuples and other non-fact elements
      const text = textOf(el);
      if (taxonomy === 'dei' && DEI_META.has(name)) dei.set(name, text);
      if (taxonomy === 'dei' && name === 'DocumentType') docContext = contextRef;
      const unitRef = attr(el, 'unitRef');
      if (!unitRef) continue; // non-numeric fact
      if (attr(el, 'xsi:nil') === 'true') {
        b.nilFacts++;
        continue;
      }
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) {
        throw new TidewatchError(
          'bad-input',
          `${source}: ${qname} in context ${contextRef} has non-numeric value '${text.slice(0, 40)}'`,
        );
      }
      b.add(taxonomy, name, contextRef, unitRef, value, parseDecimals(attr(el, 'decimals')));
    }
  }

  return b.toDocument('instance', dei, docContext);
}
