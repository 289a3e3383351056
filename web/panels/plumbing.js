import { dataTable, fmtUsd, h, kpi, timeChart } from '../lib.js';

// Plumbing panel: reserves vs the thesis-1 lines, repo spread with a zero line ("crossing the
// line"), TGA and ON RRP, and the bathtub stack (water level + drains = Fed assets).

function fmt(unit, v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (unit === 'usd') return fmtUsd(v);
  if (unit === 'bp') return `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(0)}bp`;
  if (unit === 'percent') return `${v.toFixed(2)}%`;
  if (unit === 'ratio') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'score') return v.toFixed(1);
  return v.toFixed(0);
}

/**
 * An indicator's points, or [] when the summary says it has no data (no request then: a 404
 * would be logged by the browser as an error) or the request fails.
 */
async function points(api, summary, id, params = {}) {
  if (!summary.rows.some((r) => r.id === id && r.value !== null)) return [];
  try {
    const r = await api.get(`/api/plumbing/${id}`, { asOf: api.asOf, ...params });
    return r.points ?? [];
  } catch {
    return [];
  }
}

const toT = (pts, scale = 1e12) => pts.map((p) => ({ time: p.date, value: p.value / scale }));

function chartBlock(root, id, title, series, opts) {
  const drawn = series.filter((s) => s.points.length > 0);
  root.append(h('h3', { class: 'sub' }, title));
  if (!drawn.length) {
    root.append(h('p', { class: 'empty', id }, 'No data stored for this chart yet.'));
    return;
  }
  const el = h('div', { class: 'chart small', id });
  root.append(el);
  timeChart(el, drawn, opts);
}

export async function render(root, api) {
  const s = await api.get('/api/plumbing', { asOf: api.asOf });
  const row = (id) => s.rows.find((r) => r.id === id);
  if (!s.rows.some((r) => r.value !== null)) {
    root.append(
      h(
        'p',
        { class: 'empty' },
        'No plumbing data stored yet. Run `tidewatch update` or `tidewatch import fred|treasury|nyfed FILE...`.',
      ),
    );
    return;
  }
  root.append(
    h(
      'p',
      { class: 'sub' },
      `As known on ${s.asOf}: every value was published by then; each carries its observation date, and a value too old for its cadence is marked stale.`,
    ),
  );
  const k = (id, label) => {
    const r = row(id);
    const name = `${label ?? r.label}${r.source ? ` (${r.source})` : ''}${r.date ? ` · ${r.date}` : ''}`;
    return kpi(
      r.stale ? `${name} · STALE` : name,
      fmt(r.unit, r.value),
      r.change1m === null ? undefined : `${fmt(r.unit, r.change1m)} 1m`,
    );
  };
  root.append(
    h(
      'div',
      { class: 'kpis' },
      k('reserves', 'Reserves'),
      k('sofrIorb', 'SOFR − IORB'),
      k('crossingDays', 'Days above IORB (month)'),
      k('tga', 'TGA'),
      k('rrp', 'ON RRP'),
      k('stressScore', 'Stress score'),
    ),
  );

  const [reserves, spread, p99, tga, rrp, bathtub] = await Promise.all([
    points(api, s, 'reserves', { from: '2008-01-01' }),
    points(api, s, 'sofrIorb'),
    points(api, s, 'sofrP99Iorb'),
    points(api, s, 'tga', { from: '2015-01-01' }),
    points(api, s, 'rrp', { from: '2015-01-01' }),
    api
      .get('/api/plumbing/bathtub', { asOf: api.asOf, from: '2015-01-01' })
      .catch(() => ({ weeks: [], formula: '' })),
  ]);

  const line = (pts, v) =>
    pts.length
      ? [
          { time: pts[0].date, value: v },
          { time: pts.at(-1).date, value: v },
        ]
      : [];
  chartBlock(
    root,
    'chart-plumbing-reserves',
    'Reserve balances vs thesis-1 lines (US$ T)',
    [
      { name: 'Reserves (WRESBAL)', points: toT(reserves), type: 'area' },
      { name: '$3T claimed need', points: line(reserves, 3) },
      { name: '$2.2T (2023 claim)', points: line(reserves, 2.2) },
    ],
    { priceFormatter: (v) => `$${v.toFixed(2)}T` },
  );
  chartBlock(
    root,
    'chart-plumbing-repo',
    'Repo spread: SOFR − rate on reserves (bp); above zero = "crossing the line"',
    [
      { name: 'SOFR − IORB', points: spread.map((p) => ({ time: p.date, value: p.value })), zeroLine: true },
      { name: 'SOFR p99 − IORB (NY Fed snapshots)', points: p99.map((p) => ({ time: p.date, value: p.value })), markersOnly: p99.length < 60 },
    ],
    { priceFormatter: (v) => `${v.toFixed(0)}bp` },
  );
  chartBlock(
    root,
    'chart-plumbing-tga-rrp',
    'Treasury General Account and ON RRP (US$ B)',
    [
      { name: 'TGA', points: toT(tga, 1e9) },
      { name: 'ON RRP', points: toT(rrp, 1e9) },
    ],
    { priceFormatter: (v) => `$${v.toFixed(0)}B` },
  );

  // Stack drawn as cumulative areas: water level, + TGA, + ON RRP (= Fed total assets).
  const w = bathtub.weeks ?? [];
  chartBlock(
    root,
    'chart-plumbing-bathtub',
    'Bathtub: Fed assets = water level (net liquidity) + TGA + ON RRP (US$ T)',
    [
      {
        name: 'ON RRP (top)',
        points: w.map((x) => ({ time: x.date, value: x.supply / 1e12 })),
        type: 'area',
      },
      {
        name: 'TGA',
        points: w.map((x) => ({ time: x.date, value: (x.waterLevel + x.tga) / 1e12 })),
        type: 'area',
      },
      {
        name: 'Water level',
        points: w.map((x) => ({ time: x.date, value: x.waterLevel / 1e12 })),
        type: 'area',
      },
    ],
    { priceFormatter: (v) => `$${v.toFixed(2)}T` },
  );
  const recent = w.filter((x) => x.balance !== null).slice(-8);
  if (recent.length) {
    root.append(
      h('p', { class: 'sub' }, `Formula: ${bathtub.formula}`),
      dataTable(
        ['week', 'water level', 'inflow', 'Treasury demand', 'balance'],
        recent.map((x) => [
          x.date,
          fmtUsd(x.waterLevel),
          fmtUsd(x.inflow),
          fmtUsd(x.treasuryDemand),
          fmtUsd(x.balance),
        ]),
        [1, 2, 3, 4],
      ),
    );
  }

  root.append(
    h('h3', { class: 'sub' }, 'All plumbing indicators'),
    dataTable(
      ['indicator', 'date', 'value', '1m change', 'percentile', 'stale', 'source'],
      s.rows.map((r) => [
        r.label,
        r.date ?? '—',
        fmt(r.unit, r.value),
        fmt(r.unit, r.change1m),
        r.percentile === null ? '—' : `${r.percentile.toFixed(0)}%`,
        r.value === null ? '' : r.stale ? `stale (${r.cadence})` : 'no',
        r.source ?? '',
      ]),
      [2, 3, 4],
    ),
  );
  if (s.thesis1) {
    root.append(
      h('h3', { class: 'sub' }, 'Thesis 1 thresholds against the data'),
      h(
        'ul',
        { id: 'plumbing-thesis1' },
        h('li', {}, `$45B (2007): ${s.thesis1.claim2007.verdict}`),
        h('li', {}, `$2.2T (2023): ${s.thesis1.claim2023.verdict}`),
        h('li', {}, `$3T need: ${s.thesis1.claimNeed.verdict}`),
      ),
    );
  }
  for (const n of s.notes) root.append(h('p', { class: 'sub' }, `Note: ${n}`));
}
