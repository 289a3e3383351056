import type { SeriesSummary } from '../update/types.js';
import { table } from './context.js';

/** Per-series summary of an update/import: new rows, revised rows, failures with the reason. */
export function printSummaries(summaries: SeriesSummary[], out: (s: string) => void = (s) => process.stdout.write(`${s}\n`)): void {
  if (!summaries.length) {
    out('nothing to do');
    return;
  }
  out(
    table(
      ['source', 'series', 'status', 'new', 'revised', 'unchanged', 'missing'],
      summaries.map((s) => [s.source, s.series, s.status, s.newRows, s.revisedRows, s.unchanged ?? '', s.missing ?? '']),
    ),
  );
  for (const s of summaries) for (const w of s.warnings ?? []) out(`warning: ${w}`);
  const failed = summaries.filter((s) => s.status === 'failed');
  for (const f of failed) out(`FAILED ${f.source}/${f.series}: ${f.reason}`);
  const ok = summaries.length - failed.length;
  out(`${ok} ok, ${failed.length} failed; ${summaries.reduce((a, s) => a + s.newRows, 0)} new rows, ${summaries.reduce((a, s) => a + s.revisedRows, 0)} revised`);
}
