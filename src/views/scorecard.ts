import type { FigureSource } from '../analytics/scorecard/episodes.js';
import { loadScorecard, type Scorecard } from '../analytics/scorecard/report.js';
import { type ClassSummary, type ScoredEpisode, VERDICT_TENOR } from '../analytics/scorecard/score.js';
import type { Store } from '../store/store.js';
import { cells, col, columns, tableOf } from './columns.js';
import { emptyView, type Kpi, type Row, type Table, type View } from './model.js';
import { premiumCells, premiumColumns } from './thirteenf-common.js';

/**
 * The famous-shorts scorecard (thesis 5) as a view: every short episode public by the as-of day —
 * curated rows and put positions from stored 13F filings — with the underlying's moves, the one
 * premium estimate and the put's outcome, the win rate per class, and where every figure comes
 * from (curated rows are labelled curated with their citation). `tidewatch scorecard`,
 * `/api/views/scorecard` and the dashboard's scorecard (under the thesis ledger) render it.
 */

const ORIGIN: Record<ScoredEpisode['episode']['origin'], string> = {
  curated: 'curated',
  filing: '13F filing',
  'curated+filing': 'curated + 13F filing',
};

const basis = (s: FigureSource | null | undefined) =>
  s ? (s.kind === 'filing' ? '13F filing' : 'curated') : '';

function verdict(s: ScoredEpisode): string {
  if (s.win !== null) return s.win ? 'win' : 'loss';
  if (s.status === 'scored') return 'pending';
  return s.status === 'no-prices' ? 'no prices' : 'no listed underlying';
}

function episodeRow(s: ScoredEpisode): Row {
  const e = s.episode;
  const r = s.references[0];
  const put = r?.puts.find((p) => p.tenorMonths === VERDICT_TENOR);
  return {
    episode: e.id,
    underlying: e.underlying,
    origin: ORIGIN[e.origin],
    class: e.class,
    symbol: e.priceSymbol,
    periodEnd: e.periodEnd,
    knownFrom: e.knownFrom,
    notionalUsd: e.reportedNotionalUsd,
    move1m: r?.moves['1'] ?? null,
    move3m: r?.moves['3'] ?? null,
    move6m: r?.moves['6'] ?? null,
    move12m: r?.moves['12'] ?? null,
    mae: r?.maxAdverseExcursion ?? null,
    putOutcome: put?.outcome ?? null,
    estimate: verdict(s),
    reported: s.reportedOutcomeKnown ? e.reportedOutcome : null,
    // No prices for a listed underlying: the estimate is missing data, said in amber.
    ...(s.status === 'no-prices' ? { _tone: 'warn' as const } : {}),
  };
}

const EPISODE_TABLE: Omit<Table, 'rows'> = {
  id: 'episodes',
  title: 'Episodes public by the as-of day',
  columns: columns({
    episode: 'text',
    underlying: 'text',
    origin: 'text',
    class: 'text',
    symbol: 'text',
    periodEnd: col('period end', 'date'),
    knownFrom: col('public', 'date'),
    notionalUsd: col('notional', 'usd'),
    move1m: col('1m', 'fraction-change'),
    move3m: col('3m', 'fraction-change'),
    move6m: col('6m', 'fraction-change'),
    move12m: col('12m', 'fraction-change'),
    mae: col('MAE', 'fraction'),
    putOutcome: col(`${VERDICT_TENOR}m put: payoff ÷ premium − 1`, 'fraction-change'),
    estimate: 'text',
    reported: col('reported (curated)', 'text'),
  }),
  note: `Moves of the underlying from the period end; MAE = largest rise above the entry within 12 months; "${VERDICT_TENOR}m put" = the at-the-money put bought at the period end, held ${VERDICT_TENOR} months (−100 % = premium lost).`,
};

const CLASSES = tableOf(
  'classes',
  'Win rate per class (thesis 5: macro shorts win, single-name and sector shorts mostly do not)',
  {
    class: 'text',
    episodes: 'count',
    scored: 'count',
    wins: 'count',
    winRate: col('win rate', 'fraction', 0),
    meanPutOutcome: col(`mean ${VERDICT_TENOR}m put outcome`, 'fraction-change'),
    meanMove6m: col('mean 6m move', 'fraction-change'),
    reportedWins: col('reported wins (curated)', 'text'),
  },
);

function classTable(summary: ClassSummary[]): Table {
  return CLASSES.of(
    summary.map((c) =>
      cells(CLASSES.columns, c, { reportedWins: `${c.reportedWins} of ${c.reportedKnown}` }),
    ),
  );
}

/** The premium table: the reference the premium is estimated at, then the one premium estimate. */
const PREMIUM_TABLE_COLUMNS = [
  ...columns({
    episode: 'text',
    date: col('reference date', 'date'),
    notionalUsd: col('notional', 'usd'),
    vol: col('realised vol', 'fraction'),
    rate: col('rate', 'fraction', 2),
  }),
  ...premiumColumns(),
];

function premiumTable(episodes: ScoredEpisode[]): Table {
  const priced = episodes.filter((s) => s.references[0]?.premium);
  return {
    id: 'premiums',
    title: 'Put premium at the period end (the one premium estimate, as in 13f holdings and the watchlist)',
    columns: PREMIUM_TABLE_COLUMNS,
    rows: priced.map((s) => {
      const p = s.references[0]!.premium!;
      return {
        episode: s.episode.id,
        date: p.referenceDate,
        notionalUsd: p.notionalUsd,
        vol: p.vol.value,
        rate: p.rate.value,
        ...premiumCells(p),
      };
    }),
    note: 'Premium in US$ only where a notional is known (a 13F filing or the curated row); the fraction of notional holds for any size.',
  };
}

const SOURCES = tableOf(
  'sources',
  'Where each figure comes from (a stored filing wins over a curated figure)',
  {
    episode: 'text',
    narrative: col('episode from', 'text'),
    notional: col('notional from', 'text'),
    filed: col('filing date from', 'text'),
    citation: 'text',
  },
);

function sourceTable(episodes: ScoredEpisode[]): Table {
  return SOURCES.of(
    episodes.map((s) => {
      const pv = s.episode.provenance;
      return {
        episode: s.episode.id,
        narrative: basis(pv.narrative),
        notional: basis(pv.reportedNotionalUsd),
        filed: basis(pv.filedDate),
        citation: [
          ...new Set(
            [pv.narrative.source, pv.reportedNotionalUsd?.source, pv.filedDate?.source].filter(Boolean),
          ),
        ].join(' | '),
      };
    }),
  );
}

function classKpis(summary: ClassSummary[]): Kpi[] {
  const out: Kpi[] = [];
  for (const name of ['macro', 'single-name/sector'] as const) {
    const c = summary.find((x) => x.class === name);
    if (!c) continue;
    out.push(
      {
        id: `${name}-win-rate`,
        label: `${name}: puts won (estimate)`,
        value: c.winRate,
        format: 'fraction',
        digits: 0,
        detail: { label: `of ${c.scored} scored, wins`, value: c.wins, format: 'count' },
      },
      {
        id: `${name}-reported`,
        label: `${name}: reported wins (curated)`,
        value: `${c.reportedWins} of ${c.reportedKnown}`,
        format: 'text',
      },
    );
  }
  return out;
}

export async function scorecardView(store: Store, opts: { asOf: string }): Promise<View<Scorecard>> {
  const sc = await loadScorecard(store, opts.asOf);
  const v = emptyView<Scorecard>('scorecard', 'Famous-shorts scorecard (thesis 5)', opts.asOf, sc);
  if (!sc.episodes.length) {
    v.empty = sc.watchedFilers
      ? {
          reason: 'before-coverage',
          message: `No short episode (curated or from a stored 13F filing) was public by ${opts.asOf}.`,
          hint: 'choose a later as-of day',
        }
      : {
          reason: 'missing-input',
          message: `No short episode was public by ${opts.asOf}, and no watched filer: the 13F watchlist is empty, so no stored filing's puts are read.`,
          hint: 'tidewatch 13f watchlist --add CIK',
        };
    return v;
  }
  const cls = (name: string) => sc.summary.find((c) => c.class === name)!;
  const m = cls('macro');
  const s = cls('single-name/sector');
  v.headline = `Famous-shorts scorecard as of ${sc.asOf}: macro puts won ${m.wins} of ${m.scored} scored, single-name/sector ${s.wins} of ${s.scored}; reported (curated): macro ${m.reportedWins} of ${m.reportedKnown}, single-name/sector ${s.reportedWins} of ${s.reportedKnown}`;
  v.kpis.push(...classKpis(sc.summary), {
    id: 'episodes',
    label: 'Episodes public',
    value: sc.episodes.length,
    format: 'count',
    detail: { label: '13F put positions', value: sc.thirteenFPutRows, format: 'count' },
  });
  v.tables.push(
    { ...EPISODE_TABLE, rows: sc.episodes.map(episodeRow) },
    classTable(sc.summary),
    premiumTable(sc.episodes),
    sourceTable(sc.episodes),
  );

  const curated = sc.episodes.filter((x) => x.episode.origin !== 'filing').length;
  if (curated)
    v.notes.push({
      kind: 'curated',
      text: `${curated} of ${sc.episodes.length} episodes come from the curated file (src/analytics/scorecard/data/short-episodes.csv); their narrative, reported outcome and any figure no stored filing gives are quoted from the citation in the sources table, not measured.`,
    });
  for (const x of sc.episodes.filter((e) => e.win === null))
    v.notes.push({ text: `${x.episode.id}: ${x.verdictBasis}` });
  v.notes.push(
    { kind: 'caveat', text: sc.assumptions },
    {
      text: `13F put positions from stored filings public by ${sc.asOf}: ${!sc.watchedFilers ? 'none read (no watched filer: the 13F watchlist is empty)' : sc.thirteenFStored ? sc.thirteenFPutRows : 'none stored (no SEC data imported)'}`,
    },
  );
  return v;
}
