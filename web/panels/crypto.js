import { formatValue } from '../../src/core/format.ts';
import { h } from '../lib.js';
import { renderView } from '../view.js';

// "Crypto": BTC stress with the ~$126k → ~$60k check measured both ways (src/views/crypto.ts, the
// view `tidewatch crypto` prints) and the liquidation-cascade what-if (src/views/cascade.ts,
// `tidewatch cascade`). The panel adds only the shock picker.

const SHOCKS = [-0.05, -0.1, -0.15, -0.2, -0.3];
const DEFAULT_SHOCK = -0.1;

async function drawCascade(box, api, shock) {
  box.replaceChildren(h('p', { class: 'sub' }, 'simulating…'));
  try {
    const view = await api.get('/api/views/cascade', { asOf: api.asOf, shock });
    box.replaceChildren();
    if (view.headline) box.append(h('p', { class: 'sub headline' }, view.headline));
    renderView(box, view);
    if (view.data) box.dataset.final = String(view.data.result.finalPrice);
  } catch (e) {
    box.replaceChildren(h('p', { class: 'error' }, `cascade: ${e.message}`));
  }
}

export async function render(root, api) {
  // The default what-if is asked for with the stress view, not after it is drawn.
  api.get('/api/views/cascade', { asOf: api.asOf, shock: String(DEFAULT_SHOCK) });
  const stress = h('div', { id: 'crypto-stress' });
  root.append(stress);
  try {
    const view = await api.get('/api/views/crypto', { asOf: api.asOf });
    if (view.headline) stress.append(h('p', { class: 'sub headline', id: 'btc-claim' }, view.headline));
    renderView(stress, view);
    if (view.empty) return;
  } catch (e) {
    stress.append(h('p', { class: 'error' }, `BTC stress: ${e.message}`));
    return;
  }
  const box = h('div', { id: 'cascade-result' });
  const shock = h(
    'select',
    { id: 'cascade-shock' },
    SHOCKS.map((v) =>
      h(
        'option',
        { value: String(v), ...(v === DEFAULT_SHOCK ? { selected: 'selected' } : {}) },
        formatValue(v, 'fraction-change', { digits: 0 }),
      ),
    ),
  );
  shock.addEventListener('change', () => drawCascade(box, api, shock.value));
  root.append(
    h('h3', {}, 'Liquidation cascade (what-if)'),
    h('label', { class: 'sub' }, 'Shock ', shock),
    box,
  );
  await drawCascade(box, api, shock.value);
}
