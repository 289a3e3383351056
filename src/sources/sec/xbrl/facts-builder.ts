import { TidewatchError } from '../../../core/errors.js';
import type { FilingMeta, XbrlFact } from './types.js';
import type { XbrlContext } from './xml-common.js';

/**
 * Turns (concept, context, unit, value) tuples from an instance or an iXBRL document into
 * XbrlFact records, de-duplicating facts a document states twice (the same number appears in
 * a table and in a note; iXBRL nests a fact inside another). Shared so both document kinds
 * produce identical records.
 */
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
}
