import { formatValue } from '../core/format.js';
import type { SeriesTrace, TracedBytes, TraceResult } from './trace.js';

/** `tidewatch trace` as text: the figure, then each input down to the bytes it was read from. */
export function renderTrace(r: TraceResult): string {
  const out: string[] = [`trace ${r.what} on ${r.date} as known on ${r.asOf}`];
  const t = r.trace;
  if (t.kind === 'series') out.push(...seriesLines(t, ''));
  else if (t.kind === 'indicator') {
    out.push(`${t.indicator} = ${valueText(t.value, t.unit)}${t.stale ? ' (stale)' : ''}   ${t.formula}`);
    for (const i of t.inputs) {
      out.push(`  ${i.role}: ${valueText(i.value, i.unit)}${i.note ? ` (${i.note})` : ''}`);
      if (i.trace) out.push(...seriesLines(i.trace, '    '));
    }
  } else if (t.kind === 'price') {
    out.push(
      `price ${t.symbol} ${t.date}: adjusted close ${formatValue(t.adjClose, 'price')} from ${t.source}${t.factor !== 1 ? ` (× ${t.factor} re-based)` : ''}`,
    );
    out.push(
      `  bar: close ${formatValue(t.bar.close, 'price')}, adjusted ${formatValue(t.bar.adjClose, 'price')} (${t.bar.closeBasis})`,
    );
    out.push(...bytesLines(t.bytes, '  '));
  } else {
    out.push(
      `13F ${t.filer ?? `CIK ${t.cik}`} ${t.period} ${t.issuer} (${t.cusip}${t.putCall ? ` ${t.putCall}` : ''}): ${formatValue(t.shares, 'count')} shares, ${formatValue(t.valueUsd, 'usd')}`,
    );
    for (const f of t.filings) {
      out.push(`  ${f.accession} ${f.form} filed ${f.filed ?? '—'} (known from ${f.knownFrom}, ${f.action})`);
      for (const row of f.rows)
        out.push(
          `    line ${row.line}: reported ${row.valueReported} → ${formatValue(row.valueUsd, 'usd')}, ${formatValue(row.shares, 'count')} shares`,
        );
      out.push(...bytesLines(f.bytes, '    '));
    }
  }
  return out.join('\n');
}

function seriesLines(t: SeriesTrace, pad: string): string[] {
  const out = [
    `${pad}${t.series} ${t.date}: ${valueText(t.value, t.unit)} (known from ${t.knownFrom})${t.title ? ` — ${t.title}` : ''}`,
  ];
  if (t.vintages.length > 1)
    out.push(
      `${pad}  vintages: ${t.vintages.map((v) => `${valueText(v.value, t.unit)} from ${v.knownFrom}`).join('; ')}`,
    );
  if (t.run)
    out.push(`${pad}  written by run ${t.run.id} (${t.run.source}, ${t.run.startedAt}, ${t.run.status})`);
  out.push(...bytesLines(t.bytes, `${pad}  `));
  if (t.note) out.push(`${pad}  ${t.note}`);
  return out;
}

function bytesLines(bytes: readonly TracedBytes[], pad: string): string[] {
  if (!bytes.length) return [`${pad}bytes: none recorded`];
  return bytes.map(
    (b) =>
      `${pad}bytes: ${b.origin} (${b.originKind}, ${formatValue(b.bytes, 'count')} bytes) sha256 ${b.sha256} → ${b.archivePath ?? 'not archived'} [${b.archive}]`,
  );
}

/** A stored value in its unit: dollars, bp and percent through the one formatter, other units as stored. */
function valueText(v: number, unit: string | null): string {
  if (unit === 'usd') return formatValue(v, 'usd');
  if (unit === 'bp') return formatValue(v, 'bp');
  if (unit === 'percent') return formatValue(v, 'percent', { digits: 2 });
  return `${formatValue(v, 'number')}${unit ? ` ${unit}` : ''}`;
}
