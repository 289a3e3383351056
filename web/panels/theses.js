import { dataTable, fmtNum, fmtPct, fmtUsd, h } from '../lib.js';
import { render as renderScorecard } from './scorecard.js';

// Thesis ledger (status badges, checks, evidence with links to the panel that charts it) and the
// famous-shorts scorecard that thesis 5 is checked on.

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

function evidenceValue(e) {
  if (typeof e.value !== 'number') return e.value ?? '—';
  if (e.unit === 'usd') return fmtUsd(e.value);
  if (e.unit === 'fraction') return fmtPct(e.value);
  return `${fmtNum(e.value, Math.abs(e.value) >= 100 ? 0 : 2)}${e.unit ? ` ${e.unit}` : ''}`;
}

/** Measured or curated, the window it describes and the dates of its inputs: shown with every figure. */
function evidenceMeta(e) {
  const basis =
    e.basis === 'curated'
      ? h('span', { class: 'badge curated', title: e.source }, 'curated')
      : h('span', { class: 'sub', title: e.source }, 'measured');
  // Runs stored before evidence carried a window have none to show.
  if (!e.from) return '';
  const inputs = e.inputDates?.length ? `; inputs ${e.inputDates.join(', ')}` : '';
  return h('span', { class: 'sub' }, ' ', basis, ` ${e.from} → ${e.to}${inputs}`);
}

function thresholdList(thresholds) {
  const entries = Object.entries(thresholds ?? {});
  if (!entries.length) return '';
  return h(
    'ul',
    { class: 'thresholds' },
    entries.map(([name, t]) => h('li', { title: t.why }, `${name} = ${t.value} ${t.unit}: ${t.why}`)),
  );
}

function evidenceLink(e) {
  if (!e.chart) return e.label;
  const panel = PANEL_OF[e.chart] ?? (e.chart.startsWith('markets') ? 'markets' : e.chart);
  return h('a', { href: `#panel-${panel}`, title: `chart: ${e.chart}` }, e.label);
}

export async function render(root, api) {
  const { results, history, fromStoredRun } = await api.get(
    '/api/theses',
    api.asOf ? { asOf: api.asOf } : {},
  );
  root.append(
    h(
      'p',
      { class: 'sub' },
      `Each PRODUCT.md thesis as data-checked claims. ${fromStoredRun ? 'Latest stored run' : 'Evaluated now'}; tidewatch takes no side: supported, refuted, mixed or insufficient data, with the numbers. Every figure says whether it is measured from stored data or curated (with its citation), the window it describes and the dates of its inputs; every rule shows its thresholds and why.`,
    ),
  );
  for (const t of results) {
    const checks = dataTable(
      ['status', 'claim', 'result', 'test', 'evidence'],
      t.checks.map((c) => [
        badge(c.status),
        c.claim,
        c.summary,
        h('div', {}, c.test, thresholdList(c.thresholds)),
        h(
          'ul',
          { class: 'evidence' },
          c.evidence.map((e) =>
            h('li', { 'data-basis': e.basis }, evidenceLink(e), ': ', evidenceValue(e), evidenceMeta(e)),
          ),
        ),
      ]),
    );
    root.append(
      h(
        'div',
        { class: 'thesis', id: `thesis-${t.id}`, 'data-status': t.status },
        h(
          'h3',
          {},
          `${t.number}. ${t.title} `,
          badge(t.status),
          h('span', { class: 'sub' }, ` as of ${t.asOf} · seed: ${t.seed}`),
        ),
        h('p', {}, t.claim),
        checks,
      ),
    );
  }
  if (history.length) {
    root.append(
      h(
        'details',
        {},
        h('summary', {}, `Status history (${history.length} changes)`),
        dataTable(
          ['thesis', 'from', 'to', 'run', 'as of'],
          history.map((c) => [c.thesisId, c.from ?? 'new', c.to, c.runAt.slice(0, 16), c.asOf]),
        ),
      ),
    );
  }

  // The scorecard as known on the page's date (its own module: web/panels/scorecard.js).
  await renderScorecard(root, api);
}
