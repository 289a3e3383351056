import { createApi, formatValue, h } from './lib.js';

// Dashboard panels, top to bottom. A panel module exports `render(root, api)`; a panel whose
// data is missing says so in place and never breaks the others. Panels are loaded on demand
// (the build splits each into its own chunk).
const PANELS = [
  { id: 'risk', title: 'Risk level', load: () => import('./panels/risk.js') },
  { id: 'liquidity', title: 'Liquidity tide', load: () => import('./panels/liquidity.js') },
  { id: 'plumbing', title: 'Plumbing', load: () => import('./panels/plumbing.js') },
  { id: 'capex', title: 'AI capex', load: () => import('./panels/capex.js') },
  { id: 'thirteenf', title: 'Famous shorts (13F)', load: () => import('./panels/thirteenf.js') },
  { id: 'markets', title: 'Markets & duration', load: () => import('./panels/markets.js') },
  { id: 'crypto', title: 'Crypto', load: () => import('./panels/crypto.js') },
  { id: 'theses', title: 'Thesis ledger', load: () => import('./panels/theses.js') },
];

function todayIso() {
  return new Date().toISOString().slice(0, 10);
}

// One chip per source family (src/views/freshness.ts): its newest observation as of the picker
// day, stale by the one cadence rule, the last run's status; the tooltip says why.
async function renderFreshness(api) {
  const root = document.getElementById('freshness');
  root.replaceChildren();
  try {
    const view = await api.get('/api/views/freshness', { asOf: api.asOf });
    if (view.empty) {
      root.append(h('span', { class: 'chip tone-bad', 'data-empty': view.empty.reason }, `${view.empty.message} Run \`${view.empty.hint}\`.`));
      return;
    }
    const why = new Map(view.data.sources.map((s) => [s.id, s.why]));
    for (const k of view.kpis) {
      const run = k.detail && k.detail.value !== 'ok' ? h('span', { class: `run ${k.detail.tone ? `tone-${k.detail.tone}` : ''}` }, ` · ${k.detail.label} ${k.detail.value}`) : null;
      root.append(
        h(
          'span',
          { class: `chip tone-${k.tone ?? 'neutral'}`, 'data-source': k.id, 'data-stale': String(!!k.stale), title: why.get(k.id) ?? '' },
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

async function renderAll() {
  const asOfInput = document.getElementById('asof');
  const api = createApi(asOfInput.value || undefined);
  await renderFreshness(api);
  const main = document.getElementById('panels');
  main.replaceChildren();
  await Promise.all(
    PANELS.map(async (p) => {
      const section = h('section', { class: 'panel', id: `panel-${p.id}` }, h('h2', {}, p.title));
      main.append(section);
      try {
        const mod = await p.load();
        await mod.render(section, api);
      } catch (e) {
        section.append(h('p', { class: 'error' }, `could not render: ${e.message}`));
      }
      section.dataset.ready = '1';
    }),
  );
  document.body.dataset.ready = '1';
}

function init() {
  const nav = document.getElementById('nav');
  for (const p of PANELS) nav.append(h('a', { href: `#panel-${p.id}` }, p.title));
  const asOf = document.getElementById('asof');
  const fromUrl = new URLSearchParams(location.search).get('asOf');
  asOf.value = fromUrl ?? todayIso();
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
