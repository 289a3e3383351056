import { formatValue, isNumericFormat } from '../src/views/format.ts';
import { h, timeChart } from './lib.js';
import { renderScatter } from './scatter.js';

// Draws a view model (src/views/model.ts) as a panel: the same titles, columns, formats and tones
// the CLI prints. A panel module fetches `/api/views/<id>` and hands the result here; it adds only
// what is specific to it (a toggle, a custom chart).

const TONE_CLASS = { good: 'tone-good', warn: 'tone-warn', bad: 'tone-bad', neutral: '' };
// A series with a tone is drawn in that meaning's colour (style.css --good / --warn / --bad).
const TONE_COLOR = { good: '#4caf7a', warn: '#e0b050', bad: '#e06c5f', neutral: '#8b98a5' };

function fmt(v, format, digits) {
  return formatValue(v, format, digits === undefined ? {} : { digits });
}

export function renderKpis(kpis) {
  return h(
    'div',
    { class: 'kpis' },
    kpis.map((k) =>
      h(
        'div',
        { class: `kpi ${TONE_CLASS[k.tone ?? 'neutral']}${k.stale ? ' stale-kpi' : ''}`, 'data-kpi': k.id },
        h('div', { class: 'label' }, k.label, k.stale ? h('span', { class: 'badge stale' }, 'stale') : null),
        h('div', { class: 'value' }, fmt(k.value, k.format, k.digits)),
        k.date ? h('div', { class: 'date' }, k.date) : null,
        k.detail
          ? h('div', { class: `delta ${TONE_CLASS[k.detail.tone ?? 'neutral']}` }, `${k.detail.label} ${fmt(k.detail.value, k.detail.format, k.detail.digits)}`)
          : null,
      ),
    ),
  );
}

export function renderTable(t) {
  const num = t.columns.map((c) => isNumericFormat(c.format));
  const table = h(
    'table',
    { 'data-table': t.id },
    h('thead', {}, h('tr', {}, t.columns.map((c, i) => h('th', { class: num[i] ? 'num' : '' }, c.label)))),
    h(
      'tbody',
      {},
      t.rows.map((r) =>
        h(
          'tr',
          { class: TONE_CLASS[r._tone ?? 'neutral'] },
          t.columns.map((c, i) => h('td', { class: num[i] ? 'num' : c.format === 'date' ? 'date' : '' }, fmt(r[c.key], c.format, c.digits))),
        ),
      ),
    ),
  );
  const wrap = h('div', { class: 'table-wrap' }, t.title ? h('h3', { class: 'sub' }, t.title) : null, table);
  if (t.note) wrap.append(h('p', { class: 'sub' }, t.note));
  return wrap;
}

export function renderChart(chart, opts = {}) {
  const el = h('div', { class: `chart${opts.small ? ' small' : ''}`, id: `chart-${chart.id}` });
  const wrap = h('figure', { class: 'chart-wrap' }, h('figcaption', { class: 'sub caption' }, chart.title), el);
  // Attached first: the chart library measures its container.
  opts.mount?.append(wrap);
  timeChart(
    el,
    chart.series.map((s) => ({
      name: s.name,
      ...(s.tone && TONE_COLOR[s.tone] ? { color: TONE_COLOR[s.tone] } : {}),
      type: s.kind === 'markers' ? 'line' : s.kind,
      markersOnly: s.kind === 'markers',
      points: s.points,
      ...(s.axis ? { scale: s.axis } : {}),
    })),
    { priceFormatter: (v) => fmt(v, chart.format, chart.digits), leftScale: chart.series.some((s) => s.axis === 'left') },
  );
  return wrap;
}

export function renderNotes(notes) {
  // A curated figure is labelled so on every surface (the CLI prefixes "curated:").
  return notes.map((n) =>
    h(
      'p',
      { class: n.kind === 'stale' ? 'stale' : n.kind === 'curated' ? 'sub curated' : 'sub', ...(n.kind ? { 'data-note': n.kind } : {}) },
      n.kind === 'curated' ? h('span', { class: 'badge curated' }, 'curated') : null,
      n.kind === 'curated' ? ' ' : null,
      n.text,
    ),
  );
}

/**
 * The whole view into `root`: an empty state (saying why), else key figures, charts, tables and
 * notes in that order. `opts.charts` picks which charts to draw by id (default all).
 */
export function renderView(root, view, opts = {}) {
  if (view.empty) {
    const reason = { 'nothing-stored': 'nothing stored', 'before-coverage': 'no data yet on this day', 'missing-input': 'an input is missing' }[view.empty.reason];
    root.append(
      h('p', { class: 'empty', 'data-empty': view.empty.reason }, `${view.empty.message}`, view.empty.hint ? ` Run \`${view.empty.hint}\`.` : '', ` (${reason})`),
    );
    return;
  }
  if (view.kpis.length) root.append(renderKpis(view.kpis));
  const charts = opts.charts ? view.charts.filter((c) => opts.charts.includes(c.id)) : view.charts;
  for (const c of charts) renderChart(c, { mount: root, small: c !== charts[0] });
  for (const sc of view.scatters ?? []) renderScatter(sc, root);
  for (const t of view.tables) if (!t.exportOnly) root.append(renderTable(t));
  root.append(...renderNotes(view.notes));
}
