import { dataTable, fmtPct, fmtUsd, h, kpi } from '../lib.js';

// "Famous shorts": the 13F watchlist. Puts are highlighted; every option row shows the reported
// notional next to a premium estimate, because the notional is not money at risk.

function premiumCell(o) {
  if (!o.premium) return h('span', { class: 'empty' }, o.premiumNote ?? 'not estimated');
  const p = o.premium;
  return h(
    'span',
    { title: p.assumptions.join('\n') },
    `${fmtUsd(p.lowUsd)} – ${fmtUsd(p.highUsd)}`,
    h('small', { class: 'sub' }, ` (ATM, ${p.points.map((x) => x.months).join('/')} m)`),
  );
}

function holdingsTable(latest) {
  const total = latest.exposure.totalUsd;
  const rows = latest.positions.map((p) => {
    const name = p.ticker ? `${p.ticker} — ${p.issuer}` : p.issuer;
    const kind = p.putCall
      ? h('span', { class: `badge ${p.putCall === 'Put' ? 'refuted' : 'mixed'}` }, p.putCall.toUpperCase())
      : 'shares';
    return [
      name,
      kind,
      p.shares.toLocaleString('en-US'),
      fmtUsd(p.valueUsd),
      fmtPct(total > 0 ? p.valueUsd / total : null),
    ];
  });
  const t = dataTable(['position', 'type', 'shares', 'value / notional', 'weight'], rows, [2, 3, 4]);
  latest.positions.forEach((p, i) => {
    if (p.putCall === 'Put') {
      const tr = t.tBodies[0].rows[i];
      tr.classList.add('put-row');
      tr.setAttribute('style', 'background:#42211e66');
    }
  });
  return t;
}

export async function render(root, api) {
  root.append(
    h(
      'p',
      { class: 'sub' },
      'Quarterly 13F holdings of watched filers. Option rows report the notional value of the underlying shares, not the premium paid and not money at risk; short sales are not reported at all.',
    ),
  );
  const w = await api.get('/api/13f/watchlist');
  if (!w.entries.length) {
    root.append(h('p', { class: 'empty' }, 'Watchlist is empty: `tidewatch 13f watchlist --add CIK`.'));
    return;
  }
  for (const e of w.entries) {
    const box = h(
      'div',
      { class: 'watch', id: `watch-${e.cik}` },
      h('h3', {}, `${e.name} (CIK ${e.cik})`),
      h('p', { class: 'sub' }, e.note),
    );
    const missing = e.coverage.missing.length > 0;
    box.append(h('p', { class: missing ? 'error data-missing' : 'sub' }, e.coverage.message));
    if (!e.latest) {
      box.append(
        h('p', { class: 'empty' }, 'No 13F stored for this filer. Run `tidewatch update --source sec`.'),
      );
      root.append(box);
      continue;
    }
    const x = e.latest.exposure;
    box.append(
      h(
        'div',
        { class: 'kpis' },
        kpi(`Reported total (${e.latest.period})`, fmtUsd(x.totalUsd)),
        kpi('Put notional', fmtUsd(x.putNotionalUsd), fmtPct(x.putShare)),
        kpi('Call notional', fmtUsd(x.callNotionalUsd)),
        kpi(`Top ${e.latest.concentration.n} share`, fmtPct(e.latest.concentration.share)),
      ),
    );
    if (e.options.length) {
      box.append(h('h4', {}, 'Options: reported notional vs estimated premium'));
      box.append(
        dataTable(
          ['option', 'shares', 'notional (reported)', 'premium estimate'],
          e.options.map((o) => [
            `${o.putCall.toUpperCase()} ${o.ticker ?? o.issuer}`,
            o.shares.toLocaleString('en-US'),
            fmtUsd(o.notionalUsd),
            premiumCell(o),
          ]),
          [1, 2],
        ),
      );
    }
    box.append(h('h4', {}, `Holdings ${e.latest.period}`), holdingsTable(e.latest));
    if (e.putHistory.length) {
      box.append(h('h4', {}, 'Put book by quarter'));
      box.append(
        dataTable(
          ['period', 'put notional', 'call notional', 'total reported'],
          e.putHistory.map((p) => [
            p.period,
            fmtUsd(p.putNotionalUsd),
            fmtUsd(p.callNotionalUsd),
            fmtUsd(p.totalUsd),
          ]),
          [1, 2, 3],
        ),
      );
    }
    root.append(box);
  }
  const t5 = w.thesis5;
  root.append(
    h(
      'p',
      { class: 'sub thesis5' },
      `Thesis 5: the PLTR puts cost about ${fmtUsd(t5.premiumUsd)} against ~${fmtUsd(t5.notionalUsd)} reported notional (${fmtPct(t5.premiumUsd / t5.notionalUsd)}). Source: ${t5.source}.`,
    ),
  );
}
