import { dataTable, fmtPct, fmtUsd, h, kpi, timeChart } from '../lib.js';

// "Famous shorts": the 13F watchlist. Puts are highlighted; every option row shows the reported
// notional next to a Black-Scholes premium range, because the notional is not money at risk.

const NOT_MONEY_AT_RISK =
  'A 13F option value is the notional value of the underlying shares (shares × share price): it is not the premium paid and not the money at risk. Short sales are not reported at all.';

function premiumCell(o) {
  if (!o.premium) return h('span', { class: 'empty' }, o.premiumNote ?? 'not estimated');
  const p = o.premium;
  return h(
    'span',
    { title: p.assumptions.join('\n') },
    `${fmtUsd(p.lowUsd)} – ${fmtUsd(p.highUsd)}`,
    h(
      'small',
      { class: 'sub' },
      ` (${p.points.map((x) => `${x.months} m ${fmtUsd(x.premiumUsd)}`).join(', ')})`,
    ),
  );
}

function optionsTable(options) {
  const t = dataTable(
    [
      'option',
      'shares',
      'spot (value ÷ shares)',
      'notional (reported)',
      'realised vol',
      'rate',
      'premium estimate (ATM)',
      'premium ÷ notional',
    ],
    options.map((o) => [
      `${o.putCall.toUpperCase()} ${o.ticker ?? o.issuer}`,
      o.shares.toLocaleString('en-US'),
      `$${o.impliedSpot.toFixed(2)}`,
      fmtUsd(o.notionalUsd),
      o.premium ? fmtPct(o.premium.vol.value) : '—',
      o.premium ? fmtPct(o.premium.rate.value, 2) : '—',
      premiumCell(o),
      o.premium
        ? `${fmtPct(o.premium.points[0]?.ofNotional)} – ${fmtPct(o.premium.points[o.premium.points.length - 1]?.ofNotional)}`
        : '—',
    ]),
    [1, 2, 3, 4, 5, 7],
  );
  t.classList.add('options');
  options.forEach((o, i) => {
    if (o.putCall === 'Put') t.tBodies[0].rows[i].classList.add('put-row');
  });
  return t;
}

/** Every premium's assumptions, next to it (the same method everywhere: the server's PREMIUM_METHOD). */
function assumptions(options) {
  const priced = options.filter((o) => o.premium);
  if (!priced.length) return null;
  return h(
    'ul',
    { class: 'sub assumptions' },
    priced.map((o) =>
      h('li', {}, `${o.putCall} ${o.ticker ?? o.issuer}: ${o.premium.assumptions.join('; ')}`),
    ),
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
    if (p.putCall === 'Put') t.tBodies[0].rows[i].classList.add('put-row');
  });
  return t;
}

function latestFiling(latest) {
  return dataTable(
    ['accession', 'form', 'filed', 'role in the quarter', 'values in', 'unit decided by'],
    latest.filings.map((f) => [
      f.accession,
      f.form,
      f.filed ?? `— (counted from ${f.knownFrom})`,
      `${f.action}: ${f.reason}`,
      f.unit === 'usd_thousands' ? 'US$ thousands' : 'US$',
      h('span', { title: f.unitDetail }, f.unitRule),
    ]),
  );
}

function putBook(e) {
  const wrap = h('div', {});
  const chartEl = h('div', { class: 'chart small', id: `chart-putbook-${e.cik}` });
  wrap.append(chartEl);
  const chart = timeChart(
    chartEl,
    [
      {
        name: 'put notional (reported, not money at risk)',
        type: 'histogram',
        color: '#e06c5f',
        points: e.putHistory.map((p) => ({ time: p.period, value: p.putNotionalUsd })),
      },
      {
        name: 'total reported',
        markersOnly: true,
        color: '#8b98a5',
        points: e.putHistory.map((p) => ({ time: p.period, value: p.totalUsd })),
      },
    ],
    { priceFormatter: fmtUsd },
  );
  // A handful of quarterly bars: fit again once the panel has its width (autoSize is async).
  requestAnimationFrame(() => chart.timeScale().fitContent());
  wrap.append(
    dataTable(
      ['period', 'put notional', 'call notional', 'total reported', 'puts share'],
      e.putHistory.map((p) => [
        p.period,
        fmtUsd(p.putNotionalUsd),
        fmtUsd(p.callNotionalUsd),
        fmtUsd(p.totalUsd),
        fmtPct(p.totalUsd > 0 ? p.putNotionalUsd / p.totalUsd : null),
      ]),
      [1, 2, 3, 4],
    ),
  );
  return wrap;
}

function thesis5(t5) {
  const box = h('div', { class: 'thesis5' });
  box.append(
    h(
      'p',
      { class: 'sub' },
      h('span', { class: 'badge curated' }, 'curated'),
      ` Thesis 5: the PLTR puts (period ${t5.periodEnd}, public ${t5.knownFrom}) cost about ${fmtUsd(t5.quotedPremiumUsd)} against ~${fmtUsd(t5.quotedNotionalUsd)} reported notional (${fmtPct(t5.quotedPremiumUsd / t5.quotedNotionalUsd)}). Source: ${t5.source}.`,
    ),
  );
  if (t5.premium) {
    const p = t5.premium;
    box.append(
      h(
        'p',
        { class: 'sub' },
        `At the money the same notional would have cost ${fmtUsd(p.lowUsd)} – ${fmtUsd(p.highUsd)} (${p.points.map((x) => `${x.months} m ${fmtUsd(x.premiumUsd)}`).join(', ')}).`,
      ),
      h(
        'ul',
        { class: 'sub assumptions' },
        p.assumptions.map((a) => h('li', {}, a)),
      ),
    );
  } else {
    box.append(h('p', { class: 'empty' }, t5.premiumNote ?? 'premium not estimated'));
  }
  return box;
}

export async function render(root, api) {
  root.append(h('p', { class: 'sub' }, `Quarterly 13F holdings of watched filers. ${NOT_MONEY_AT_RISK}`));
  // As of the page's date: only filings (and amendments) filed by then, prices up to then.
  const w = await api.get('/api/13f/watchlist', api.asOf ? { asOf: api.asOf } : {});
  root.append(h('p', { class: 'sub as-of' }, `As of ${w.asOf}: filings filed by that day.`));
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
        h(
          'p',
          { class: 'empty' },
          `No 13F of this filer was public by ${w.asOf}. Run \`tidewatch update --source sec\` or pick a later date.`,
        ),
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
    box.append(h('h4', {}, `Latest filing (period ${e.latest.period})`), latestFiling(e.latest));
    if (e.options.length) {
      box.append(h('h4', {}, 'Puts and calls: reported notional vs estimated premium'));
      box.append(h('p', { class: 'sub caveat' }, NOT_MONEY_AT_RISK));
      box.append(optionsTable(e.options));
      const a = assumptions(e.options);
      if (a) box.append(h('p', { class: 'sub' }, 'Premium estimate, assumptions:'), a);
    }
    const peak = e.peakPutBook;
    if (peak?.options.length) {
      box.append(
        h('h4', {}, `Largest put book on file: ${peak.period} (${fmtUsd(peak.putNotionalUsd)} notional)`),
        optionsTable(peak.options),
      );
      const a = assumptions(peak.options);
      if (a) box.append(h('p', { class: 'sub' }, 'Premium estimate, assumptions:'), a);
    }
    if (e.putHistory.length) {
      box.append(h('h4', {}, 'Put book by quarter (reported notional)'), putBook(e));
    }
    box.append(h('h4', {}, `Holdings ${e.latest.period}`), holdingsTable(e.latest));
    root.append(box);
  }
  if (w.thesis5) root.append(thesis5(w.thesis5));
}
