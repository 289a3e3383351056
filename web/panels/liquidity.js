import { h } from '../lib.js';
import { renderView } from '../view.js';

// The liquidity view (src/views/liquidity.ts, the same object `tidewatch liquidity` prints), with a
// toggle for the TGA basis: the H.4.1 week average (default) or the DTS Wednesday close.
export async function render(root, api) {
  const toggle = h('div', { class: 'toggle', id: 'liquidity-tga-basis', role: 'group' });
  const body = h('div', {});
  root.append(
    h(
      'p',
      { class: 'sub' },
      'Net liquidity = Fed total assets (WALCL, a Wednesday level) − TGA − overnight reverse repo (RRPONTSYD). Each weekly point is as known on that Friday; weeks whose data is stale have no point.',
    ),
    toggle,
    body,
  );

  async function draw(tga) {
    const view = await api.get('/api/views/liquidity', { asOf: api.asOf, tga });
    toggle.replaceChildren(
      h('span', { class: 'sub' }, 'TGA basis: '),
      ...view.data.bases.map(({ id: b, label }) => {
        const btn = h(
          'button',
          { type: 'button', 'data-basis': b, 'aria-pressed': String(b === tga) },
          label,
        );
        btn.addEventListener('click', () => {
          if (b !== tga) draw(b);
        });
        return btn;
      }),
    );
    body.replaceChildren();
    renderView(body, view);
    body.querySelector('#chart-net-liquidity')?.setAttribute('data-tga', tga);
    root.dataset.tga = tga;
    root.dataset.drawn = tga;
  }

  await draw('h41');
}
