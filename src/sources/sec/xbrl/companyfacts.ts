import { isIsoDate } from '../../../core/dates.js';
import { TidewatchError } from '../../../core/errors.js';
import type { XbrlDocument, XbrlFact } from './types.js';

/**
 * Parser for data.sec.gov/api/xbrl/companyfacts/CIK##########.json.
 *
 * Shape: `{cik, entityName, facts: {<taxonomy>: {<Concept>: {label, description, units:
 * {<unit>: [{start?, end, val, accn, fy, fp, form, filed, frame?}]}}}}}`. Every row is kept
 * (a value repeated by later filings is a separate row with its own `filed`), because the
 * as-of logic downstream needs to know when each figure first became public. The shape is
 * checked field by field so a changed API fails with the path of the offending value.
 */
export interface CompanyFactsOptions {
  /** Keep only these concepts ('us-gaap:OperatingIncomeLoss' or bare 'OperatingIncomeLoss'). */
  concepts?: ReadonlySet<string>;
}

function fail(source: string, path: string, got: unknown, expected: string): never {
  const shown = typeof got === 'string' ? `'${got.slice(0, 60)}'` : JSON.stringify(got)?.slice(0, 60);
  throw new TidewatchError('bad-input', `${source}: ${path} should be ${expected}, got ${shown}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optString(source: string, path: string, v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') fail(source, path, v, 'a string');
  return v;
}

export function parseCompanyFacts(
  input: string | unknown,
  source: string,
  opts: CompanyFactsOptions = {},
): XbrlDocument {
  let root: unknown = input;
  if (typeof input === 'string') {
    try {
      root = JSON.parse(input);
    } catch (e) {
      throw new TidewatchError('bad-input', `${source}: not JSON (${(e as Error).message})`);
    }
  }
  if (!isObject(root)) fail(source, '(root)', root, 'an object');
  const cikRaw = root.cik;
  const cik = typeof cikRaw === 'number' ? cikRaw : typeof cikRaw === 'string' ? Number(cikRaw) : Number.NaN;
  if (!Number.isInteger(cik) || cik <= 0) fail(source, 'cik', cikRaw, 'a positive integer');
  const entityName = optString(source, 'entityName', root.entityName);
  if (!isObject(root.facts)) fail(source, 'facts', root.facts, 'an object of taxonomies');

  const facts: XbrlFact[] = [];
  const warnings: string[] = [];
  for (const [taxonomy, concepts] of Object.entries(root.facts)) {
    if (!isObject(concepts)) fail(source, `facts.${taxonomy}`, concepts, 'an object of concepts');
    for (const [concept, body] of Object.entries(concepts)) {
      if (opts.concepts && !opts.concepts.has(concept) && !opts.concepts.has(`${taxonomy}:${concept}`))
        continue;
      const base = `facts.${taxonomy}.${concept}`;
      if (!isObject(body) || !isObject(body.units)) fail(source, `${base}.units`, body, 'an object of units');
      for (const [unit, rows] of Object.entries(body.units)) {
        if (!Array.isArray(rows)) fail(source, `${base}.units.${unit}`, rows, 'an array');
        rows.forEach((row: unknown, i: number) => {
          const p = `${base}.units.${unit}[${i}]`;
          if (!isObject(row)) fail(source, p, row, 'an object');
          const end = row.end;
          if (typeof end !== 'string' || !isIsoDate(end)) fail(source, `${p}.end`, end, 'a YYYY-MM-DD date');
          const start = optString(source, `${p}.start`, row.start);
          if (start !== null && !isIsoDate(start)) fail(source, `${p}.start`, start, 'a YYYY-MM-DD date');
          const val = row.val;
          if (typeof val !== 'number' || !Number.isFinite(val))
            fail(source, `${p}.val`, val, 'a finite number');
          const filed = optString(source, `${p}.filed`, row.filed);
          if (filed !== null && !isIsoDate(filed)) fail(source, `${p}.filed`, filed, 'a YYYY-MM-DD date');
          const fy = row.fy;
          if (fy !== undefined && fy !== null && typeof fy !== 'number')
            fail(source, `${p}.fy`, fy, 'a number');
          facts.push({
            cik,
            taxonomy,
            concept,
            unit,
            value: val,
            start,
            end,
            periodType: start === null ? 'instant' : 'duration',
            dims: '',
            form: optString(source, `${p}.form`, row.form),
            filed,
            accession: optString(source, `${p}.accn`, row.accn),
            frame: optString(source, `${p}.frame`, row.frame),
            fy: typeof fy === 'number' ? fy : null,
            fp: optString(source, `${p}.fp`, row.fp),
            // companyfacts does not publish `decimals`.
            decimals: null,
          });
        });
      }
    }
  }
  if (facts.length === 0 && !opts.concepts) warnings.push(`${source}: companyfacts has no facts`);
  return {
    kind: 'companyfacts',
    source,
    cik,
    entityName,
    documentType: null,
    periodEnd: null,
    ticker: null,
    facts,
    warnings,
  };
}
