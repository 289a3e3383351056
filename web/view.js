import { formatValue, isNumericFormat } from '../src/core/format.ts';
import { h, timeChart } from './lib.js';
import { renderScatter } from './scatter.js';
import { traceHash } from './trace.js';

// Draws a view model (src/views/model.ts) as a panel: the same titles, columns, formats and tones
// the CLI prints. A panel module fetches `/api/views/<id>` and hands the result here; it adds only
// what is specific to it (a toggle, a custom chart).

const TONE_CLASS = {
  good: 'tone-good',
  warn: 'tone-warn',
  bad: 'tone-bad',
  severe: 'tone-severe',
  neutral: '',
};
// A series with a tone is drawn in that meaning's colour (style.css --good / --warn / --bad); no tone: the chart palette.
// Stacked layers are parts of one whole, not good or bad: colours without a meaning, from the bottom up.
const LAYER_COLORS = ['#4fb3d9', '#8fbcbb', '#b48ead', '#d08770'];
const TONE_COLOR = {
  good: '#4caf7a',
  warn: '#e0b050',
  bad: '#e06c5f',
  severe: '#b4457e',
  neutral: '#8b98a5',
};

function fmt(v, format, digits) {
  return formatValue(v, format, digits === undefined || digits === null ? {} : { digits });
}

/** A row's own format/digits for a cell where the column names a row field for them. */
function cellFormat(c, r) {
  const own = c.formatKey ? r[c.formatKey] : undefined;
  return typeof own === 'string' ? own : c.format;
}
function cellDigits(c, r) {
  const own = c.digitsKey ? r[c.digitsKey] : undefined;
  return typeof own === 'number' ? own : c.digits;
}

/** 'YYYY-MM-DD' of a lightweight-charts time (a string, a business day or a UTC timestamp). */
function isoTime(t) {
  if (typeof t === 'string') return t;
  if (typeof t === 'number') return new Date(t * 1000).toISOString().slice(0, 10);
  if (t && typeof t === 'object')
    return `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
  return undefined;
}

/**
 * A figure as text, or — when it carries a trace reference — as a link that opens its trace
 * (web/trace.js). A printed page (`html.print`, the report) keeps the plain figure.
 */
function traced(text, ref) {
  if (!ref || document.documentElement.classList.contains('print')) return text;
  return h(
    'a',
    {
      class: 'traced',
      href: traceHash(ref),
      'data-trace': ref.what,
      title: `Where this figure comes from: trace ${ref.what} on ${ref.date}`,
    },
    text,
  );
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
        h('div', { class: 'value' }, traced(fmt(k.value, k.format, k.digits), k.trace)),
        k.date ? h('div', { class: 'date' }, k.date) : null,
        k.detail
          ? h(
              'div',
              { class: `delta ${TONE_CLASS[k.detail.tone ?? 'neutral']}` },
              `${k.detail.label} ${fmt(k.detail.value, k.detail.format, k.detail.digits)}`,
            )
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
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        t.columns.map((c, i) => h('th', { class: num[i] ? 'num' : '' }, c.label)),
      ),
    ),
    h(
      'tbody',
      {},
      t.rows.map((r, n) =>
        h(
          'tr',
          { class: TONE_CLASS[r._tone ?? 'neutral'] },
          t.columns.map((c, i) =>
            h(
              'td',
              { class: num[i] ? 'num' : c.format === 'date' ? 'date' : '' },
              traced(fmt(r[c.key], cellFormat(c, r), cellDigits(c, r)), t.traces?.[n]?.[c.key]),
            ),
          ),
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
  const wrap = h(
    'figure',
    { class: 'chart-wrap' },
    h('figcaption', { class: 'sub caption' }, chart.title),
    el,
  );
  if (chart.note) wrap.append(h('p', { class: 'sub chart-note' }, chart.note));
  // Attached first: the chart library measures its container.
  opts.mount?.append(wrap);
  const drawn = chart.stacked ? stackedHeights(chart.series) : chart.series.map((s) => s.points);
  // Each layer's own value by day, for the legend of a stacked chart (only it reads them).
  const owns = chart.stacked ? chart.series.map((s) => new Map(s.points.map((p) => [p.time, p.value]))) : [];
  const last = chart.series[0]?.points.at(-1)?.time;
  const legendText = (s, i, time) =>
    chart.stacked
      ? `${s.name} ${fmt(owns[i].get(time), s.format ?? chart.format, s.digits ?? chart.digits)}`
      : s.name;
  const lw = timeChart(
    el,
    chart.series.map((s, i) => {
      const f = s.format ?? chart.format;
      const d = s.digits ?? chart.digits;
      return {
        name: s.name,
        type: s.kind === 'markers' ? 'line' : s.kind,
        markersOnly: s.kind === 'markers',
        points: drawn[i],
        ...(s.tone && TONE_COLOR[s.tone] ? { color: TONE_COLOR[s.tone] } : {}),
        ...(chart.stacked
          ? { color: LAYER_COLORS[(chart.series.length - 1 - i) % LAYER_COLORS.length] }
          : {}),
        ...(s.axis ? { scale: s.axis } : {}),
        ...(s.base !== undefined ? { base: s.base } : {}),
        ...(s.range ? { range: s.range } : {}),
        // Whole steps (risk levels) tick at integers only; every axis label is spelled by formatValue.
        // A bounded scale (risk levels) labels nothing outside its range.
        priceFormat: {
          type: 'custom',
          formatter: (v) => (s.range && (v < s.range.min || v > s.range.max) ? '' : fmt(v, f, d)),
          minMove: d === 0 ? 1 : 0.01,
        },
        // A stacked layer is drawn at its running sum: that height is not its value, so no axis label.
        ...(chart.stacked ? { solid: true, hideLastValue: true, legend: legendText(s, i, last) } : {}),
        // A histogram's last bar is not a level to draw a line across the chart at.
        ...(s.kind === 'histogram' ? { hideLastValue: true } : {}),
        ...(i === 0 && chart.lines
          ? { lines: chart.lines.map((l) => ({ value: l.value, label: l.label })) }
          : {}),
      };
    }),
    {
      // A series in its own unit formats its own axis; a chart-wide formatter would override it.
      priceFormatter: chart.series.some((s) => s.format) ? null : (v) => fmt(v, chart.format, chart.digits),
      leftScale: chart.series.some((s) => s.axis === 'left'),
    },
  );
  if (chart.stacked) {
    // The legend reads each layer's own value on the day under the cursor (the last day otherwise).
    const legend = el.previousElementSibling;
    const setDay = (time) => {
      const t = time ?? last;
      chart.series.forEach((s, i) => {
        const span = legend?.children[i];
        if (span) span.lastChild.textContent = legendText(s, i, t);
      });
      legend?.setAttribute('data-day', t ?? '');
    };
    setDay(last);
    lw.subscribeCrosshairMove((p) => setDay(isoTime(p.time)));
  }
  return wrap;
}

/**
 * Running sums of stacked layers listed top to bottom: the bottom layer is drawn at its own
 * value, each layer above at its value plus everything below it (the top edge is the total).
 */
function stackedHeights(series) {
  const below = new Map();
  const out = [];
  for (let i = series.length - 1; i >= 0; i--) {
    out[i] = series[i].points.map((p) => {
      const base = below.get(p.time) ?? 0;
      const height = p.value === null || base === null ? null : base + p.value;
      below.set(p.time, height);
      return { time: p.time, value: height };
    });
  }
  return out;
}

export function renderNotes(notes) {
  // A curated figure is labelled so on every surface (the CLI prefixes "curated:").
  return notes.map((n) =>
    h(
      'p',
      {
        class: n.kind === 'stale' ? 'stale' : n.kind === 'curated' ? 'sub curated' : 'sub',
        ...(n.kind ? { 'data-note': n.kind } : {}),
      },
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
    const reason = {
      'nothing-stored': 'nothing stored',
      'before-coverage': 'no data yet on this day',
      'missing-input': 'an input is missing',
    }[view.empty.reason];
    root.append(
      h(
        'p',
        { class: 'empty', 'data-empty': view.empty.reason },
        `${view.empty.message}`,
        view.empty.hint ? ` Run \`${view.empty.hint}\`.` : '',
        ` (${reason})`,
      ),
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
