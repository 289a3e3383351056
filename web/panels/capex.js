import { dataTable, fmtNum, fmtPct, fmtUsd, h, kpi, timeChart } from '../lib.js';

// AI capex panel: per company, trailing-12-month capex growth vs operating-income growth, the
// gap between them and the burst flag; the hyperscalers together by calendar quarter of period
// end; token-consumption growth and market events from the curated datasets.
export async function render(root, api) {
  const report = await api.get('/api/capex', { asOf: api.asOf });
  root.append(
    h(
      'p',
      { class: 'sub' },
      `Capex vs operating income from SEC XBRL filings (10-Q cash flows are year-to-date; single quarters are derived and marked). ${report.burstRule.text}.`,
    ),
  );
  const withData = report.companies.filter((c) => c.quarters.length || c.years.length);
  if (!withData.length) {
    root.append(
      h(
        'p',
        { class: 'empty' },
        'No XBRL facts stored yet. Run `tidewatch update --source xbrl` or `tidewatch import xbrl FILE`.',
      ),
    );
  } else {
    const lastAgg = [...report.aggregate].reverse().find((a) => a.ttmGap !== null);
    if (lastAgg) {
      root.append(
        h(
          'div',
          { class: 'kpis' },
          kpi(`Hyperscaler capex TTM YoY (${lastAgg.calendarQuarter})`, fmtPct(lastAgg.ttmYoy.capex)),
          kpi('Operating income TTM YoY', fmtPct(lastAgg.ttmYoy.operatingIncome)),
          kpi(
            'Gap (capex − op. income growth)',
            fmtPct(lastAgg.ttmGap),
            lastAgg.burst ? 'BURST flag' : 'no burst flag',
          ),
          kpi('Members', lastAgg.members.join(', ')),
        ),
      );
    }
    const chart = h('div', { class: 'chart', id: 'chart-capex-gap' });
    root.append(
      h(
        'h3',
        { class: 'sub' },
        'Gap: TTM capex growth − TTM operating-income growth, per company (percentage points)',
      ),
      chart,
    );
    timeChart(
      chart,
      withData
        .filter((c) => c.quarters.some((q) => q.ttmGap !== null))
        .map((c) => ({
          name: c.ticker,
          points: c.quarters
            .filter((q) => q.ttmGap !== null)
            .map((q) => ({ time: q.end, value: q.ttmGap * 100 })),
        })),
      { priceFormatter: (v) => `${v.toFixed(0)} pp` },
    );
    const rows = [];
    for (const c of withData) {
      const q = c.quarters.at(-1);
      if (q)
        rows.push([
          c.ticker,
          `FY${q.fiscalYear} Q${q.fiscalQuarter} (${q.end})`,
          fmtUsd(q.values.capex),
          q.basis.capex,
          fmtUsd(q.values.operatingIncome),
          fmtPct(q.ttmYoy.capex),
          fmtPct(q.ttmYoy.operatingIncome),
          fmtPct(q.ttmGap),
          fmtNum(q.capexToOcf),
          fmtPct(q.debtFundedShare),
          q.burst ? 'BURST' : '',
          q.knownFrom ?? '—',
        ]);
      else {
        const y = c.years.at(-1);
        rows.push([
          c.ticker,
          `FY${y.fiscalYear} (${y.end}, annual only)`,
          fmtUsd(y.values.capex),
          '10-K',
          fmtUsd(y.values.operatingIncome),
          fmtPct(y.yoy.capex),
          fmtPct(y.yoy.operatingIncome),
          fmtPct(y.gap),
          fmtNum(y.capexToOcf),
          fmtPct(y.debtFundedShare),
          '',
          '—',
        ]);
      }
    }
    root.append(
      dataTable(
        [
          'company',
          'latest period',
          'capex',
          'basis',
          'op. income',
          'capex YoY',
          'op.inc YoY',
          'gap',
          'capex/OCF',
          'debt-funded',
          'flag',
          'known from',
        ],
        rows,
        [2, 4, 5, 6, 7, 8, 9],
      ),
    );
    const agg = report.aggregate.filter((a) => a.ttmGap !== null).slice(-8);
    if (agg.length) {
      root.append(h('h3', { class: 'sub' }, 'Hyperscalers together, by calendar quarter of period end'));
      root.append(
        dataTable(
          ['quarter', 'members', 'capex', 'op. income', 'capex TTM YoY', 'op.inc TTM YoY', 'gap', 'flag'],
          agg.map((a) => [
            a.calendarQuarter,
            a.members.join(', '),
            fmtUsd(a.values.capex),
            fmtUsd(a.values.operatingIncome),
            fmtPct(a.ttmYoy.capex),
            fmtPct(a.ttmYoy.operatingIncome),
            fmtPct(a.ttmGap),
            a.burst ? 'BURST' : '',
          ]),
          [2, 3, 4, 5, 6],
        ),
      );
    }
    for (const n of report.notes) root.append(h('p', { class: 'note' }, n));
  }

  const tokens = await api.get('/api/curated/tokens', { asOf: api.asOf });
  const spans = tokens.growth.filter((g) => g.months >= 11);
  root.append(
    h(
      'h3',
      { class: 'sub' },
      `Token demand (curated dataset v${tokens.version}; one source per row; a figure counts from the day it was published)`,
    ),
  );
  root.append(
    dataTable(
      ['provider', 'from', 'to', 'tokens/month from', 'tokens/month to', 'multiple', 'annualised'],
      spans.map((g) => [
        g.provider,
        g.from.slice(0, 7),
        g.to.slice(0, 7),
        g.fromPerMonth.toExponential(2),
        g.toPerMonth.toExponential(2),
        `×${fmtNum(g.multiple, 1)}`,
        `×${fmtNum(g.annualisedMultiple, 1)}/yr`,
      ]),
      [3, 4, 5, 6],
    ),
  );
  const events = await api.get('/api/curated/events', { asOf: api.asOf });
  if (events.events.length) {
    root.append(h('h3', { class: 'sub' }, 'Market events'));
    root.append(
      dataTable(
        ['date', 'ticker', 'move', 'what', 'source'],
        events.events.map((e) => [
          e.date,
          e.ticker,
          e.movePct === null ? '—' : `${e.movePct}%`,
          e.description,
          e.source,
        ]),
        [2],
      ),
    );
  }
  root.dataset.points = String(withData.reduce((s, c) => s + c.quarters.length, 0));
}
