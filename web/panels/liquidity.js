import { dataTable, fmtUsd, h, kpi, timeChart } from '../lib.js';

const NAMES = { WALCL: 'Fed total assets', WTREGEN: 'Treasury General Account', RRPONTSYD: 'Overnight reverse repo' };

export async function render(root, api) {
  root.append(h('p', { class: 'sub' }, 'Net liquidity = Fed total assets (WALCL) − Treasury General Account (WTREGEN) − overnight reverse repo (RRPONTSYD). Each weekly point uses only what was published by that Thursday.'));
  const { points } = await api.get('/api/liquidity/history', { to: api.asOf });
  if (!points.length) {
    root.append(h('p', { class: 'empty' }, 'No liquidity data stored yet. Run `tidewatch update --source fred` (or import FRED CSVs).'));
    return;
  }
  const nl = await api.get('/api/liquidity', { asOf: api.asOf });
  if (nl.stale) {
    root.append(h('p', { class: 'stale' }, `Latest stored observations: Fed assets ${nl.fedAssetsDate}, TGA ${nl.tgaDate}, ON RRP ${nl.rrpDate} — older than the as-of day ${nl.asOf}; run \`tidewatch update\` (changes are not shown for stale data).`));
  }
  root.append(
    h(
      'div',
      { class: 'kpis' },
      kpi(`Net liquidity (as known ${nl.asOf})`, fmtUsd(nl.netLiquidityUsd)),
      kpi('4-week change', fmtUsd(nl.change4wUsd)),
      kpi('13-week change', fmtUsd(nl.change13wUsd)),
    ),
  );
  const main = h('div', { class: 'chart', id: 'chart-net-liquidity' });
  root.append(main);
  const t = (key) => points.map((p) => ({ time: p.date, value: p[key] / 1e12 }));
  timeChart(main, [{ name: 'Net liquidity (US$ T)', points: t('netLiquidityUsd'), type: 'area' }], { priceFormatter: (v) => `$${v.toFixed(2)}T` });
  const comps = h('div', { class: 'chart small', id: 'chart-liquidity-components' });
  root.append(h('h3', { class: 'sub' }, 'Components (US$ trillions)'), comps);
  timeChart(
    comps,
    [
      { name: 'Fed total assets', points: t('fedAssetsUsd') },
      { name: 'TGA', points: t('tgaUsd') },
      { name: 'ON RRP', points: t('rrpUsd') },
    ],
    { priceFormatter: (v) => `$${v.toFixed(2)}T` },
  );
  root.append(
    dataTable(
      ['component', 'series', 'value', 'observation date', 'published', 'note'],
      nl.components.map((c) => [NAMES[c.id] ?? c.id, c.id, fmtUsd(c.valueUsd), c.date, c.knownFrom, c.note ?? '']),
      [2],
    ),
  );
}
