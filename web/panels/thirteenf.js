import { h } from '../lib.js';
import { renderView } from '../view.js';

// "Famous shorts": the 13F watchlist view (src/views/thirteenf-watchlist.ts, the same object
// `tidewatch 13f watchlist` prints): coverage, the latest book, puts and calls with the reported
// notional next to the premium estimate and its assumptions, the put book by quarter, thesis 5.
export async function render(root, api) {
  const view = await api.get('/api/views/watchlist', { asOf: api.asOf });
  const body = h('div', { class: 'view', 'data-view': view.id });
  if (view.headline) root.append(h('p', { class: 'headline' }, view.headline));
  root.append(body);
  renderView(body, view);
  root.dataset.drawn = view.asOf;
}
