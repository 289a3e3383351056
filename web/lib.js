import { formatValue } from '../src/core/format.ts';

// Shared helpers for dashboard panels: API access, number formatting and charts
// (lightweight-charts, loaded globally from /vendor/lightweight-charts.js).

export const COLORS = ['#4fb3d9', '#e0b050', '#e06c5f', '#4caf7a', '#b48ead', '#8fbcbb', '#d08770'];

export function createApi(asOf) {
  // One answer per URL for one drawing of the page: a panel may ask early for what it draws later
  // (a second request need not wait for the first to be drawn), and asking again costs nothing.
  const answers = new Map();
  return {
    asOf,
    get(path, params = {}) {
      const q = new URLSearchParams(
        Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''),
      );
      const url = q.size ? `${path}?${q}` : path;
      let answer = answers.get(url);
      if (!answer) {
        answer = getJson(url, path);
        answer.catch(() => undefined); // an early request's failure is reported where it is drawn
        answers.set(url, answer);
      }
      return answer;
    },
  };
}

async function getJson(url, path) {
  const res = await fetch(url);
  const body = await res.json();
  // The API's one error shape: { error: { kind, message, hint?, parameter? } }.
  if (!res.ok) throw new Error(body.error?.message ?? `${path}: HTTP ${res.status}`);
  return body;
}

// Numbers become text in one place for every surface (src/core/format.ts, bundled in).
export { formatValue } from '../src/core/format.ts';

export function fmtUsd(v) {
  return formatValue(v, 'usd');
}

export function fmtNum(v, digits = 2) {
  return formatValue(v, 'number', { digits });
}

export function fmtPct(v, digits = 1) {
  return formatValue(v, 'fraction', { digits });
}

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v);
  }
  for (const c of children.flat())
    if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

export function kpi(label, value, delta) {
  const d =
    delta === undefined ? null : h('div', { class: `delta ${delta.startsWith('−') ? 'neg' : 'pos'}` }, delta);
  return h(
    'div',
    { class: 'kpi' },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value' }, value),
    d,
  );
}

export function dataTable(headers, rows, numeric = []) {
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((x, i) => h('th', { class: numeric.includes(i) ? 'num' : '' }, x)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          r.map((c, i) =>
            h('td', { class: numeric.includes(i) ? 'num' : '' }, c instanceof Node ? c : (c ?? '—')),
          ),
        ),
      ),
    ),
  );
}

/**
 * At most about one point per pixel of a chart `width` px wide: the points are cut into buckets
 * of two pixels and each keeps its lowest and highest point, in date order, so every peak and
 * trough (a crash, a spike) is still drawn; the first and last points are always kept (the last
 * is the value the axis label shows). Ascending input, ascending output.
 */
export function thinToWidth(points, width) {
  // Not laid out (no width known): drawn whole.
  if (!width) return points;
  const max = Math.max(400, Math.ceil(width));
  if (points.length <= max) return points;
  const buckets = Math.floor(max / 2);
  const size = points.length / buckets;
  const out = [points[0]];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(points.length, Math.floor((b + 1) * size));
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      if (points[i].value < points[lo].value) lo = i;
      if (points[i].value > points[hi].value) hi = i;
    }
    for (const i of lo === hi ? [lo] : lo < hi ? [lo, hi] : [hi, lo])
      if (points[i] !== out[out.length - 1]) out.push(points[i]);
  }
  if (out[out.length - 1] !== points[points.length - 1]) out.push(points[points.length - 1]);
  return out;
}

/** A colour from the page's stylesheet (print.css lightens the charts of a printed page). */
function cssColor(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/**
 * A time-series chart. `series`: [{ name, points: [{time:'YYYY-MM-DD', value}], color?, type?: 'line'|'area'|'histogram' }],
 * and optionally per series: `priceFormat` (lightweight-charts' own: a custom formatter, `minMove: 1`
 * for whole-number ticks), `base` (where histogram bars start), `lines` ([{ value, label }]
 * reference lines), `solid` (an opaque area, for stacked layers), `hideLastValue` (no axis label
 * for a drawn height that is not the series' value), `legend` (legend text instead of the name),
 * `range` ({ min, max }: the axis shows exactly this range).
 * Sets data-points on the container (the data points the chart shows, every one of them) so tests can
 * check real data is drawn, and data-drawn (the points handed to the library after `thinToWidth`).
 */
export function timeChart(el, series, opts = {}) {
  const LW = window.LightweightCharts;
  // The container's size is read once; the chart is then built and first drawn while the
  // container is out of the layout (display: none). On its first frame the library sizes each of
  // its canvases (panes, axes) and reads each one back: on a laid-out page every such read was a
  // forced layout of the whole page (~190 while the dashboard filled, a fifth of its drawing).
  // Hidden, the reads cost nothing and the canvases take the size given here. The container is
  // shown again in that same frame, right after the library has drawn (its frame callback was
  // asked for first), so no frame is painted without the chart; `followSize` keeps it fitted to
  // its container afterwards (what the library's autoSize did).
  // The library's own autoSize read the same box (it rounds down to even pixels itself).
  const { width, height } = el.getBoundingClientRect();
  const thinTo = el.clientWidth;
  el.style.display = 'none';
  const chart = LW.createChart(el, {
    width,
    height,
    // The library's logo sits over the bottom-left of the plot and covered axis labels; its licence
    // asks for the attribution notice and a link on the page, which the footer carries (index.html).
    layout: {
      background: { color: 'transparent' },
      textColor: cssColor('--chart-text', '#8b98a5'),
      attributionLogo: false,
    },
    grid: {
      vertLines: { color: cssColor('--chart-grid', '#1e262e') },
      horzLines: { color: cssColor('--chart-grid', '#1e262e') },
    },
    rightPriceScale: { borderColor: cssColor('--chart-border', '#26303a') },
    timeScale: { borderColor: cssColor('--chart-border', '#26303a') },
    // null: each series formats its own axis (priceFormat), as a chart-wide formatter would override it.
    localization:
      opts.priceFormatter === null ? {} : { priceFormatter: opts.priceFormatter ?? ((v) => v.toFixed(2)) },
  });
  let total = 0;
  let drawn = 0;
  const legend = h('div', { class: 'legend' });
  series.forEach((s, i) => {
    const color = s.color ?? COLORS[i % COLORS.length];
    const kind =
      s.type === 'histogram' ? LW.HistogramSeries : s.type === 'area' ? LW.AreaSeries : LW.LineSeries;
    let style =
      s.type === 'area'
        ? {
            lineColor: color,
            topColor: s.solid ? color : `${color}55`,
            bottomColor: s.solid ? color : `${color}05`,
            lineWidth: 2,
          }
        : { color, lineWidth: 2 };
    // Sparse observations (a handful of snapshots) are drawn as points: a line would invent the path between them.
    if (s.markersOnly)
      style = { color, lineVisible: false, pointMarkersVisible: true, pointMarkersRadius: 3 };
    const extra = {
      ...(s.priceFormat ? { priceFormat: s.priceFormat } : {}),
      ...(s.base !== undefined ? { base: s.base } : {}),
      ...(s.hideLastValue ? { lastValueVisible: false, priceLineVisible: false } : {}),
      ...(s.range
        ? {
            autoscaleInfoProvider: () => ({
              priceRange: { minValue: s.range.min, maxValue: s.range.max },
              margins: { above: 8, below: 0 },
            }),
          }
        : {}),
    };
    const ser = chart.addSeries(kind, { ...style, ...extra, priceScaleId: s.scale ?? 'right', title: '' });
    const pts = s.points.filter((p) => p.value !== null && Number.isFinite(p.value));
    // A line over decades of daily points has several per pixel: drawn thinned to the screen's
    // width (the figures and data-points keep every point). Bars and markers are drawn as given.
    const shown = s.type === 'histogram' || s.markersOnly || s.solid ? pts : thinToWidth(pts, thinTo);
    ser.setData(shown);
    total += pts.length;
    drawn += shown.length;
    if (s.zeroLine)
      ser.createPriceLine({ price: 0, color: '#8b98a5', lineStyle: 2, lineWidth: 1, title: '0' });
    for (const l of s.lines ?? [])
      ser.createPriceLine({ price: l.value, color: '#8b98a5', lineStyle: 2, lineWidth: 1, title: l.label });
    legend.append(h('span', {}, h('i', { style: `background:${color}` }), s.legend ?? s.name));
  });
  if (opts.leftScale)
    chart
      .priceScale('left')
      .applyOptions({ visible: true, borderColor: cssColor('--chart-border', '#26303a') });
  chart.timeScale().fitContent();
  requestAnimationFrame(() => {
    el.style.display = '';
  });
  followSize(el, chart, width, height);
  el.dataset.points = String(total);
  el.dataset.drawn = String(drawn);
  el.before(legend);
  return chart;
}

/**
 * Charts keep the size of their container (a window resized, a phone turned, a folded section
 * opened, the page printed): one observer for all of them, resizing a chart only when its
 * container's size differs from the one it was drawn at (the first report of each is its size
 * on creation, nothing to do).
 */
const sized = new WeakMap();
let sizeObserver;
function followSize(el, chart, width, height) {
  sizeObserver ??= new ResizeObserver((entries) => {
    for (const e of entries) {
      const c = sized.get(e.target);
      if (!c) continue;
      const { width: w, height: h } = e.contentRect;
      if (w === c.width && h === c.height) continue;
      c.width = w;
      c.height = h;
      c.chart.resize(w, h);
    }
  });
  sized.set(el, { chart, width, height });
  sizeObserver.observe(el);
}
