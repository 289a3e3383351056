import { h } from '../lib.js';
import { renderView } from '../view.js';

// AI capex: the view `tidewatch capex` prints (src/views/capex.ts) — capex against operating-income
// growth per company and for the hyperscalers together, the gap in pp with the burst flag, the
// curated token-demand and market-event tables (labelled curated).
export async function render(root, api) {
  const view = await api.get('/api/views/capex', { asOf: api.asOf });
  if (view.headline) root.append(h('p', { class: 'sub headline' }, view.headline));
  renderView(root, view);
}
