import { dataTable, fmtUsd, h, kpi, timeChart } from '../lib.js';

const NAMES = {
  WALCL: 'Fed total assets',
  WTREGEN: 'TGA (H.4.1 week average)',
  'DTS:TGA_CLOSE': 'TGA (DTS Wednesday close)',
  RRPONTSYD: 'Overnight reverse repo',
};
const BASIS_LABEL = { h41: 'H.4.1 week average (WTREGEN)', dts: 'Wednesday close (Daily Treasury Statement)' };

// Net liquidity, as `tidewatch liquidity` and /api/liquidity compute it (indicators/liquidity.ts),
// with a toggle for the TGA basis: the H.4.1 week average (default) or the DTS Wednesday close.
export async function render(root, api) {
  const intro = h('p', { class: 'sub' });
  const toggle = h('div', { class: 'toggle', id: 'liquidity-tga-basis', role: 'group' });
  const body = h('div', {});
  root.append(intro, toggle, body);

  async function draw(tga) {
    const { points, tgaBasis } = await api.get('/api/liquidity/history', { to: api.asOf, tga });
    // Only ask for the level when there is data (a 404 would be logged by the browser as an error).
    const nl = points.length ? await api.get('/api/liquidity', { asOf: api.asOf, tga }).catch(() => null) : null;
    toggle.replaceChildren(
      h('span', { class: 'sub' }, 'TGA basis: '),
      ...['h41', 'dts'].map((b) => {
        const btn = h('button', { type: 'button', 'data-basis': b, 'aria-pressed': String(b === tga) }, BASIS_LABEL[b]);
        btn.addEventListener('click', () => {
          if (b !== tga) draw(b);
        });
        return btn;
      }),
    );
    intro.textContent = `Net liquidity = Fed total assets (WALCL, a Wednesday level) − TGA − overnight reverse repo (RRPONTSYD). Each weekly point is as known on that Friday; weeks whose data is stale have no point. ${tgaBasis.describe}.${
      tgaBasis.largestGap ? ` Largest gap between the two bases: ${fmtUsd(tgaBasis.largestGap.gapUsd)} (week of ${tgaBasis.largestGap.week}).` : ''
    }`;
    body.replaceChildren();
    root.dataset.tga = tga;
    if (!points.length || !nl) {
      body.append(
        h(
          'p',
          { class: 'empty', id: 'chart-net-liquidity' },
          tga === 'dts'
            ? 'No net liquidity on the DTS basis: it needs the Daily Treasury Statement TGA (tidewatch import treasury FILE).'
            : 'No liquidity data stored yet. Run `tidewatch update --source fred` (or import FRED CSVs).',
        ),
      );
      root.dataset.drawn = tga;
      return;
    }
    if (nl.stale) {
      const old = nl.components.filter((c) => c.stale).map((c) => `${c.id} ${c.date}`);
      body.append(h('p', { class: 'stale' }, `Stale on ${nl.asOf}: ${old.join(', ')} — too old for their cadence, so this is not the current level; run \`tidewatch update\` (changes are not shown).`));
    }
    body.append(
      h(
        'div',
        { class: 'kpis' },
        kpi(`Net liquidity (as known ${nl.asOf}; TGA ${tga})`, fmtUsd(nl.netLiquidityUsd)),
        kpi('4-week change', fmtUsd(nl.change4wUsd)),
        kpi('13-week change', fmtUsd(nl.change13wUsd)),
      ),
    );
    const main = h('div', { class: 'chart', id: 'chart-net-liquidity', 'data-tga': tga });
    body.append(h('p', { class: 'sub caption' }, `Net liquidity (US$ T), TGA basis: ${BASIS_LABEL[tga]}`), main);
    const t = (key) => points.map((p) => ({ time: p.date, value: p[key] / 1e12 }));
    timeChart(main, [{ name: `Net liquidity, TGA ${tga} (US$ T)`, points: t('netLiquidityUsd'), type: 'area' }], {
      priceFormatter: (v) => `$${v.toFixed(2)}T`,
    });
    const comps = h('div', { class: 'chart small', id: 'chart-liquidity-components' });
    body.append(h('h3', { class: 'sub' }, 'Components (US$ trillions)'), comps);
    timeChart(
      comps,
      [
        { name: 'Fed total assets', points: t('fedAssetsUsd') },
        { name: `TGA (${tga})`, points: t('tgaUsd') },
        { name: 'ON RRP', points: t('rrpUsd') },
      ],
      { priceFormatter: (v) => `$${v.toFixed(2)}T` },
    );
    body.append(
      dataTable(
        ['component', 'series', 'value', 'observation date', 'published', 'stale', 'note'],
        nl.components.map((c) => [
          NAMES[c.id] ?? c.id,
          c.id,
          fmtUsd(c.valueUsd),
          c.date,
          c.knownFrom,
          c.stale ? 'STALE' : 'no',
          c.note ?? '',
        ]),
        [2],
      ),
    );
    if (nl.tgaBasis.gapUsd !== null) {
      body.append(
        h('p', { class: 'sub' }, `Week of ${nl.tgaBasis.gapWeek}: DTS Wednesday close − WTREGEN week average = ${fmtUsd(nl.tgaBasis.gapUsd)}.`),
      );
    }
    root.dataset.drawn = tga;
  }

  await draw('h41');
}
