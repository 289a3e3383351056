import { formatValue } from '../src/core/format.ts';
import { h } from './lib.js';

// A scatter chart (src/views/model.ts ScatterChart) as SVG with real axes: ticks at round values,
// tick labels in the axis' own format, axis titles, a legend, and point labels placed so that no
// two overlap (a label that fits nowhere is left off; the point keeps it as a tooltip). Drawn at
// the container's width, so the text keeps its size on a phone instead of shrinking with it.

const NS = 'http://www.w3.org/2000/svg';
const FONT = 11;
/** Average glyph width of the 11 px system font, for placing labels before they are measured. */
const CHAR_W = 6.6;
const GROUP_COLOURS = ['#e06c5f', '#4caf7a', '#4fb3d9', '#e0b050', '#b48ead'];

/**
 * Round tick values covering [lo, hi]: steps of 1, 2 or 5 × 10^k, about `count` of them and never
 * fewer than three (a step that would leave one or two ticks in the range is refined).
 */
export function niceTicks(lo, hi, count) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const steps = [10, 5, 2, 1, 0.5, 0.2, 0.1].map((m) => m * mag).filter((s) => s <= 10 * mag);
  const ticksOf = (step) => {
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
      out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
    return out;
  };
  // The smallest nice step at or above the raw one; finer while it leaves fewer than three ticks.
  const ascending = [...steps].reverse();
  let i = ascending.findIndex((st) => st >= raw);
  let ticks = ticksOf(ascending[i]);
  while (ticks.length < 3 && i > 0) ticks = ticksOf(ascending[--i]);
  return ticks;
}

function svgEl(parent, tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  parent.append(e);
  return e;
}

const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Extend [lo, hi] a little (and always to include 0) so no point sits on the frame. */
function domain(values) {
  const lo = Math.min(...values, 0);
  const hi = Math.max(...values, 0);
  const pad = (hi - lo || 1) * 0.06;
  return [lo - pad, hi + pad];
}

/**
 * Draw `sc` into a new figure appended to `mount` (attached first: its width sets the drawing's).
 * Returns the figure; its svg carries data-points (points drawn) and data-labels (labels shown).
 */
export function renderScatter(sc, mount) {
  const fig = h(
    'figure',
    { class: 'chart-wrap scatter-wrap' },
    h('figcaption', { class: 'sub caption' }, sc.title),
  );
  mount.append(fig);
  const colour = new Map(sc.groups.map((g, i) => [g.id, GROUP_COLOURS[i % GROUP_COLOURS.length]]));
  const used = sc.groups.filter((g) => sc.points.some((p) => p.group === g.id));
  fig.append(
    h(
      'div',
      { class: 'legend' },
      used.map((g) =>
        h('span', { 'data-group': g.id }, h('i', { style: `background:${colour.get(g.id)}` }), g.label),
      ),
    ),
  );

  const W = Math.max(280, Math.min(720, Math.floor(fig.clientWidth || mount.clientWidth || 520)));
  const H = Math.round(Math.max(240, Math.min(380, W * 0.62)));
  const fx = (v) => formatValue(v, sc.x.format, sc.x.digits === undefined ? {} : { digits: sc.x.digits });
  const fy = (v) => formatValue(v, sc.y.format, sc.y.digits === undefined ? {} : { digits: sc.y.digits });
  const [y0, y1] = domain(sc.points.map((p) => p.y));
  const yTicks = niceTicks(y0, y1, Math.max(3, Math.floor(H / 60)));
  const left = 14 + FONT + 6 + Math.max(...yTicks.map((t) => fy(t).length)) * CHAR_W;
  const M = { left, right: 14, top: 10, bottom: 2 * FONT + 22 };
  const [x0, x1] = domain(sc.points.map((p) => p.x));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  // As many x ticks as fit with their widest label plus a gap: tick labels never touch.
  const widest = (ts) => Math.max(...ts.map((t) => fx(t).length)) * CHAR_W + 12;
  let xTicks = niceTicks(x0, x1, Math.max(2, Math.floor(plotW / 70)));
  for (let n = Math.floor(plotW / 70); n > 2 && xTicks.length * widest(xTicks) > plotW; n--)
    xTicks = niceTicks(x0, x1, n - 1);
  const sx = (v) => M.left + ((v - x0) / (x1 - x0)) * plotW;
  const sy = (v) => M.top + ((y1 - v) / (y1 - y0)) * plotH;

  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('id', sc.id);
  svg.setAttribute('class', 'scatter');
  svg.setAttribute('width', String(W));
  svg.setAttribute('height', String(H));
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${sc.title}: ${sc.x.label} (x) against ${sc.y.label} (y)`);
  fig.append(svg);

  const axis = { stroke: 'var(--chart-border, #26303a)' };
  const tickText = { fill: 'var(--chart-text, #8b98a5)', 'font-size': FONT };
  for (const t of yTicks) {
    svgEl(svg, 'line', {
      x1: M.left,
      x2: W - M.right,
      y1: sy(t),
      y2: sy(t),
      stroke: 'var(--chart-grid, #1e262e)',
    });
    svgEl(
      svg,
      'text',
      { ...tickText, class: 'tick y', x: M.left - 6, y: sy(t) + FONT / 3, 'text-anchor': 'end' },
      fy(t),
    );
  }
  for (const t of xTicks) {
    svgEl(svg, 'line', {
      x1: sx(t),
      x2: sx(t),
      y1: M.top,
      y2: M.top + plotH,
      stroke: 'var(--chart-grid, #1e262e)',
    });
    svgEl(
      svg,
      'text',
      { ...tickText, class: 'tick x', x: sx(t), y: M.top + plotH + FONT + 5, 'text-anchor': 'middle' },
      fx(t),
    );
  }
  // Zero lines stand out: left of zero / below zero is the meaning of the axes.
  svgEl(svg, 'line', { ...axis, x1: sx(0), x2: sx(0), y1: M.top, y2: M.top + plotH });
  svgEl(svg, 'line', { ...axis, x1: M.left, x2: W - M.right, y1: sy(0), y2: sy(0) });
  svgEl(svg, 'rect', { ...axis, x: M.left, y: M.top, width: plotW, height: plotH, fill: 'none' });
  svgEl(
    svg,
    'text',
    { ...tickText, class: 'axis-title x', x: M.left + plotW / 2, y: H - 4, 'text-anchor': 'middle' },
    sc.x.label,
  );
  // The y title runs along the plot's height: on a short (phone) plot it gets a smaller font, never cut.
  const ySize = Math.max(8, Math.min(FONT, Math.floor(plotH / (sc.y.label.length * 0.62))));
  const yt = svgEl(
    svg,
    'text',
    { ...tickText, 'font-size': ySize, class: 'axis-title y', x: 0, y: 0, 'text-anchor': 'middle' },
    sc.y.label,
  );
  yt.setAttribute('transform', `translate(${FONT + 1},${M.top + plotH / 2}) rotate(-90)`);

  // Points first (every one is drawn), then labels where they fit: boxes of points and labels
  // placed so far are obstacles; a label tries right, left, above, below its point.
  const obstacles = sc.points.map((p) => ({ x: sx(p.x) - 4, y: sy(p.y) - 4, w: 8, h: 8 }));
  const plot = { x: M.left, y: M.top, w: plotW, h: plotH };
  let shown = 0;
  for (const p of sc.points) {
    const c = svgEl(svg, 'circle', {
      cx: sx(p.x),
      cy: sy(p.y),
      r: 4,
      fill: colour.get(p.group) ?? '#8b98a5',
      'data-label': p.label,
    });
    svgEl(c, 'title', {}, `${p.label}: ${fx(p.x)}, ${fy(p.y)}`);
  }
  for (const p of sc.points) {
    const px = sx(p.x);
    const py = sy(p.y);
    const w = p.label.length * CHAR_W;
    const hgt = FONT + 2;
    const tries = [
      { x: px + 7, y: py - hgt / 2 },
      { x: px - 7 - w, y: py - hgt / 2 },
      { x: px - w / 2, y: py - 6 - hgt },
      { x: px - w / 2, y: py + 6 },
    ];
    const box = tries
      .map((t) => ({ ...t, w, h: hgt }))
      .find(
        (b) =>
          b.x >= plot.x &&
          b.y >= plot.y &&
          b.x + b.w <= plot.x + plot.w &&
          b.y + b.h <= plot.y + plot.h &&
          !obstacles.some((o) => overlaps(o, b)),
      );
    if (!box) continue;
    obstacles.push(box);
    shown++;
    svgEl(
      svg,
      'text',
      {
        class: 'point-label',
        x: box.x,
        y: box.y + FONT - 1,
        fill: 'var(--text, #c9d1d9)',
        'font-size': FONT - 1,
      },
      p.label,
    );
  }
  svg.dataset.points = String(sc.points.length);
  svg.dataset.labels = String(shown);
  if (shown < sc.points.length)
    fig.append(
      h(
        'p',
        { class: 'sub' },
        `${sc.points.length - shown} of ${sc.points.length} labels left off where they would overlap; every point names itself on hover, and the table lists them all.`,
      ),
    );
  return fig;
}
