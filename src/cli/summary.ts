import type { SeriesSummary } from '../update/types.js';
import { table } from './context.js';

/**
 * Per-series summary of an update/import: new rows, revised rows, failures with the reason.
 * Warnings (unit rules applied, repaired rows, partial last days) are routine: each source's are
 * folded into one counted line unless `verbose` lists them.
 */
export function printSummaries(
  summaries: SeriesSummary[],
  out: (s: string) => void = (s) => process.stdout.write(`${s}\n`),
  opts: { verbose?: boolean } = {},
): void {
  if (!summaries.length) {
    out('nothing to do');
    return;
  }
  out(
    table(
      ['source', 'series', 'status', 'new', 'revised', 'unchanged', 'missing'],
      summaries.map((s) => [
        s.source,
        s.series,
        s.status,
        s.newRows,
        s.revisedRows,
        s.unchanged ?? '',
        s.missing ?? '',
      ]),
    ),
  );
  for (const line of warningLines(summaries, opts.verbose ?? false)) out(line);
  const failed = summaries.filter((s) => s.status === 'failed');
  // Requests skipped because their host was already found unreachable say the same thing many
  // times: print them once per source and host.
  const skipped = new Map<string, string[]>();
  for (const f of failed) {
    const host = /skipped: (\S+) was unreachable earlier in this run/.exec(f.reason ?? '')?.[1];
    if (host) {
      const key = `${f.source}|${host}`;
      skipped.set(key, [...(skipped.get(key) ?? []), f.series]);
    } else {
      out(`FAILED ${f.source}/${f.series}: ${f.reason}`);
    }
  }
  for (const [key, series] of skipped) {
    const [source, host] = key.split('|');
    out(`FAILED ${source}: ${series.length} more skipped, ${host} unreachable (${series.join(', ')})`);
  }
  const ok = summaries.length - failed.length;
  out(
    `${ok} ok, ${failed.length} failed; ${summaries.reduce((a, s) => a + s.newRows, 0)} new rows, ${summaries.reduce((a, s) => a + s.revisedRows, 0)} revised`,
  );
}

/** Every warning (verbose), else one line per source: `sec-13f: 12 warnings (--verbose to list)`. */
export function warningLines(summaries: readonly SeriesSummary[], verbose: boolean): string[] {
  if (verbose) return summaries.flatMap((s) => (s.warnings ?? []).map((w) => `warning: ${w}`));
  const bySource = new Map<string, number>();
  for (const s of summaries)
    if (s.warnings?.length) bySource.set(s.source, (bySource.get(s.source) ?? 0) + s.warnings.length);
  return [...bySource].map(
    ([source, n]) => `${source}: ${n} warning${n === 1 ? '' : 's'} (--verbose to list)`,
  );
}
