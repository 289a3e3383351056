import { describe, expect, it } from 'vitest';
import { TidewatchError } from '../../core/errors.js';
import { classifySymbol, knownEpisodesOf, MACRO_SYMBOLS, parseEpisodes, SECTOR_SYMBOLS } from './episodes.js';

/**
 * The curated-episodes parser on literal files: every rejection names file and line, and every
 * accepted row says when it became public and which of its figures are curated.
 */
const HEAD =
  'id,cik,manager,underlying,price_symbol,instrument,period_end,filed_date,class,reported_notional_usd,reported_outcome,source';
const ROW =
  'a,1649339,Scion,SPDR S&P 500,SPY,puts,2023-06-30,2023-08-14,macro,886560000,loss,"13F, 2023-06-30"';
const parse = (...rows: string[]) => parseEpisodes([HEAD, ...rows].join('\n'), 'f.csv');

/** The TidewatchError a parse throws (kind and message). */
function refusal(text: string): [string, string] {
  try {
    parseEpisodes(text, 'f.csv');
  } catch (e) {
    if (e instanceof TidewatchError) return [e.kind, e.message];
    throw e;
  }
  throw new Error('parsed without refusal');
}

describe('parseEpisodes (literal files)', () => {
  it('a whole row: every field, known from its cited filing date, every figure labelled curated', () => {
    const [e] = parse(ROW);
    const cited = { kind: 'curated', source: '13F, 2023-06-30' };
    expect(e).toEqual({
      id: 'a',
      cik: 1649339,
      manager: 'Scion',
      underlying: 'SPDR S&P 500',
      priceSymbol: 'SPY',
      instrument: 'puts',
      periodEnd: '2023-06-30',
      filedDate: '2023-08-14',
      class: 'macro',
      reportedNotionalUsd: 886_560_000,
      reportedOutcome: 'loss',
      source: '13F, 2023-06-30',
      knownFrom: '2023-08-14',
      knownFromRule: 'cited filing date',
      origin: 'curated',
      // Every figure of a curated row cites the row's source.
      provenance: { narrative: cited, reportedNotionalUsd: cited, filedDate: cited },
    });
  });

  it('no filed date: known from period end + 45 days; no notional and no CIK: null, with no provenance', () => {
    const [e] = parse('b,,Scion,CDS,,cds,2005-06-30,,macro,,won big,Lewis 2010');
    expect([e!.cik, e!.reportedNotionalUsd, e!.knownFrom, e!.knownFromRule]).toEqual([
      null,
      null,
      '2005-08-14',
      'period end + 45 days',
    ]);
    expect(e!.provenance).toEqual({
      narrative: { kind: 'curated', source: 'Lewis 2010' },
      reportedNotionalUsd: null,
      filedDate: null,
    });
  });

  it('a byte-order mark, CRLF line ends and blank lines are not rows', () => {
    const eps = parseEpisodes(`\uFEFF${HEAD}\r\n${ROW}\r\n\r\n   \r\n`, 'f.csv');
    expect(eps.map((e) => e.id)).toEqual(['a']);
  });

  it('refuses a wrong header, naming what it must be', () => {
    expect(refusal(`${HEAD.replace('class', 'kind')}\n${ROW}`)).toEqual([
      'bad-input',
      `f.csv: header must be ${HEAD}, got ${HEAD.replace('class', 'kind')}`,
    ]);
    expect(refusal('')[1]).toMatch(/^f\.csv: header must be id,cik,/);
  });

  it('refuses each bad field, naming file, line and value', () => {
    const bad = (row: string) => refusal(`${HEAD}\n${ROW.replace('a,', 'z,')}\n${row}`);
    const cases: Array<[string, string]> = [
      ['a,1,m,u,SPY,puts,2023-06-30,,macro,,', 'f.csv line 3: 11 fields, expected 12'],
      ['z,1,m,u,SPY,puts,2023-06-30,,macro,,,s', "f.csv line 3: id 'z' empty or repeated"],
      [',1,m,u,SPY,puts,2023-06-30,,macro,,,s', "f.csv line 3: id '' empty or repeated"],
      ['a,1,m,u,SPY,puts,2023-06-31,,macro,,,s', "f.csv line 3: period_end '2023-06-31' is not YYYY-MM-DD"],
      [
        'a,1,m,u,SPY,puts,2023-06-30,14/08/2023,macro,,,s',
        "f.csv line 3: filed_date '14/08/2023' is not YYYY-MM-DD",
      ],
      [
        'a,1,m,u,SPY,puts,2023-06-30,,index,,,s',
        "f.csv line 3: class 'index' must be macro, single-name or sector",
      ],
      [
        'a,1,m,u,SPY,puts,2023-06-30,,macro,0,,s',
        "f.csv line 3: reported_notional_usd '0' is not a positive number",
      ],
      [
        'a,1,m,u,SPY,puts,2023-06-30,,macro,-5,,s',
        "f.csv line 3: reported_notional_usd '-5' is not a positive number",
      ],
      [
        'a,1,m,u,SPY,puts,2023-06-30,,macro,1e3x,,s',
        "f.csv line 3: reported_notional_usd '1e3x' is not a positive number",
      ],
      ['a,1,m,u,SPY,puts,2023-06-30,,macro,,,   ', 'f.csv line 3: every row needs a source'],
      ['a,x1,m,u,SPY,puts,2023-06-30,,macro,,,s', "f.csv line 3: cik 'x1' is not a number"],
      ['a,1x,m,u,SPY,puts,2023-06-30,,macro,,,s', "f.csv line 3: cik '1x' is not a number"],
      ['a,12345678901,m,u,SPY,puts,2023-06-30,,macro,,,s', "f.csv line 3: cik '12345678901' is not a number"],
    ];
    for (const [row, message] of cases) expect(bad(row)).toEqual(['bad-input', message]);
  });

  it('accepts each class, a ten-digit CIK and the smallest positive notional', () => {
    const eps = parse(
      'a,0001649339,m,u,SPY,puts,2023-06-30,,macro,1,,s',
      'b,1,m,u,PLTR,puts,2023-06-30,,single-name,,,s',
      'c,1,m,u,SOXX,puts,2023-06-30,,sector,,,s',
    );
    expect(eps.map((e) => [e.cik, e.class, e.reportedNotionalUsd])).toEqual([
      [1649339, 'macro', 1],
      [1, 'single-name', null],
      [1, 'sector', null],
    ]);
  });
});

describe('knownEpisodesOf and classifySymbol (literal)', () => {
  it('keeps the episodes known by the day, in order', () => {
    const eps = [{ knownFrom: '2023-08-14' }, { knownFrom: '2021-05-17' }, { knownFrom: '2023-08-15' }];
    expect(knownEpisodesOf(eps, '2023-08-14')).toEqual([
      { knownFrom: '2023-08-14' },
      { knownFrom: '2021-05-17' },
    ]);
    expect(knownEpisodesOf(eps, '2021-05-16')).toEqual([]);
  });

  it('every listed macro and sector symbol, any case; anything else single-name', () => {
    const macro = [...MACRO_SYMBOLS];
    const sector = [...SECTOR_SYMBOLS];
    // The lists hold what thesis 5 names: broad index ETFs and futures are macro, ARKK a sector.
    expect(macro).toEqual(expect.arrayContaining(['SPY', 'QQQ', '^GSPC', 'ES=F', 'TLT']));
    expect(sector).toEqual(expect.arrayContaining(['ARKK', 'SOXX', 'XLF']));
    expect(macro.filter((s) => SECTOR_SYMBOLS.has(s))).toEqual([]);
    expect(macro.map((s) => classifySymbol(s.toLowerCase()))).toEqual(macro.map(() => 'macro'));
    expect(sector.map(classifySymbol)).toEqual(sector.map(() => 'sector'));
    expect(['NVDA', 'TSLA', '', 'SPY.L'].map(classifySymbol)).toEqual([
      'single-name',
      'single-name',
      'single-name',
      'single-name',
    ]);
  });
});
