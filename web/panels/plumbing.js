import { h } from '../lib.js';
import { renderView } from '../view.js';

// The plumbing view (src/views/plumbing.ts, the same object `tidewatch plumbing` prints): reserves
// against thesis 1's lines, the repo spread around zero, TGA and ON RRP, the bathtub stack (each
// layer labelled with its own value) and the stress score, then the indicator table.
export async function render(root, api) {
  const view = await api.get('/api/views/plumbing', { asOf: api.asOf });
  if (view.headline) root.append(h('p', { class: 'sub headline' }, view.headline));
  renderView(root, view);
  root.dataset.asOf = view.asOf;
}
