import { type Format, formatValue, isNumericFormat } from '../core/format.js';
import { forTerminal } from '../core/terminal.js';
import type { Column, Kpi, Row, Table, View } from './model.js';

/**
 * The CLI's rendering of a view model: a headline, the key figures, then each table aligned for a
 * terminal. Charts are summarised by their last points (a terminal draws no lines); the same view
 * is drawn as charts by the dashboard.
 */

export function kpiLine(k: Kpi): string {
  const value = formatValue(k.value, k.format, { digits: k.digits });
  const detail = k.detail
    ? `  (${k.detail.label} ${formatValue(k.detail.value, k.detail.format, { digits: k.detail.digits })})`
    : '';
  const date = k.date ? `  ${k.date}` : '';
  return `${k.label}: ${value}${detail}${date}${k.stale ? '  STALE' : ''}`;
}

/** A cell's format: the row's own (Column.formatKey) where it has one, else the column's. */
export function cellFormat(c: Column, r: Row): Format {
  const own = c.formatKey ? r[c.formatKey] : undefined;
  return typeof own === 'string' ? (own as Format) : c.format;
}

/** A cell's decimals: the row's own (Column.digitsKey) where it has one, else the column's. */
export function cellDigits(c: Column, r: Row): number | undefined {
  const own = c.digitsKey ? r[c.digitsKey] : undefined;
  return typeof own === 'number' ? own : c.digits;
}

export function renderTable(t: Table): string {
  const headers = t.columns.map((c) => c.label);
  const cut = t.textLast !== undefined && t.rows.length > t.textLast;
  const rows = cut ? t.rows.slice(-t.textLast!) : t.rows;
  const cells = rows.map((r) =>
    t.columns.map((c) => formatValue(r[c.key], cellFormat(c, r), { digits: cellDigits(c, r) })),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const right = t.columns.map((c) => isNumericFormat(c.format));
  const line = (r: string[]) =>
    r
      .map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)];
  if (t.title) out.unshift(t.title);
  if (cut) out.push(`last ${rows.length} of ${t.rows.length} rows shown (--csv or --json for all)`);
  if (t.note) out.push(t.note);
  return out.join('\n');
}

export function renderText(v: View): string {
  const out: string[] = [];
  out.push(v.headline ?? `${v.title} as of ${v.asOf}`);
  if (v.empty) {
    out.push(v.empty.message);
    if (v.empty.hint) out.push(`  hint: ${v.empty.hint}`);
    return forTerminal(out.join('\n'));
  }
  for (const k of v.kpis) out.push(`  ${kpiLine(k)}`);
  for (const t of v.tables) if (!t.exportOnly) out.push('', renderTable(t));
  for (const n of v.notes) out.push(`${n.kind && n.kind !== 'info' ? `${n.kind}: ` : ''}${n.text}`);
  return forTerminal(out.join('\n'));
}

/** A table as CSV (RFC 4180 quoting), raw values (numbers unformatted), for `--csv`. */
export function renderCsv(t: Table): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [
    t.columns.map((c) => cell(c.key)).join(','),
    ...t.rows.map((r) => t.columns.map((c) => cell(r[c.key])).join(',')),
  ].join('\n');
}
