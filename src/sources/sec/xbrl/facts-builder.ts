import { TidewatchError } from '../../../core/errors.js';
import type { FilingMeta, XbrlDocument, XbrlFact, XbrlSourceKind } from './types.js';
import type { XbrlContext } from './xml-common.js';

/**
 * Turns (concept, context, unit, value) tuples from an instance or an iXBRL document into
 * XbrlFact records, de-duplicating facts a document states twice (the same number appears in
 * a table and in a note; iXBRL nests a fact inside another). Shared so both document kinds
 * produce identical records.
 */
/** The dei cover-page facts (non-numeric) a document's metadata is read from. */
export const DEI_META: ReadonlySet<string> = new Set([
  'DocumentType',
  'DocumentPeriodEndDate',
  'EntityCentralIndexKey',
  'TradingSymbol',
  'EntityRegistrantName',
]);

export class FactsBuilder {
  readonly facts: XbrlFact[] = [];
  readonly warnings: string[] = [];
  nilFacts = 0;
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly where: string,
    private readonly contexts: Map<string, XbrlContext>,
    private readonly units: Map<string, string>,
    private readonly meta: FilingMeta,
  ) {}

  add(
    taxonomy: string,
    concept: string,
    contextRef: string,
    unitRef: string,
    value: number,
    decimals: number | null,
  ) {
    const ctx = this.contexts.get(contextRef);
    if (!ctx) {
      throw new TidewatchError(
        'bad-input',
        `${this.where}: fact ${taxonomy}:${concept} refers to unknown context '${contextRef}'`,
      );
    }
    const unit = this.units.get(unitRef);
    if (unit === undefined) {
      throw new TidewatchError(
        'bad-input',
        `${this.where}: fact ${taxonomy}:${concept} refers to unknown unit '${unitRef}'`,
      );
    }
    const key = `${taxonomy}:${concept}|${contextRef}|${unit}`;
    const prev = this.seen.get(key);
    if (prev !== undefined) {
      const p = this.facts[prev]!;
      if (p.value === value) return;
      // XBRL duplicates may differ in precision (Amazon states income tax as 2,863 M with
      // decimals=-6 and as 2.9 B with decimals=-8): keep the more precise one; only a
      // disagreement beyond the coarser precision is an inconsistency worth a warning.
      const coarser = Math.min(p.decimals ?? 99, decimals ?? 99);
      const unitStep = coarser >= 99 ? 0 : 10 ** -coarser;
      if (unitStep > 0 && Math.abs(p.value - value) <= unitStep / 2 + 1e-9 * Math.abs(value)) {
        if ((decimals ?? 99) > (p.decimals ?? 99)) {
          p.value = value;
          p.decimals = decimals;
        }
        return;
      }
      this.warnings.push(
        `${this.where}: ${taxonomy}:${concept} in context ${contextRef} stated twice with inconsistent values (${p.value} and ${value}); kept the first`,
      );
      return;
    }
    this.seen.set(key, this.facts.length);
    this.facts.push({
      cik: ctx.cik ?? 0,
      taxonomy,
      concept,
      unit,
      value,
      start: ctx.start,
      end: ctx.end,
      periodType: ctx.instant ? 'instant' : 'duration',
      dims: ctx.dims,
      form: this.meta.form ?? null,
      filed: this.meta.filed ?? null,
      accession: this.meta.accession ?? null,
      frame: null,
      fy: null,
      fp: null,
      decimals,
    });
  }

  /** Fill the document-level fields once the dei facts are known. */
  finish(cik: number, form: string | null): XbrlFact[] {
    for (const f of this.facts) {
      if (!f.cik) f.cik = cik;
      if (f.form === null) f.form = form;
    }
    return this.facts;
  }

  /**
   * The finished document, from the dei cover facts (`dei`, keyed by local name) and the context
   * of the DocumentType fact, which is the document period (the dei period text may be free-form).
   * The CIK falls back to the context identifiers when dei does not state it.
   */
  toDocument(
    kind: XbrlSourceKind,
    dei: ReadonlyMap<string, string>,
    docContext: string | undefined,
  ): XbrlDocument {
    const cikText = dei.get('EntityCentralIndexKey');
    const cik =
      cikText && /^\d+$/.test(cikText) ? Number(cikText) : ([...this.contexts.values()][0]?.cik ?? 0);
    if (!cik)
      throw new TidewatchError(
        'bad-input',
        `${this.where}: no CIK (dei:EntityCentralIndexKey or context identifier)`,
      );
    const documentType = this.meta.form ?? dei.get('DocumentType') ?? null;
    return {
      kind,
      source: this.where,
      cik,
      entityName: dei.get('EntityRegistrantName') ?? null,
      documentType,
      periodEnd: (docContext && this.contexts.get(docContext)?.end) ?? null,
      ticker: dei.get('TradingSymbol') ?? null,
      facts: this.finish(cik, documentType),
      warnings: this.warnings,
      nilFacts: this.nilFacts,
    };
  }
}
