import { dataTable, fmtNum, fmtPct, fmtUsd, h } from '../lib.js';

// The famous-shorts scorecard that thesis 5 is checked on, drawn under the thesis ledger
// (web/panels/theses.js calls it): as known on the page's date (episodes, filings, prices and
// outcomes by then). Moved out of theses.js unchanged; its view-model version is /work/v13f's.
export async function render(root, api) {
  const sc = await api.get('/api/scorecard', api.asOf ? { asOf: api.asOf } : {});
  const rows = sc.episodes.map((s) => {
    const r = s.references[0];
    const put6 = r?.puts.find((p) => p.tenorMonths === 6);
    const pv = s.episode.provenance;
    const sources = [
      `narrative: ${pv.narrative.kind} — ${pv.narrative.source}`,
      pv.reportedNotionalUsd
        ? `notional: ${pv.reportedNotionalUsd.kind} — ${pv.reportedNotionalUsd.source}`
        : null,
      pv.filedDate ? `filing date: ${pv.filedDate.kind} — ${pv.filedDate.source}` : null,
      r?.premium ? `premium: ${r.premium.assumptions.join('; ')}` : null,
    ].filter(Boolean);
    return [
      s.episode.underlying,
      s.episode.origin === 'filing' ? '13F' : h('span', { class: 'badge curated' }, s.episode.origin),
      s.episode.class,
      s.episode.priceSymbol || '—',
      s.episode.periodEnd,
      fmtUsd(s.episode.reportedNotionalUsd),
      fmtPct(r?.moves['3']),
      fmtPct(r?.moves['6']),
      fmtPct(r?.moves['12']),
      fmtPct(r?.maxAdverseExcursion),
      put6?.outcome === null || put6 === undefined ? '—' : fmtNum(put6.outcome, 2),
      s.win === null ? (s.status === 'scored' ? 'pending' : s.status) : s.win ? 'win' : 'loss',
      s.reportedOutcomeKnown ? s.episode.reportedOutcome : '—',
      h('span', { title: sources.join('\n') }, 'sources'),
    ];
  });
  root.append(
    h(
      'div',
      { class: 'scorecard', id: 'scorecard' },
      h(
        'h3',
        { class: 'sub', id: 'panel-scorecard-table' },
        `Famous-shorts scorecard (thesis 5), as of ${sc.asOf}`,
      ),
      h(
        'div',
        { class: 'table-wrap' },
        dataTable(
          [
            'underlying',
            'origin',
            'class',
            'symbol',
            'period end',
            'notional',
            '3m',
            '6m',
            '12m',
            'MAE',
            '6m put',
            'estimate',
            'reported',
            '',
          ],
          rows,
          [5, 6, 7, 8, 9, 10],
        ),
      ),
      dataTable(
        ['class', 'episodes', 'scored', 'wins', 'win rate', 'mean put outcome', 'reported wins'],
        sc.summary.map((c) => [
          c.class,
          c.episodes,
          c.scored,
          c.wins,
          fmtPct(c.winRate, 0),
          fmtNum(c.meanPutOutcome, 2),
          `${c.reportedWins}/${c.reportedKnown}`,
        ]),
        [1, 2, 3, 4, 5],
      ),
      h('p', { class: 'sub' }, sc.assumptions),
    ),
  );
}
