import { daysBetween } from '../../core/dates.js';
import { ruleVerdict, thresholds, VERDICTS } from '../../core/verdict.js';
import { BURST_GAP_THRESHOLD } from '../../indicators/capex/indicators.js';
import { tokenGrowth } from '../../sources/curated/datasets.js';
import { curated, dates, measured } from './evidence.js';
import {
  NOTIONAL_MATCH_TOLERANCE,
  NOTIONAL_MIN_ROWS,
  notionalCheck,
  PREMIUM_LIKE_MAX_RATIO,
} from './notional.js';
import { closeAt } from './series-tools.js';
import { SHORTS_MIN_SCORED, SINGLE_FAIL_RATE, shortsCheck } from './shorts.js';
import type { CapexYear, CheckResult, Evidence, ThesisCheck, ThesisData } from './types.js';
import { insufficient, pct } from './types.js';

/** Theses 4 (AI bubble) and 5 (famous shorts). */

// ── Thesis 4 thresholds ──────────────────────────────────────────────────────────────────────

export const ORACLE_DAY = '2025-12-11';
/** The claim's own number: "fell more than 11 %". */
export const ORACLE_CLAIMED_MOVE = -0.11;
/** The claim's own number: "> 100× a year". */
export const TOKEN_CLAIMED_MULTIPLE = 100;

// biome-ignore format: a table, one threshold a line (NAME: [value, unit, why])
export const { ORACLE_LARGE_MOVE, CAPEX_BURST_GAP, CAPEX_MIN_COMPANIES, CAPEX_YEAR_MAX_AGE, TOKEN_MIN_SPAN_MONTHS, TOKEN_MIN_PROVIDERS } = thresholds({
  ORACLE_LARGE_MOVE: [-0.05, 'fraction', 'a one-day fall of 5 % is about three standard deviations of a megacap daily move: large, even if short of the quoted figure'],
  CAPEX_BURST_GAP: [BURST_GAP_THRESHOLD, 'fraction-difference', "the capex report's burst threshold (indicators/capex): capex growth 40 pp above operating-income growth, e.g. +60 % vs +20 %"],
  CAPEX_MIN_COMPANIES: [3, 'companies', '"most big-tech" needs at least three of the five hyperscalers with a current fiscal year'],
  CAPEX_YEAR_MAX_AGE: [440, 'days', 'a fiscal year is current until the next one is due: 365 days, plus the 60-day 10-K deadline, plus 15 days for late filers'],
  TOKEN_MIN_SPAN_MONTHS: [11.5, 'months', 'growth "a year" is read over at least a year (11.5 months for month-dated figures); shorter spans compounded to a year multiply noise'],
  TOKEN_MIN_PROVIDERS: [2, 'providers', 'one provider\'s disclosures describe that provider, not "token consumption"'],
});

// ── Thesis 4 ─────────────────────────────────────────────────────────────────────────────────

function oracleMove(d: ThesisData): CheckResult {
  const p = d.prices.ORCL;
  const before = closeAt(p, '2025-12-10');
  const day = closeAt(p, ORACLE_DAY);
  if (!before || !day || day.date !== ORACLE_DAY || before.date >= ORACLE_DAY)
    return insufficient(`no ORCL closes for ${ORACLE_DAY} and the day before known on ${d.asOf}`);
  const move = day.close / before.close - 1;
  const status = ruleVerdict(move <= ORACLE_CLAIMED_MOVE, move > ORACLE_LARGE_MOVE.value);
  return {
    status,
    summary: `ORCL ${before.date} → ${day.date}: ${pct(move)} close to close`,
    evidence: [
      measured({
        label: `ORCL one-day move ${ORACLE_DAY}`,
        value: Number(move.toFixed(4)),
        unit: 'fraction',
        source: p?.source ?? 'ORCL closes',
        from: before.date,
        to: day.date,
        inputDates: [before.date, day.date],
        chart: 'markets:ORCL',
      }),
    ],
  };
}

/** The latest fiscal year of each hyperscaler with a gap; stale years are shown, not counted. */
function capexOutrunsProfit(d: ThesisData): CheckResult {
  const rows = d.capex ?? [];
  const byCompany = new Map<string, CapexYear[]>();
  for (const r of rows) byCompany.set(r.company, [...(byCompany.get(r.company) ?? []), r]);
  const current: Evidence[] = [];
  const stale: string[] = [];
  let flagged = 0;
  for (const [company, years] of byCompany) {
    const latest = years
      .filter((y) => y.gap !== null)
      .sort((a, b) => a.fiscalYearEnd.localeCompare(b.fiscalYearEnd))
      .at(-1);
    if (!latest) continue;
    const age = daysBetween(latest.fiscalYearEnd, d.asOf);
    const label = `${company} FY${latest.fiscalYear} capex growth − operating-income growth`;
    const ev = measured({
      label:
        age > CAPEX_YEAR_MAX_AGE.value
          ? `${label} (stale: fiscal year ended ${age} days before ${d.asOf})`
          : label,
      value: Number(latest.gap!.toFixed(4)),
      // A difference of two growth rates: shown in percentage points, not as a percent.
      unit: 'fraction-difference',
      source: `XBRL capex and operating income, ${company} (filed ${latest.knownFrom ?? 'date unknown'})`,
      from: latest.fiscalYearStart,
      to: latest.fiscalYearEnd,
      inputDates: dates(latest.fiscalYearEnd, latest.knownFrom ?? undefined),
      chart: 'capex',
    });
    if (age > CAPEX_YEAR_MAX_AGE.value) {
      stale.push(`${company} FY${latest.fiscalYear}`);
      current.push(ev);
      continue;
    }
    if (latest.gap! >= CAPEX_BURST_GAP.value) flagged++;
    current.push(ev);
  }
  const counted = current.length - stale.length;
  const staleNote = stale.length ? `; stale, not counted: ${stale.join(', ')}` : '';
  if (counted < CAPEX_MIN_COMPANIES.value)
    return insufficient(
      `a current fiscal year (ended within ${CAPEX_YEAR_MAX_AGE.value} days) with capex and operating income for ${counted} hyperscalers; need ${CAPEX_MIN_COMPANIES.value}${staleNote}`,
      current,
    );
  const status = ruleVerdict(flagged * 2 > counted, flagged === 0);
  return {
    status,
    summary: `${flagged} of ${counted} hyperscalers show capex growth at least ${CAPEX_BURST_GAP.value * 100} pp above operating-income growth in their latest fiscal year${staleNote}`,
    evidence: current,
  };
}

/**
 * Per provider, the most recent year-long growth known on the as-of day: the latest published
 * figure against the latest earlier one at least TOKEN_MIN_SPAN_MONTHS before it.
 */
function tokensGrow100x(d: ThesisData): CheckResult {
  const rows = (d.tokens ?? []).filter((r) => r.published <= d.asOf);
  const growth = tokenGrowth(rows);
  const byRow = new Map(rows.map((r) => [`${r.provider}|${r.product}|${r.date}`, r]));
  const providers = [...new Set(growth.map((g) => `${g.provider}|${g.product}`))];
  const picks = providers.flatMap((key) => {
    const gs = growth.filter((g) => `${g.provider}|${g.product}` === key);
    const latestTo = gs
      .map((g) => g.to)
      .sort()
      .at(-1);
    const pick = gs
      .filter((g) => g.to === latestTo && g.months >= TOKEN_MIN_SPAN_MONTHS.value)
      .sort((a, b) => a.months - b.months)[0];
    return pick ? [pick] : [];
  });
  const evidence = picks.map((g) => {
    const a = byRow.get(`${g.provider}|${g.product}|${g.from}`)!;
    const b = byRow.get(`${g.provider}|${g.product}|${g.to}`)!;
    return curated({
      label: `${g.provider} ${g.product} ${g.from} → ${g.to} (${g.months.toFixed(1)} months), annualised growth`,
      value: Number(g.annualisedMultiple.toFixed(1)),
      unit: '×/year',
      source: `${a.source} | ${b.source}`,
      from: g.from,
      to: g.to,
      inputDates: dates(a.date, a.published, b.date, b.published),
      chart: 'capex',
    });
  });
  const summary = picks.length
    ? `curated disclosures known on ${d.asOf}: ${picks.map((g) => `${g.provider} ${g.annualisedMultiple.toFixed(0)}× a year (${g.from} → ${g.to})`).join(', ')}`
    : `no provider has two disclosures at least ${TOKEN_MIN_SPAN_MONTHS.value} months apart published by ${d.asOf}`;
  if (picks.length < TOKEN_MIN_PROVIDERS.value)
    return insufficient(`${summary} (need ${TOKEN_MIN_PROVIDERS.value} providers)`, evidence);
  const above = picks.filter((g) => g.annualisedMultiple > TOKEN_CLAIMED_MULTIPLE).length;
  const status = ruleVerdict(above === picks.length, above === 0);
  return { status, summary, evidence };
}

export const THESIS_4_CHECKS: ThesisCheck[] = [
  {
    id: 'oracle-2025-12-11',
    claim: 'Oracle fell more than 11 % on 2025-12-11',
    dataNeeded: ['ORCL daily closes'],
    test: `close ${ORACLE_DAY} vs the previous close: ≤ ${pct(ORACLE_CLAIMED_MOVE, 0)} supported, ${pct(ORACLE_CLAIMED_MOVE, 0)} to ${pct(ORACLE_LARGE_MOVE.value, 0)} mixed (a large fall, less than quoted), above ${pct(ORACLE_LARGE_MOVE.value, 0)} refuted; no close for that day → insufficient data`,
    outcomes: VERDICTS,
    thresholds: { ORACLE_LARGE_MOVE },
    evaluate: oracleMove,
  },
  {
    id: 'capex-outruns-profit',
    claim: 'operating-profit growth falls far behind capex growth',
    dataNeeded: ['XBRL capex and operating income (MSFT, GOOGL, AMZN, META, ORCL), with filing dates'],
    test: `latest fiscal year of each hyperscaler (filed by the as-of day, ended within ${CAPEX_YEAR_MAX_AGE.value} days, else shown as stale): capex growth − operating-income growth ≥ ${CAPEX_BURST_GAP.value * 100} pp for more than half → supported, for none → refuted, otherwise mixed; fewer than ${CAPEX_MIN_COMPANIES.value} current companies → insufficient data`,
    outcomes: VERDICTS,
    thresholds: { CAPEX_BURST_GAP, CAPEX_MIN_COMPANIES, CAPEX_YEAR_MAX_AGE },
    evaluate: capexOutrunsProfit,
  },
  {
    id: 'tokens-100x',
    claim: 'token consumption grows more than 100× a year (the counter-argument)',
    dataNeeded: [
      'curated token disclosures (src/sources/curated/data/tokens.csv), published by the as-of day',
    ],
    test: `per provider, the latest disclosure against the latest one at least ${TOKEN_MIN_SPAN_MONTHS.value} months earlier, annualised (curated figures): all > ${TOKEN_CLAIMED_MULTIPLE}× supported, none → refuted, else mixed; fewer than ${TOKEN_MIN_PROVIDERS.value} providers → insufficient data`,
    outcomes: VERDICTS,
    thresholds: { TOKEN_MIN_SPAN_MONTHS, TOKEN_MIN_PROVIDERS },
    evaluate: tokensGrow100x,
  },
];

// ── Thesis 5 ─────────────────────────────────────────────────────────────────────────────────

export const THESIS_5_CHECKS: ThesisCheck[] = [
  {
    id: 'macro-wins-single-fails',
    claim: 'macro shorts win, single-name/sector shorts mostly fail',
    dataNeeded: ['short scorecard: curated episodes + stored 13F puts', 'underlying daily closes'],
    test: `estimated 6-month ATM put outcome from each period end (priced from closes; only episodes whose 6 months ended by the as-of day): macro win rate above single-name/sector and single-name/sector below ${pct(SINGLE_FAIL_RATE.value, 0)} → supported; macro not above → refuted; macro above but single-name/sector at or above ${pct(SINGLE_FAIL_RATE.value, 0)} → mixed; fewer than ${SHORTS_MIN_SCORED.value} priced episodes in a class → insufficient data. The seed's reported record (loss, small loss, won big) is the claim under test and is never counted`,
    outcomes: VERDICTS,
    thresholds: { SHORTS_MIN_SCORED, SINGLE_FAIL_RATE },
    evaluate: shortsCheck,
  },
  {
    id: 'notional-not-premium',
    claim: '13F option rows report notional, not premium (PLTR ~$9.2M vs ~$912M)',
    dataNeeded: [
      'stored 13F put rows (value, shares) filed by the as-of day',
      'underlying closes on the period end',
    ],
    test: `each stored put row: value ÷ (shares × close on the period end) within ±${pct(NOTIONAL_MATCH_TOLERANCE.value, 0)} of 1 → notional, ≤ ${PREMIUM_LIKE_MAX_RATIO.value} → premium-like; at least ${NOTIONAL_MIN_ROWS.value} priced rows: all notional → supported, all premium-like → refuted, otherwise mixed; fewer → insufficient data`,
    outcomes: VERDICTS,
    thresholds: { NOTIONAL_MATCH_TOLERANCE, PREMIUM_LIKE_MAX_RATIO, NOTIONAL_MIN_ROWS },
    evaluate: notionalCheck,
  },
];
