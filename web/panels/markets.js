import { h } from '../lib.js';
import { renderChart, renderKpis, renderNotes, renderTable, renderView } from '../view.js';

// "Markets & duration": one symbol's merged adjusted closes (src/views/prices.ts, the view
// `tidewatch prices show` prints) and the duration sort with its scatter (src/views/duration.ts,
// `tidewatch duration`). The panel adds only the symbol picker; the long table of every close
// stays in the CLI/CSV/JSON (the chart draws it here).

const DEFAULT_SYMBOL = 'NVDA';

async function drawPrices(box, api, symbol) {
  box.replaceChildren();
  let view;
  try {
    view = await api.get('/api/views/prices', { asOf: api.asOf, symbol });
  } catch (e) {
    box.append(h('p', { class: 'error' }, `${symbol}: ${e.message}`));
    return;
  }
  if (view.empty) return renderView(box, view);
  if (view.headline) box.append(h('p', { class: 'sub headline' }, view.headline));
  box.append(renderKpis(view.kpis));
  for (const c of view.charts) renderChart(c, { mount: box, small: c !== view.charts[0] });
  for (const t of view.tables.filter((t) => t.id !== 'closes')) box.append(renderTable(t));
  box.append(...renderNotes(view.notes));
  box.dataset.symbol = symbol;
}

export async function render(root, api) {
  // Asked for at once, drawn after the price chart: the duration answer does not wait for it.
  const duration = api.get('/api/views/duration', { asOf: api.asOf });
  // The default symbol's closes are asked for with the list of symbols, not after it (an answer
  // for a symbol not stored is never drawn).
  api.get('/api/views/prices', { asOf: api.asOf, symbol: DEFAULT_SYMBOL });
  const priceBox = h('div', { id: 'markets-prices' });
  let sources;
  try {
    sources = await api.get('/api/prices', { asOf: api.asOf });
  } catch (e) {
    // A failed read is said as such, never shown as "no prices".
    root.append(h('p', { class: 'error' }, `prices: ${e.message}`));
  }
  const symbols = [...new Set((sources ?? []).map((s) => s.symbol))].sort();
  if (sources && !symbols.length) {
    root.append(
      h(
        'p',
        { class: 'empty', 'data-empty': 'nothing-stored' },
        `No prices dated by ${api.asOf ?? 'today'}. Run \`tidewatch import prices --shared\` (real files) or \`tidewatch update --source prices\`.`,
      ),
    );
  } else if (sources) {
    const first = symbols.includes(DEFAULT_SYMBOL) ? DEFAULT_SYMBOL : symbols[0];
    const picker = h(
      'select',
      { id: 'markets-symbol' },
      symbols.map((s) => h('option', { value: s, ...(s === first ? { selected: 'selected' } : {}) }, s)),
    );
    picker.addEventListener('change', () => drawPrices(priceBox, api, picker.value));
    root.append(h('label', { class: 'sub' }, 'Symbol ', picker), priceBox);
    await drawPrices(priceBox, api, first);
  }

  const box = h('div', { id: 'duration' });
  root.append(h('h3', {}, 'Duration sort (thesis 3)'), box);
  try {
    const view = await duration;
    if (view.headline) box.append(h('p', { class: 'sub headline', id: 'thesis3' }, view.headline));
    renderView(box, view);
  } catch (e) {
    box.append(h('p', { class: 'error' }, `duration sort: ${e.message}`));
  }
}
