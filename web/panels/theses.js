import { h } from '../lib.js';
import { renderKpis, renderNotes, renderTable } from '../view.js';
import { render as renderScorecard } from './scorecard.js';

// The thesis ledger: the view `tidewatch theses` prints (src/views/theses.ts), grouped per thesis
// — its status, each check's rule and result, every evidence figure with measured/curated, the
// window it describes and the dates of its inputs, the thresholds and why. This module draws the
// ledger only; the scorecard thesis 5 is checked on is its own module (scorecard.js).

const PANEL_OF = {
  risk: 'risk',
  plumbing: 'plumbing',
  liquidity: 'liquidity',
  capex: 'capex',
  scorecard: 'scorecard-table',
};

function badge(status) {
  return h('span', { class: `badge ${status === 'insufficient data' ? 'insufficient' : status}` }, status);
}

function evidenceLink(e) {
  if (!e.chart) return e.label;
  const panel = PANEL_OF[e.chart] ?? (e.chart.startsWith('markets') ? 'markets' : e.chart);
  return h('a', { href: `#panel-${panel}`, title: `chart: ${e.chart}` }, e.label);
}

function evidenceItem(e) {
  const curated = e.basis !== 'measured';
  const basis = curated
    ? h('span', { class: 'badge curated', title: e.source }, 'curated')
    : h('span', { class: 'sub', title: e.source }, 'measured');
  const window = e.from ? ` ${e.from} → ${e.to}` : '';
  const inputs = e.inputs ? `; inputs ${e.inputs}` : '';
  return h(
    'li',
    { 'data-basis': curated ? 'curated' : 'measured' },
    evidenceLink(e),
    ': ',
    e.value,
    ' ',
    basis,
    h('span', { class: 'sub' }, `${window}${inputs}`),
  );
}

/** The ledger of `view` into `root`, one block per thesis. */
function renderLedger(root, view) {
  const rows = (id) => view.tables.find((t) => t.id === id)?.rows ?? [];
  const checks = rows('checks');
  const evidence = rows('evidence');
  const thresholds = rows('thresholds');
  root.append(renderKpis(view.kpis));
  for (const t of rows('theses')) {
    const table = h(
      'table',
      { 'data-table': `checks-${t.thesisId}` },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['status', 'claim', 'result', 'rule', 'evidence'].map((x) => h('th', {}, x)),
        ),
      ),
      h(
        'tbody',
        {},
        checks
          .filter((c) => c.thesisId === t.thesisId)
          .map((c) => {
            const th = thresholds.filter((x) => x.thesisId === t.thesisId && x.check === c.check);
            const ev = evidence.filter((x) => x.thesisId === t.thesisId && x.check === c.check);
            return h(
              'tr',
              { 'data-check': c.check },
              h('td', {}, badge(c.status)),
              h('td', {}, c.claim),
              h('td', {}, c.summary),
              h(
                'td',
                {},
                c.test,
                th.length
                  ? h(
                      'ul',
                      { class: 'thresholds' },
                      th.map((x) => h('li', { title: x.why }, `${x.threshold}: ${x.why}`)),
                    )
                  : null,
              ),
              h('td', {}, h('ul', { class: 'evidence' }, ev.map(evidenceItem))),
            );
          }),
      ),
    );
    root.append(
      h(
        'div',
        { class: 'thesis', id: `thesis-${t.thesisId}`, 'data-status': t.status },
        h(
          'h3',
          {},
          `${t.number}. ${t.title} `,
          badge(t.status),
          h('span', { class: 'sub' }, ` as of ${view.asOf} · seed: ${t.seed}`),
        ),
        h('p', {}, t.claim),
        h('div', { class: 'table-wrap' }, table),
      ),
    );
  }
  const history = view.tables.find((t) => t.id === 'history');
  if (history)
    root.append(
      h(
        'details',
        {},
        h('summary', {}, `Status history (${history.rows.length} changes)`),
        renderTable(history),
      ),
    );
  root.append(...renderNotes(view.notes));
}

export async function render(root, api) {
  // The scorecard drawn under the ledger is asked for with it, not after it is drawn.
  api.get('/api/views/scorecard', { asOf: api.asOf });
  const view = await api.get('/api/views/theses', { asOf: api.asOf });
  if (view.headline) root.append(h('p', { class: 'sub headline' }, view.headline));
  renderLedger(root, view);

  // The scorecard as known on the page's date (its own module: web/panels/scorecard.js).
  await renderScorecard(root, api);
}
