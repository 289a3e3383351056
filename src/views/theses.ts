import { evaluateTheses, type StatusChange, thesisHistory } from '../analytics/theses/store.js';
import type { Evidence, ThesisResult, Threshold } from '../analytics/theses/types.js';
import { type Format, formatValue } from '../core/format.js';
import { VERDICTS } from '../core/verdict.js';
import type { Store } from '../store/store.js';
import { col, columns } from './columns.js';
import { emptyView, type View } from './model.js';

/**
 * The thesis ledger as a view: each PRODUCT.md thesis with its status, its checks (the rule in
 * words and the result with its numbers), every evidence figure labelled measured or curated
 * (with its citation), the window it describes and the dates of its inputs, every threshold with
 * its reason, and the recorded status changes. `tidewatch theses`, `/api/views/theses` and the
 * Thesis ledger panel render this one object.
 */
export interface ThesesViewData {
  results: ThesisResult[];
  history: StatusChange[];
}

/**
 * How a ledger unit is shown: fractions of a whole (shares, returns) as percent, differences of
 * two fractions as percentage points, money scaled with `$`; counts of days/weeks keep their unit.
 */
const UNIT_FORMATS: Record<string, { format: Format; scale?: number; digits?: number; suffix?: string }> = {
  usd: { format: 'usd' },
  fraction: { format: 'fraction' },
  'fraction-difference': { format: 'pp', scale: 100 },
  'fraction of $2.6B': { format: 'fraction', suffix: ' of $2.6B' },
  'fraction of days': { format: 'fraction', suffix: ' of days' },
  'win rate': { format: 'fraction', digits: 0 },
  'payoff/premium − 1': { format: 'fraction-change', suffix: ' on the premium' },
  pp: { format: 'pp', digits: 2 },
  bp: { format: 'bp' },
  r: { format: 'number', suffix: ' (correlation)' },
  ratio: { format: 'number', digits: 4 },
  '×/year': { format: 'multiple', suffix: ' a year' },
};

/** A ledger figure as text, in the one format of its unit. */
export function ledgerValue(value: number | string | null | undefined, unit: string | undefined): string {
  if (typeof value !== 'number') return formatValue(value, 'text');
  const f = unit ? UNIT_FORMATS[unit] : undefined;
  if (!f)
    return `${formatValue(value, 'number', { digits: Number.isInteger(value) ? 0 : 2 })}${unit ? ` ${unit}` : ''}`;
  return `${formatValue(value * (f.scale ?? 1), f.format, f.digits === undefined ? {} : { digits: f.digits })}${f.suffix ?? ''}`;
}

function basisText(e: Evidence): string {
  return e.basis === 'curated' ? `curated: ${e.source}` : 'measured';
}

function statusCounts(t: ThesisResult): string {
  return VERDICTS.map((s) => [s, t.checks.filter((c) => c.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

function thresholdText(name: string, t: Threshold): string {
  return `${name} = ${ledgerValue(t.value, t.unit)}`;
}

/** `results`: the ledger already evaluated on `opts.asOf` (the CLI records that run first). */
export async function thesesView(
  store: Store,
  opts: { asOf: string; results?: ThesisResult[] },
): Promise<View<ThesesViewData>> {
  const results = opts.results ?? (await evaluateTheses(store, opts.asOf));
  const history = await thesisHistory(store, { asOf: opts.asOf });
  const v = emptyView<ThesesViewData>('theses', 'Thesis ledger', opts.asOf, { results, history });
  const decided = results.filter((t) => t.status !== 'insufficient data').length;
  v.headline = `Thesis ledger as of ${opts.asOf}: ${results.map((t) => `${t.number} ${t.status}`).join(' · ')}`;
  if (!decided)
    v.notes.push({
      kind: 'caveat',
      text: `No thesis can be decided on what was stored by ${opts.asOf}: every check reports insufficient data (run \`tidewatch import all ../shared/data\` or \`tidewatch update\`).`,
    });
  v.kpis.push(
    ...VERDICTS.map((s) => ({
      id: `theses-${s.replace(' ', '-')}`,
      label: `Theses ${s}`,
      value: results.filter((t) => t.status === s).length,
      format: 'count' as const,
    })),
  );
  v.tables.push(
    {
      id: 'theses',
      title: 'Theses',
      columns: columns({
        number: col('#', 'count'),
        title: col('thesis', 'text'),
        status: 'text',
        checks: 'text',
      }),
      rows: results.map((t) => ({
        thesisId: t.id,
        number: t.number,
        title: t.title,
        claim: t.claim,
        seed: t.seed,
        status: t.status,
        checks: statusCounts(t),
      })),
    },
    {
      id: 'checks',
      title: 'Checks: the rule and its result',
      columns: columns({
        number: col('#', 'count'),
        check: 'text',
        status: 'text',
        summary: col('result', 'text'),
      }),
      rows: results.flatMap((t) =>
        t.checks.map((c) => ({
          thesisId: t.id,
          number: t.number,
          check: c.id,
          claim: c.claim,
          test: c.test,
          status: c.status,
          summary: c.summary,
        })),
      ),
      note: 'Each check reaches supported, refuted, mixed or insufficient data by its stated rule; `--json` has the rule in words.',
    },
    {
      id: 'evidence',
      title: 'Evidence: measured or curated, the window it describes and the dates of its inputs',
      columns: columns({
        check: 'text',
        label: col('figure', 'text'),
        value: 'text',
        basis: 'text',
        from: col('window from', 'date'),
        to: 'date',
        inputs: col('input dates', 'text'),
      }),
      rows: results.flatMap((t) =>
        t.checks.flatMap((c) =>
          c.evidence.map((e) => ({
            thesisId: t.id,
            check: c.id,
            label: e.label,
            value: ledgerValue(e.value, e.unit),
            raw: e.value,
            unit: e.unit ?? '',
            basis: basisText(e),
            source: e.source,
            from: e.from,
            to: e.to,
            inputs: inputDates(e.inputDates),
            chart: e.chart ?? '',
          })),
        ),
      ),
    },
    {
      id: 'thresholds',
      title: 'Thresholds and why they have their value',
      columns: columns({
        check: 'text',
        threshold: 'text',
        why: 'text',
      }),
      rows: results.flatMap((t) =>
        t.checks.flatMap((c) =>
          Object.entries(c.thresholds).map(([name, th]) => ({
            thesisId: t.id,
            check: c.id,
            threshold: thresholdText(name, th),
            why: th.why ?? '',
          })),
        ),
      ),
    },
  );
  if (history.length)
    v.tables.push({
      id: 'history',
      title: `Status changes recorded by ${opts.asOf}`,
      columns: columns({
        thesis: 'text',
        from: 'text',
        to: 'text',
        runAt: col('run', 'text'),
        asOf: col('as of', 'date'),
      }),
      rows: history.map((c) => ({
        thesis: c.thesisId,
        from: c.from ?? 'new',
        to: c.to,
        runAt: c.runAt.slice(0, 16),
        asOf: c.asOf,
      })),
    });
  v.notes.push({
    text: 'tidewatch takes no side: each claim is supported, refuted, mixed or has insufficient data, with the numbers. Curated figures are labelled curated with their citation and never count as measured.',
  });
  return v;
}

/** The input dates of a figure: a long list (one per window) is shortened to its ends and count. */
function inputDates(dates: string[]): string {
  return dates.length > 4 ? `${dates[0]} … ${dates.at(-1)} (${dates.length} dates)` : dates.join(', ');
}
