import { h } from '../lib.js';
import { renderView } from '../view.js';

// The famous-shorts scorecard (src/views/scorecard.ts, the object `tidewatch scorecard` prints),
// drawn under the thesis ledger: thesis 5 is checked on it. Curated rows are labelled curated.
export async function render(root, api) {
  const view = await api.get('/api/views/scorecard', { asOf: api.asOf });
  const box = h(
    'div',
    { class: 'scorecard', id: 'scorecard', 'data-as-of': view.asOf },
    h('h3', { class: 'sub', id: 'panel-scorecard-table' }, `${view.title}, as of ${view.asOf}`),
  );
  if (view.headline) box.append(h('p', { class: 'headline' }, view.headline));
  root.append(box);
  renderView(box, view);
}
