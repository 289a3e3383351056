import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/dates.js';
import { VERDICTS } from '../../core/verdict.js';
import { A, btc, capex, puts, quarters, rates, repo, rrp } from './cases.testkit.js';
import { correlationVerdict } from './correlation.js';
import { DAILY_MAX_AGE, dates, freshAt, measured, valueOnOrBefore } from './evidence.js';
import { evaluateThesesOn, resultDefect, runCheck, THESES } from './ledger.js';
import { LIQUIDATION_WINDOW, liquidationCheck } from './liquidations.js';
import { notionalCheck } from './notional.js';
import { judgeLevelOne } from './risk-levels.js';
import { shortsCheck } from './shorts.js';
import {
  capexYear,
  data,
  levelStat,
  liquidation,
  prices,
  putRow,
  scored,
  tokenRow,
} from './synthetic.testkit.js';
import { combineStatuses, insufficient, pct, type ThesisCheck, type ThesisData } from './types.js';

/**
 * The ledger's own rules (the guard on every result, the freshness rule, the evidence helpers) and
 * the details of each check's rule that the verdict tables do not reach: which rows a check reads
 * (window, as-of, filing day), how figures from several sources are combined, what evidence it
 * returns.
 */

const CHECKS = THESES.flatMap((t) => t.checks);
const check = (id: string) => CHECKS.find((c) => c.id === id)!;

describe('the guard on every result (ledger.ts)', () => {
  const c: ThesisCheck = { ...check('dry-powder-exhausted'), outcomes: ['supported', 'refuted'] };
  const ev = (from: string, to: string, inputDates: string[]) =>
    measured({ label: 'x', value: 1, source: 's', from, to, inputDates });
  it('names an undeclared verdict, a window past the as-of day or reversed, an input after it', () => {
    expect(resultDefect(c, { status: 'mixed', summary: '', evidence: [] }, A)).toBe(
      "verdict 'mixed' is not one the rule declares",
    );
    expect(
      resultDefect(c, { status: 'supported', summary: '', evidence: [ev(A, addDays(A, 1), [A])] }, A),
    ).toMatch(/window 2025-06-27 → 2025-06-28 past 2025-06-27/);
    expect(
      resultDefect(c, { status: 'supported', summary: '', evidence: [ev(A, addDays(A, -1), [])] }, A),
    ).toMatch(/window 2025-06-27 → 2025-06-26/);
    expect(
      resultDefect(c, { status: 'supported', summary: '', evidence: [ev(A, A, [A, addDays(A, 1)])] }, A),
    ).toBe("evidence 'x' uses an input dated 2025-06-28, after 2025-06-27");
    expect(resultDefect(c, { status: 'supported', summary: '', evidence: [ev(A, A, [A])] }, A)).toBeNull();
  });
  it('a result that breaks it is shown as insufficient data with the defect; a check that throws likewise', () => {
    const late: ThesisCheck = {
      ...c,
      evaluate: () => ({ status: 'supported', summary: 'ok', evidence: [ev(A, A, [addDays(A, 3)])] }),
    };
    expect(runCheck(late, data(A))).toMatchObject({
      status: 'insufficient data',
      summary: "check defect: evidence 'x' uses an input dated 2025-06-30, after 2025-06-27",
      evidence: [],
      thresholds: c.thresholds,
    });
    const boom: ThesisCheck = {
      ...c,
      evaluate: () => {
        throw new Error('odd input');
      },
    };
    expect(runCheck(boom, data(A))).toMatchObject({
      status: 'insufficient data',
      summary: 'check failed: odd input',
    });
  });
});

describe('evaluateThesesOn and combineStatuses', () => {
  it('every thesis with its checks, the as-of day and the combined status', () => {
    const r = evaluateThesesOn(rrp(50e9));
    expect(r.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const t2 = r[1]!;
    expect(t2).toMatchObject({
      id: 'liquidity-bathtub',
      asOf: A,
      status: 'supported',
      title: 'Liquidity demand ("bathtub")',
    });
    expect(t2.checks.map((c) => c.status)).toEqual(['insufficient data', 'supported', 'insufficient data']);
    expect(t2.checks[1]!.thresholds).toBe(check('dry-powder-exhausted').thresholds);
    expect(r[0]!.status).toBe('insufficient data');
  });
  it('agreement, disagreement, nothing decidable', () => {
    expect(combineStatuses(['supported', 'insufficient data'])).toBe('supported');
    expect(combineStatuses(['refuted', 'refuted'])).toBe('refuted');
    expect(combineStatuses(['supported', 'refuted'])).toBe('mixed');
    expect(combineStatuses(['supported', 'mixed'])).toBe('mixed');
    expect(combineStatuses(['insufficient data'])).toBe('insufficient data');
    expect(combineStatuses([])).toBe('insufficient data');
  });
});

describe('the theses table (ledger.ts THESES)', () => {
  it('seven theses in order; the seed names the PRODUCT.md commentary', () => {
    expect(THESES.map((t) => `${t.number} ${t.id}`).join(', ')).toBe(
      '1 liquidity-squeeze, 2 liquidity-bathtub, 3 duration-sorting, 4 ai-bubble, 5 famous-shorts, 6 crypto-front-line, 7 risk-levels',
    );
    expect(THESES[4]!.seed).toBe('PRODUCT.md thesis 5 (Scion / Burry commentary)');
  });
  it("a check's report carries its thresholds from the module's table: value, unit and why", () => {
    const r = runCheck(check('repo-crosses-line'), repo(3));
    expect(Object.keys(r.thresholds).join(' ')).toBe('REPO_MIN_DAYS REPO_SUPPORT_DAYS DAILY_MAX_AGE');
    expect(r.thresholds.REPO_SUPPORT_DAYS).toEqual({
      value: 3,
      unit: 'days',
      why: 'one or two days above IORB can be a quarter-end or tax-date spike; three separate days is a pattern',
    });
  });
});

describe('evidence helpers', () => {
  const obs = [
    { date: '2025-01-02', value: 1 },
    { date: '2025-01-06', value: 2 },
  ];
  it('valueOnOrBefore: the newest dated on or before the day', () => {
    expect(valueOnOrBefore(obs, '2025-01-06')?.value).toBe(2);
    expect(valueOnOrBefore(obs, '2025-01-05')?.value).toBe(1);
    expect(valueOnOrBefore(obs, '2025-01-01')).toBeUndefined();
    expect(valueOnOrBefore(undefined, '2025-01-01')).toBeUndefined();
  });
  it('freshAt: at most the cadence old, else why not', () => {
    expect(freshAt(obs, '2025-01-16', DAILY_MAX_AGE, 'X')).toEqual({ ok: true, value: obs[1] });
    expect(freshAt(obs, '2025-01-17', DAILY_MAX_AGE, 'X')).toEqual({
      ok: false,
      reason: 'X ends 2025-01-06, 11 days before 2025-01-17 (more than 10 days: stale)',
    });
    expect(freshAt(obs, '2024-12-31', DAILY_MAX_AGE, 'X')).toEqual({
      ok: false,
      reason: 'no X observation on or before 2024-12-31',
    });
  });
  it('dates: sorted, unique, without blanks; pct spelled by the one formatter', () => {
    expect(dates('2025-02-01', undefined, '2025-01-01', '2025-02-01', '')).toEqual([
      '2025-01-01',
      '2025-02-01',
    ]);
    expect(pct(0.1234)).toBe('12.3 %');
    expect(pct(-0.05, 0)).toBe('\u22125 %');
    expect(insufficient('why')).toEqual({ status: 'insufficient data', summary: 'why', evidence: [] });
  });
});

describe('what every decided result carries', () => {
  const CASES: Array<[string, ThesisData]> = [
    ['dry-powder-exhausted', rrp(50e9)],
    ['cost-of-capital-rises', rates(0.5, 0)],
    ['btc-126k-to-60k', btc(126_000, 75_000)],
    ['notional-not-premium', puts(1, 1)],
    ['capex-outruns-profit', capex(0.5, 0, 0)],
  ];
  for (const [id, d] of CASES)
    it(`${id}: evidence with a window, input dates inside it or before, and a summary with no gaps`, () => {
      const r = runCheck(check(id), d);
      expect(VERDICTS.slice(0, 3)).toContain(r.status);
      expect(r.evidence.length).toBeGreaterThan(0);
      for (const e of r.evidence) {
        expect(e.inputDates.length, e.label).toBeGreaterThan(0);
        expect([...e.inputDates].sort()).toEqual(e.inputDates);
        expect(e.from <= e.to).toBe(true);
        expect(e.source.length).toBeGreaterThan(0);
      }
      expect(r.summary).not.toMatch(/undefined|NaN|null/);
    });

  it('cost of capital: both moves with their dates in the summary', () => {
    const r = runCheck(check('cost-of-capital-rises'), rates(0, 0.5));
    expect(r.summary).toMatch(/10-year yield 0\.00 pp \(2024-06-27 → 2025-06-27\), HY OAS \+0\.50 pp/);
    expect(r.evidence.map((e) => [e.source, e.value, e.inputDates, e.chart])).toEqual([
      ['DGS10', 0, ['2024-06-27', '2025-06-27'], undefined],
      ['BAMLH0A0HYM2', 0.5, ['2024-06-27', '2025-06-27'], 'risk'],
    ]);
  });

  it('ON RRP: the value and the peak, each with its date', () => {
    const d = rrp(50e9);
    d.series.RRPONTSYD![3]!.value = 900e9;
    const r = runCheck(check('dry-powder-exhausted'), d);
    expect(r.evidence.map((e) => [e.label, e.value, e.inputDates])).toEqual([
      ['ON RRP', 50e9, ['2025-06-27']],
      ['ON RRP peak', 900e9, [d.series.RRPONTSYD![3]!.date]],
    ]);
  });
});

describe('which rows a check reads', () => {
  it('Oracle: needs the 2025-12-11 close and one before it', () => {
    const orcl = (pts: Array<[string, number]>) =>
      runCheck(
        check('oracle-2025-12-11'),
        data('2026-01-02', { prices: { ORCL: prices(pts.map(([date, value]) => ({ date, value }))) } }),
      );
    expect(
      orcl([
        ['2025-12-09', 100],
        ['2025-12-11', 88],
      ]).status,
    ).toBe('supported');
    expect(orcl([['2025-12-11', 88]]).status).toBe('insufficient data');
    expect(
      orcl([
        ['2025-12-10', 100],
        ['2025-12-12', 88],
      ]).status,
    ).toBe('insufficient data');
    const r = orcl([
      ['2025-12-10', 100],
      ['2025-12-11', 95.01],
    ]);
    expect(r.evidence[0]).toMatchObject({
      value: -0.0499,
      inputDates: ['2025-12-10', '2025-12-11'],
      source: 'synthetic',
    });
  });

  it('capex: the latest year with a gap counts (an undated or gap-less later year does not); more than half must be flagged', () => {
    const d = (rows: ReturnType<typeof capexYear>[]) =>
      runCheck(check('capex-outruns-profit'), data('2026-03-01', { capex: rows }));
    const older = (c: string, gap: number) =>
      capexYear(c, gap, { fiscalYear: 2024, fiscalYearStart: '2024-01-01', fiscalYearEnd: '2024-12-31' });
    // A's 2025 row has no gap: its 2024 row (0.5) is the latest that counts; rows out of order.
    const r = d([capexYear('A', null), older('A', 0.5), capexYear('B', 0.5), capexYear('C', 0)]);
    expect(r.status).toBe('supported');
    expect(r.evidence.find((e) => e.label.startsWith('A '))!.label).toMatch(/^A FY2024/);
    expect(d([older('A', 0), capexYear('A', 0.5), capexYear('B', 0.5), capexYear('C', 0)]).status).toBe(
      'supported',
    );
    expect(d([capexYear('A', 0.5), capexYear('B', 0.5), capexYear('C', 0), capexYear('D', 0)]).status).toBe(
      'mixed',
    );
    expect(d([capexYear('A', 0.5), capexYear('B', 0.5), capexYear('C', 0)]).evidence[0]!.source).toBe(
      'XBRL capex and operating income, A (filed 2026-02-01)',
    );
  });

  it('tokens: the figures published by the as-of day only; the pair closest to a year before the latest', () => {
    const rows = ['P', 'Q'].flatMap((p) => [
      tokenRow(p, '2024-01-01', 1),
      tokenRow(p, '2024-07-01', 50),
      tokenRow(p, '2025-07-01', 2000),
    ]);
    // 2024-07 → 2025-07 is 40× a year (refuted); 2024-01 → 2025-07 would be 158× a year.
    const r = check('tokens-100x').evaluate(data('2025-08-01', { tokens: rows }));
    expect(r.status).toBe('refuted');
    expect(r.evidence.map((e) => [e.from, e.to, e.value])).toEqual([
      ['2024-07-01', '2025-07-01', 40.1],
      ['2024-07-01', '2025-07-01', 40.1],
    ]);
    const unpublished = rows.map((t) => (t.date === '2025-07-01' ? { ...t, published: '2025-09-01' } : t));
    expect(check('tokens-100x').evaluate(data('2025-08-01', { tokens: unpublished })).status).toBe(
      'insufficient data',
    );
  });

  it('notional: rows filed by the as-of day with shares, priced on the period end (or up to 5 days before)', () => {
    const ev = (rows: ReturnType<typeof putRow>[], asOf = A) =>
      notionalCheck(data(asOf, { thirteenFPuts: rows }));
    expect(ev([putRow('X', 1, { filed: A }), putRow('Y', 1)]).status).toBe('supported');
    expect(ev([putRow('X', 1, { filed: addDays(A, 1) }), putRow('Y', 1)]).status).toBe('insufficient data');
    expect(ev([putRow('X', 1, { shares: 0 }), putRow('Y', 1)]).status).toBe('insufficient data');
    const close = (date: string) => ({ date, close: 50, source: 's', basis: 'raw' });
    expect(ev([putRow('X', 1, { periodClose: close('2024-06-23') }), putRow('Y', 1)]).status).toBe(
      'supported',
    );
    expect(ev([putRow('X', 1, { periodClose: close('2024-06-22') }), putRow('Y', 1)]).status).toBe(
      'insufficient data',
    );
    expect(ev([putRow('X', 1, { periodClose: close('2024-06-29') }), putRow('Y', 1)]).status).toBe(
      'insufficient data',
    );
    expect(
      ev([putRow('X', 1), putRow('Y', 1), putRow('Z', 1, { periodClose: close('2024-06-01') })]).summary,
    ).toMatch(/^2 stored 13F put rows .* \(1 without one\): 2 equal shares × price/);
    // Without a stored period-end close, the merged closes of the symbol are used.
    const merged = notionalCheck(
      data(A, {
        thirteenFPuts: [putRow('X', 1, { periodClose: undefined }), putRow('Y', 1)],
        prices: { X: prices([{ date: '2024-06-28', value: 50 }]) },
      }),
    );
    expect(merged.status).toBe('supported');
    expect(merged.evidence[0]!.source).toMatch(/merged adjusted closes \(split\+div\)/);
  });

  it('liquidations: only days of the fall known by the as-of day; venues add up, aggregators do not', () => {
    const run = (rows: ReturnType<typeof liquidation>[], asOf = '2026-03-31') =>
      liquidationCheck(data(asOf, { liquidations: rows }));
    expect(run([liquidation('2025-09-30', 3e9, 'venue')]).status).toBe('insufficient data');
    expect(run([liquidation('2026-03-01', 3e9, 'venue')]).status).toBe('insufficient data');
    expect(run([liquidation(LIQUIDATION_WINDOW.from, 3e9, 'venue')]).status).toBe('supported');
    expect(run([liquidation(LIQUIDATION_WINDOW.to, 3e9, 'venue')]).status).toBe('supported');
    expect(run([liquidation('2026-02-05', 3e9, 'venue')], '2026-02-04').status).toBe('insufficient data');
    expect(run([liquidation('2026-02-05', 3e9, 'venue')], '2026-02-05').status).toBe('supported');
    const two = [
      liquidation('2026-02-05', 1.2e9, 'venue'),
      { ...liquidation('2026-02-05', 1e9, 'venue'), source: 'venue Z' },
    ];
    const sum = run(two);
    expect(sum.status).toBe('supported');
    expect(sum.evidence[0]).toMatchObject({ value: 2.2e9, basis: 'measured', source: 'venue X + venue Z' });
    const agg = (usd: number) => liquidation('2026-02-05', usd, 'market-wide');
    const days = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        liquidation(addDays(LIQUIDATION_WINDOW.from, i), 1e9, 'market-wide'),
      );
    const r = run([...days(151), agg(1.5e9), agg(1.4e9)]);
    expect(r.status).toBe('mixed');
    expect(r.evidence[0]).toMatchObject({
      value: 1.5e9,
      basis: 'curated',
      source: 'aggregator Y',
      inputDates: ['2026-02-05'],
    });
    expect(r.evidence[1]).toMatchObject({ value: '151 / 151' });
    // A venue day above the market-wide total is reported as the (larger) lower bound.
    const v = run([...days(151), liquidation('2026-02-06', 1.8e9, 'venue')]);
    expect(v.evidence[0]).toMatchObject({ value: 1.8e9, basis: 'measured' });
  });

  it('shorts: the window starts at the earliest decided period end; pending episodes do not count', () => {
    const card = [
      ...[0, 1, 2].map((i) => scored(`m${i}`, 'macro', true, `2023-0${i + 3}-31`)),
      ...[0, 1, 2].map((i) => scored(`s${i}`, 'single-name', false, '2024-03-29')),
      scored('p', 'single-name', null, '2022-06-30'),
    ];
    const r = shortsCheck(data(A, { scorecard: card }));
    expect(r.status).toBe('supported');
    expect(r.evidence[0]).toMatchObject({ from: '2023-03-31', to: A, value: '3 / 3' });
    expect(r.evidence[0]!.inputDates).toContain('2023-09-30');
    expect(r.evidence[1]!.value).toBe('3 / 0');
    expect(r.summary).toMatch(/macro 3 of 3 won \(100 %\), single-name\/sector 0 of 3 \(0 %\)/);
    expect(shortsCheck(data(A)).status).toBe('insufficient data');
  });

  it('thesis 7: with no top-level statistics the deeper-fall condition does not apply', () => {
    expect(judgeLevelOne([levelStat(1, 6), levelStat(1, 12)], 'SPY').status).toBe('supported');
    expect(judgeLevelOne([levelStat(1, 6)], 'SPY').status).toBe('supported');
    expect(
      judgeLevelOne([levelStat(1, 6), levelStat(2, 12, { worstMaxDrawdown: -0.1 }), levelStat(1, 12)], 'SPY')
        .status,
    ).toBe('mixed');
    expect(judgeLevelOne(undefined, 'SPY').status).toBe('insufficient data');
  });

  it('correlation: says which input is missing; a last quarter 91 days before the as-of day still counts, 92 does not', () => {
    const d = data('2025-06-27');
    expect(correlationVerdict(d).summary).toBe('no S&P 500 prices stored (SPY or ^GSPC)');
    d.prices.SPY = prices([{ date: '2020-01-03', value: 1 }]);
    expect(correlationVerdict(d).summary).toBe('WALCL / WTREGEN not stored');
    // Data to 2025-03-28; closes are carried a week, so the last quarter with both ends 2025-04-04.
    const q = quarters('2025-03-28', (_, a) => a);
    expect(correlationVerdict({ ...q, asOf: addDays('2025-04-04', 91) }).status).toBe('supported');
    const stale = correlationVerdict({ ...q, asOf: addDays('2025-04-04', 92) });
    expect(stale.status).toBe('insufficient data');
    expect(stale.summary).toMatch(/ends 2025-04-04, 92 days before/);
  });
});
