import { dataTable, fmtNum, fmtPct, h, timeChart } from '../lib.js';

// "Markets": a symbol's merged adjusted closes (source named per point) with its drawdown, and
// "Duration sort": the speculativeness ranking, a liquidity-beta vs squeeze-drawdown scatter and
// the thesis-3 verdict.

const DEFAULT_SYMBOL = 'NVDA';

async function renderPrice(box, api, symbol) {
  box.replaceChildren();
  let j;
  try {
    j = await api.get(`/api/prices/${encodeURIComponent(symbol)}`, { to: api.asOf });
  } catch (e) {
    box.append(
      h(
        'p',
        { class: 'empty' },
        `${symbol}: ${e.message}. Import prices with \`tidewatch import prices --shared\`.`,
      ),
    );
    return;
  }
  const last = j.points.at(-1);
  const dd = j.drawdown.at(-1);
  box.append(
    h(
      'p',
      { class: 'sub' },
      `${symbol}: last ${fmtNum(last.value)} on ${last.date} (${last.source}); drawdown from peak ${fmtPct(dd.value)}. `,
      `Sources: ${j.links.map((l) => `${l.source}${l.ratio !== 1 ? ` ×${l.ratio.toFixed(4)}` : ''}`).join(', ')}.`,
    ),
  );
  const splits = j.actions.filter((a) => a.kind === 'split');
  if (splits.length)
    box.append(
      h(
        'p',
        { class: 'sub' },
        `Splits: ${splits.map((a) => `${a.date} ${a.value}:1`).join(', ')} (adjusted: no false crash).`,
      ),
    );
  const price = h('div', { class: 'chart', id: 'chart-markets-price' });
  box.append(price);
  timeChart(price, [
    { name: `${symbol} adjusted close`, points: j.points.map((p) => ({ time: p.date, value: p.value })) },
  ]);
  const ddEl = h('div', { class: 'chart small', id: 'chart-markets-drawdown' });
  box.append(ddEl);
  timeChart(
    ddEl,
    [
      {
        name: 'Drawdown from peak',
        type: 'area',
        color: '#e06c5f',
        points: j.drawdown.map((p) => ({ time: p.date, value: p.value * 100 })),
      },
    ],
    {
      priceFormatter: (v) => `${v.toFixed(0)}%`,
    },
  );
}

/** A small SVG scatter: x = liquidity beta, y = mean drawdown in squeeze windows. */
function scatter(rows) {
  const pts = rows.filter((r) => r.liquidityBeta !== null && r.squeezeDrawdown !== null);
  const W = 520;
  const H = 260;
  const pad = 36;
  const xs = pts.map((r) => r.liquidityBeta);
  const ys = pts.map((r) => r.squeezeDrawdown * 100);
  const [x0, x1] = [Math.min(...xs, 0), Math.max(...xs, 0)];
  const [y0, y1] = [Math.min(...ys), 0];
  const sx = (x) => pad + ((x - x0) / (x1 - x0 || 1)) * (W - 2 * pad);
  const sy = (y) => pad + ((y1 - y) / (y1 - y0 || 1)) * (H - 2 * pad);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'scatter');
  svg.setAttribute('style', `max-width:${W}px;width:100%;height:auto;display:block`);
  svg.setAttribute('id', 'duration-scatter');
  svg.dataset.points = String(pts.length);
  const el = (tag, attrs, text) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text) e.textContent = text;
    svg.append(e);
  };
  el('line', { x1: sx(0), x2: sx(0), y1: pad, y2: H - pad, stroke: '#26303a' });
  el(
    'text',
    { x: W / 2, y: H - 6, fill: '#8b98a5', 'font-size': 11, 'text-anchor': 'middle' },
    'beta to weekly net-liquidity change (% per %)',
  );
  el('text', { x: 10, y: 14, fill: '#8b98a5', 'font-size': 11 }, 'mean drawdown in squeeze windows (%)');
  for (const r of pts) {
    const color =
      r.group === 'speculative' ? '#e06c5f' : r.group === 'cash-flow-near' ? '#4caf7a' : '#4fb3d9';
    el('circle', { cx: sx(r.liquidityBeta), cy: sy(r.squeezeDrawdown * 100), r: 4, fill: color });
    el(
      'text',
      { x: sx(r.liquidityBeta) + 6, y: sy(r.squeezeDrawdown * 100) + 4, fill: '#c9d1d9', 'font-size': 10 },
      r.symbol,
    );
  }
  return svg;
}

export async function render(root, api) {
  const picker = h('select', { id: 'markets-symbol' });
  const priceBox = h('div', {});
  let sources = [];
  try {
    sources = await api.get('/api/prices');
  } catch {}
  const symbols = [...new Set(sources.map((s) => s.symbol))];
  if (!symbols.length) {
    root.append(
      h(
        'p',
        { class: 'empty' },
        'No prices stored yet. Run `tidewatch import prices --shared` (real files) or `tidewatch update --source prices`.',
      ),
    );
    return;
  }
  for (const s of symbols)
    picker.append(h('option', { value: s, ...(s === DEFAULT_SYMBOL ? { selected: 'selected' } : {}) }, s));
  picker.addEventListener('change', () => renderPrice(priceBox, api, picker.value));
  root.append(h('label', { class: 'sub' }, 'Symbol ', picker), priceBox);
  await renderPrice(priceBox, api, symbols.includes(DEFAULT_SYMBOL) ? DEFAULT_SYMBOL : symbols[0]);

  root.append(h('h3', { class: 'sub' }, 'Duration sort (thesis 3)'));
  let d;
  try {
    d = await api.get('/api/duration', { asOf: api.asOf });
  } catch (e) {
    root.append(h('p', { class: 'empty' }, `Duration ranking unavailable: ${e.message}`));
    return;
  }
  root.append(
    h(
      'p',
      { class: `verdict ${d.thesis.status.replace(/ /g, '-')}`, id: 'thesis3' },
      `Thesis 3 (as of ${d.asOf}): ${d.thesis.status.toUpperCase()} — ${d.thesis.statement}`,
    ),
    h('p', { class: 'sub' }, `Verdict: ${d.thesisBasis}.`),
    h(
      'p',
      { class: 'sub' },
      `Squeeze windows: net liquidity down more than ${d.params.thresholdPct}% over ${d.params.lookbackWeeks} weeks — ${d.windows.map((w) => `${w.start}→${w.end}`).join(', ')}.`,
    ),
    scatter(d.rows),
    dataTable(
      [
        'rank',
        'symbol',
        'group',
        'β liquidity',
        'β 10y (%/pp)',
        `β ${d.spxSymbol}`,
        'squeeze return',
        'squeeze drawdown',
        'score',
      ],
      d.rows.map((r) => [
        r.rank,
        r.symbol + (d.proxies[r.symbol] ? ` (via ${d.proxies[r.symbol]})` : ''),
        r.group ?? '',
        fmtNum(r.liquidityBeta),
        fmtNum(r.yieldBeta),
        fmtNum(r.spxBeta),
        fmtPct(r.squeezeReturn),
        fmtPct(r.squeezeDrawdown),
        fmtNum(r.score),
      ]),
      [0, 3, 4, 5, 6, 7, 8],
    ),
  );
  if (d.notStored.length) root.append(h('p', { class: 'sub' }, `No data: ${d.notStored.join(', ')}.`));
}
