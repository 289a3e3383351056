import { h } from '../lib.js';
import { renderView } from '../view.js';

// The risk view (src/views/risk.ts, the same object `tidewatch risk` prints): the level of the
// as-of week with the rules that fired, the level of every week (one colour per level, named in
// the legend) under the S&P 500, what followed each level, the runs and the rule table.
export async function render(root, api) {
  const view = await api.get('/api/views/risk', { asOf: api.asOf });
  if (view.headline) root.append(h('p', { class: 'sub headline' }, view.headline));
  renderView(root, view);
  root.dataset.asOf = view.asOf;
}
