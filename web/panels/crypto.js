import { dataTable, fmtNum, fmtPct, fmtUsd, h, kpi, timeChart } from '../lib.js';

// "Crypto": BTC with its drawdown from the peak, funding, the ~$126k → ~$60k check and a
// liquidation-cascade what-if (calibrated on 2025-10-10).

async function renderCascade(box, api, shock) {
  box.replaceChildren(h('p', { class: 'sub' }, 'simulating…'));
  try {
    const r = await api.get('/api/cascade', { shock, asOf: api.asOf });
    box.replaceChildren(
      h(
        'p',
        { class: 'sub' },
        `As of ${r.asOf}: start ${fmtNum(r.startPrice)} (close ${r.startDate}), shock ${fmtPct(r.shock)} → final ${fmtNum(r.result.finalPrice)} (${fmtPct(r.result.finalMove)}); liquidated ${fmtUsd(r.result.liquidatedUsd)} in ${r.result.rounds} rounds. ${r.calibrationNote}. Open interest ${fmtUsd(r.book.openInterestUsd)} (${r.openInterestBasis}), ${fmtPct(r.book.longShare, 0)} long; funding known then: ${r.funding ? `${(r.funding.value * 100).toFixed(4)}% per 8h (${r.funding.date.slice(0, 10)})` : 'none stored'}.`,
      ),
      dataTable(
        ['round', 'price', 'longs liquidated', 'shorts liquidated'],
        r.result.path.map((s) => [
          s.round,
          fmtNum(s.price),
          fmtUsd(s.liquidatedLongUsd),
          fmtUsd(s.liquidatedShortUsd),
        ]),
        [0, 1, 2, 3],
      ),
    );
    box.dataset.final = String(r.result.finalPrice);
  } catch (e) {
    box.replaceChildren(h('p', { class: 'error' }, `cascade: ${e.message}`));
  }
}

export async function render(root, api) {
  let j;
  try {
    j = await api.get('/api/crypto', { asOf: api.asOf });
  } catch (e) {
    root.append(
      h(
        'p',
        { class: 'empty' },
        `No BTC data: ${e.message}. Run \`tidewatch import crypto ../shared/data/crypto\`.`,
      ),
    );
    return;
  }
  const s = j.stress;
  if (!s.last) {
    root.append(
      h(
        'p',
        { class: 'empty' },
        'No BTC prices stored yet. Run `tidewatch import crypto ../shared/data/crypto`.',
      ),
    );
    return;
  }
  root.append(
    h(
      'div',
      { class: 'kpis' },
      kpi(`BTC (${s.last.date})`, fmtNum(s.last.value, 0)),
      kpi(`From peak ${s.drawdown?.peakDate ?? ''}`, fmtPct(s.currentDrawdown)),
      kpi('Realised vol 30d', fmtPct(s.realisedVol30)),
      kpi('Funding, 30d annualised', fmtPct(s.fundingAnnualised30d)),
    ),
    h(
      'p',
      { class: `verdict ${s.claim.status.replace(/ /g, '-')}`, id: 'btc-claim' },
      `“BTC fell from ~$126k (Oct 2025) to ~$60k” (as of ${s.asOf}): ${s.claim.status.toUpperCase()} — ${s.claim.statement}`,
    ),
  );
  const falls = [
    ['from the intraday high', s.claim.fall.fromIntradayHigh],
    ['close-to-close', s.claim.fall.closeToClose],
  ].filter(([, f]) => f);
  if (falls.length)
    root.append(
      dataTable(
        ['fall', 'peak', 'peak date', 'lowest close after it', 'date', 'depth'],
        falls.map(([label, f]) => [
          label,
          `${fmtNum(f.peak, 0)} (${f.peakSource})`,
          f.peakDate,
          `${fmtNum(f.trough, 0)} (${f.troughSource})`,
          f.troughDate,
          fmtPct(f.depth),
        ]),
        [5],
      ),
    );
  const price = h('div', { class: 'chart', id: 'chart-btc' });
  root.append(price);
  timeChart(
    price,
    [{ name: 'BTC (USD, merged sources)', points: j.closes.map((p) => ({ time: p.date, value: p.value })) }],
    { priceFormatter: (v) => `$${Math.round(v).toLocaleString('en-US')}` },
  );
  const dd = h('div', { class: 'chart small', id: 'chart-btc-drawdown' });
  root.append(dd);
  timeChart(
    dd,
    [
      {
        name: 'BTC drawdown from peak',
        type: 'area',
        color: '#e06c5f',
        points: j.drawdown.map((p) => ({ time: p.date, value: p.value * 100 })),
      },
    ],
    { priceFormatter: (v) => `${v.toFixed(0)}%` },
  );
  if (j.funding.length) {
    const f = h('div', { class: 'chart small', id: 'chart-btc-funding' });
    root.append(f);
    timeChart(
      f,
      [
        {
          name: 'Funding per 8h (%, daily mean)',
          type: 'histogram',
          points: j.funding.map((p) => ({ time: p.date, value: p.value * 100 })),
          zeroLine: true,
        },
      ],
      { priceFormatter: (v) => `${v.toFixed(3)}%` },
    );
  }
  const shock = h('select', { id: 'cascade-shock' });
  for (const v of [-0.05, -0.1, -0.15, -0.2])
    shock.append(
      h('option', { value: String(v), ...(v === -0.1 ? { selected: 'selected' } : {}) }, fmtPct(v, 0)),
    );
  const box = h('div', { id: 'cascade-result' });
  shock.addEventListener('change', () => renderCascade(box, api, shock.value));
  root.append(
    h('h3', { class: 'sub' }, 'Liquidation cascade what-if'),
    h('label', { class: 'sub' }, 'Shock ', shock),
    box,
  );
  await renderCascade(box, api, shock.value);
}
