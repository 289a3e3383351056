import { COLORS, dataTable, fmtNum, fmtPct, h, kpi, timeChart } from '../lib.js';

// Macro risk level: the current level with the rules that fired, the level of every week under
// the S&P 500 (SPY), and what followed each level (forward return / max drawdown).

const LEVEL_COLORS = { '-1': '#3a434d', 0: '#4caf7a', 1: '#e0b050', 2: '#d08770', 3: '#e06c5f' };

export async function render(root, api) {
  root.append(
    h(
      'p',
      { class: 'sub' },
      'Level 0 calm · 1 liquidity squeeze · 2 credit stress · 3 systemic. Each week uses only data published by that Friday; the rules and thresholds are listed below.',
    ),
  );
  const [now, hist] = await Promise.all([
    api.get('/api/risk', { asOf: api.asOf }),
    api.get('/api/risk/history', { asOf: api.asOf }),
  ]);
  if (!now.current || hist.weeks.every((w) => w.level < 0)) {
    root.append(
      h(
        'p',
        { class: 'empty' },
        'No risk inputs stored yet. Run `tidewatch update --source fred` (WALCL, WTREGEN, RRPONTSYD, BAMLH0A0HYM2, VIXCLS, NFCI, SOFR, IORB, WRESBAL).',
      ),
    );
    return;
  }
  const c = now.current;
  if (now.note) root.append(h('p', { class: 'stale' }, now.note));
  root.append(
    h(
      'div',
      { class: 'kpis' },
      kpi(`Risk level (week ending ${c.week})`, `${c.level} — ${c.name}`),
      kpi('Rules fired', String(c.fired.length)),
      kpi('Watch flags', c.watch.map((w) => w.rule).join(', ') || 'none'),
    ),
  );
  if (c.fired.length || c.watch.length) {
    root.append(
      dataTable(
        ['level', 'rule', 'value', 'threshold', 'why'],
        [...c.fired, ...c.watch].map((f) => [
          f.level === 0 ? 'watch' : `L${f.level}`,
          f.rule,
          fmtNum(f.value, 3),
          `${f.op} ${f.threshold}`,
          f.why,
        ]),
        [2],
      ),
    );
  }
  if (c.unavailable.length)
    root.append(h('p', { class: 'sub' }, `No data this week for: ${c.unavailable.join(', ')}`));

  const el = h('div', { class: 'chart', id: 'chart-risk-timeline' });
  root.append(
    h('h3', { class: 'sub' }, 'Risk level per week (bars, left) under the S&P 500 (SPY, right)'),
    el,
  );
  timeChart(
    el,
    [
      {
        name: 'risk level',
        type: 'histogram',
        scale: 'left',
        points: hist.weeks.map((w) => ({
          time: w.week,
          value: Math.max(w.level, 0),
          color: LEVEL_COLORS[w.level],
        })),
        color: COLORS[2],
      },
      {
        name: `S&P 500 (${now.priceSources.SPY ?? 'SPY'})`,
        points: hist.weeks.map((w) => ({ time: w.week, value: w.spx })),
        color: COLORS[0],
      },
    ],
    { leftScale: true },
  );

  // Weeks and runs per level: one count for every asset (the levels themselves), as in `tidewatch risk`.
  const count = new Map(now.counts.map((c) => [c.level, c]));
  root.append(
    h(
      'p',
      { class: 'sub', id: 'risk-level-counts' },
      `Weeks since ${hist.weeks[0]?.week ?? '—'}: ${now.counts.map((c) => `level ${c.level} (${c.name}) ${c.weeks} in ${c.runs} runs`).join(' · ')}`,
    ),
  );
  for (const [asset, stats] of Object.entries(now.forward)) {
    const rows = [-1, 0, 1, 2, 3]
      .map((lv) => stats.filter((s) => s.level === lv))
      .filter((s) => s.length)
      .map((s) => {
        const at = (m) => s.find((x) => x.months === m);
        return [
          h(
            'span',
            { class: 'badge', style: `background:${LEVEL_COLORS[s[0].level]}33` },
            `${s[0].level} ${now.levelNames[s[0].level] ?? 'no data'}`,
          ),
          count.get(s[0].level)?.weeks ?? '—',
          count.get(s[0].level)?.runs ?? '—',
          s.find((x) => x.months === 6)?.n ?? '—',
          ...[1, 3, 6, 12].flatMap((m) => [fmtPct(at(m)?.meanReturn), fmtPct(at(m)?.medianMaxDrawdown)]),
        ];
      });
    root.append(
      h(
        'h3',
        { class: 'sub' },
        `${asset} after each level — mean forward return / median max drawdown over the weeks with prices and a complete window (n 6m for 6 months; source: ${now.priceSources[asset] ?? '?'})`,
      ),
      dataTable(
        ['level', 'weeks', 'runs', 'n 6m', '1m', '1m DD', '3m', '3m DD', '6m', '6m DD', '12m', '12m DD'],
        rows,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      ),
    );
  }
  root.append(
    h(
      'details',
      {},
      h('summary', {}, 'Rules and thresholds'),
      dataTable(
        ['rule', 'level', 'indicator', 'test', 'why'],
        now.rules.map((r) => [
          r.id,
          r.level === 0 ? 'watch' : r.level,
          r.indicator,
          `${r.op} ${r.threshold}`,
          r.why,
        ]),
      ),
    ),
  );
}
