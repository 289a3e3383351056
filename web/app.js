import { createApi, formatValue, h } from './lib.js';
import * as capexPanel from './panels/capex.js';
import * as cryptoPanel from './panels/crypto.js';
import * as liquidityPanel from './panels/liquidity.js';
import * as marketsPanel from './panels/markets.js';
import * as plumbingPanel from './panels/plumbing.js';
import * as riskPanel from './panels/risk.js';
import * as thesesPanel from './panels/theses.js';
import * as thirteenfPanel from './panels/thirteenf.js';
import { initTraceDrawer } from './trace.js';

// Dashboard panels, top to bottom. A panel module exports `render(root, api)`; a panel whose
// data is missing says so in place and never breaks the others. The build puts every panel into
// the page's one script (scripts/build.mjs).
const PANELS = [
  { id: 'risk', title: 'Risk level', panel: riskPanel },
  { id: 'liquidity', title: 'Liquidity tide', panel: liquidityPanel },
  { id: 'plumbing', title: 'Plumbing', panel: plumbingPanel },
  { id: 'capex', title: 'AI capex', panel: capexPanel },
  { id: 'thirteenf', title: 'Famous shorts (13F)', panel: thirteenfPanel },
  { id: 'markets', title: 'Markets & duration', panel: marketsPanel },
  { id: 'crypto', title: 'Crypto', panel: cryptoPanel },
  { id: 'theses', title: 'Thesis ledger', panel: thesesPanel },
];

// `?print=1` is the dashboard as a document (what `tidewatch report` prints): a title with the
// as-of day and the sources instead of the sticky header and picker, and `data-ready` only once
// every chart has painted. The layout of a printed page lives in print.css (`html.print`).
const PRINT = new URLSearchParams(location.search).get('print') === '1';

function todayIso() {
  return new Date().toISOString().slice(0, 10);
}

/** Resolves after the browser has painted twice: charts draw on animation frames. */
function afterPaint() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

/** The report's title: what it is, the day it describes, when it was made, and the data sources. */
function reportTitle(asOf) {
  const made = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const title = h(
    'section',
    { class: 'report-title', id: 'report-title' },
    h('h1', {}, h('span', { class: 'logo' }, '≋'), ' tidewatch report'),
    h(
      'p',
      { class: 'report-asof' },
      'As of ',
      h('b', {}, asOf),
      ': each figure as it was published by the end of that day.',
    ),
    h(
      'p',
      { class: 'sub' },
      `Made ${made} UTC. Anything published after ${asOf}, revisions included, is left out.`,
    ),
  );
  // The footer names the data sources and the no-advice note: on a report they belong up front.
  const footer = document.querySelector('footer');
  if (footer) title.append(footer);
  document.body.prepend(title);
}

// One chip per source family (src/views/freshness.ts): its newest observation as of the picker
// day, stale by the one cadence rule, the last run's status; the tooltip says why.
async function renderFreshness(api) {
  const root = document.getElementById('freshness');
  root.replaceChildren();
  try {
    const view = await api.get('/api/views/freshness', { asOf: api.asOf });
    if (view.empty) {
      root.append(
        h(
          'span',
          { class: 'chip tone-bad', 'data-empty': view.empty.reason },
          `${view.empty.message} Run \`${view.empty.hint}\`.`,
        ),
      );
      return;
    }
    const why = new Map(view.data.sources.map((s) => [s.id, s.why]));
    for (const k of view.kpis) {
      const run =
        k.detail && k.detail.value !== 'ok'
          ? h(
              'span',
              { class: `run ${k.detail.tone ? `tone-${k.detail.tone}` : ''}` },
              ` · ${k.detail.label} ${k.detail.value}`,
            )
          : null;
      root.append(
        h(
          'span',
          {
            class: `chip tone-${k.tone ?? 'neutral'}`,
            'data-source': k.id,
            'data-stale': String(!!k.stale),
            title: why.get(k.id) ?? '',
          },
          `${k.label} `,
          h('b', {}, formatValue(k.value, k.format)),
          k.stale ? ' stale' : '',
          run,
        ),
      );
    }
  } catch (e) {
    root.append(h('span', { class: 'chip tone-bad' }, `freshness unavailable: ${e.message}`));
  }
}

// The panel whose chart a person looks at first: drawn alone before the others start, so its
// answer is not queued behind the heavier ones (a cold server computes them one at a time) and
// its chart is not waiting for the page's other drawing.
const FIRST = 'liquidity';

async function renderAll() {
  const asOfInput = document.getElementById('asof');
  const api = createApi(asOfInput.value || undefined);
  const main = document.getElementById('panels');
  main.replaceChildren();
  // Every panel's section in page order; then the first panel is drawn, then the rest (and the
  // freshness chips) together.
  const panels = PANELS.map((p) => {
    const section = h('section', { class: 'panel', id: `panel-${p.id}` }, h('h2', {}, p.title));
    main.append(section);
    return { section, panel: p.panel, id: p.id };
  });
  const draw = async ({ section, panel }) => {
    try {
      await panel.render(section, api);
    } catch (e) {
      section.append(h('p', { class: 'error' }, `could not render: ${e.message}`));
    }
    section.dataset.ready = '1';
  };
  await draw(panels.find((p) => p.id === FIRST));
  await Promise.all([renderFreshness(api), ...panels.filter((p) => p.id !== FIRST).map(draw)]);
  if (PRINT) await afterPaint();
  document.body.dataset.ready = '1';
}

/** Keep --header-h equal to the sticky header's height, so anchors land below it (style.css). */
function trackHeaderHeight() {
  const header = document.querySelector('header.top');
  const set = () => document.documentElement.style.setProperty('--header-h', `${header.offsetHeight}px`);
  new ResizeObserver(set).observe(header);
  set();
}

function init() {
  const asOf = document.getElementById('asof');
  const fromUrl = new URLSearchParams(location.search).get('asOf');
  asOf.value = fromUrl ?? todayIso();
  const root = document.documentElement;
  if (PRINT) {
    root.classList.add('print');
    document.title = `tidewatch report as of ${asOf.value}`;
    reportTitle(asOf.value);
    renderAll();
    return;
  }
  // The browser's own print of the live dashboard gets the same light page (charts keep their colours).
  window.addEventListener('beforeprint', () => root.classList.add('print'));
  window.addEventListener('afterprint', () => root.classList.remove('print'));
  trackHeaderHeight();
  // A traced figure opens its trace as of the page's day (web/trace.js; `#trace=` links share it).
  initTraceDrawer(() => asOf.value);
  const nav = document.getElementById('nav');
  for (const p of PANELS) nav.append(h('a', { href: `#panel-${p.id}` }, p.title));
  asOf.addEventListener('change', () => {
    const u = new URL(location.href);
    u.searchParams.set('asOf', asOf.value);
    history.replaceState(null, '', u);
    document.body.dataset.ready = '';
    renderAll();
  });
  renderAll();
}

init();
