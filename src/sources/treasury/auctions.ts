import { isIsoDate } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { assertPlausible, type Plausible } from '../../core/plausibility.js';
import { checkLastRow, columnIndex, readDelimited } from './csv.js';

/**
 * TreasuryDirect "Auctioned securities" export (semicolon-separated, CRLF, amounts in US$).
 *
 * The real file went through a European-locale spreadsheet: some large amounts are printed as
 * comma-decimal scientific notation with six significant digits (`1,75754E+11`). Read naively
 * that is "1" or "175754" — a 10^6 error. We read it as 1.75754e11 and mark the field as
 * approximate (±0.5 in the sixth digit, i.e. up to ±$500k here), never as exact. A bare comma
 * number without an exponent (`1,5`) is ambiguous (decimal or thousands?) and is rejected.
 */
export interface AuctionRecord {
  cusip: string;
  securityType: string;
  securityTerm: string;
  cashManagementBill: boolean;
  auctionDate: string;
  issueDate: string;
  maturityDate: string | null;
  offeringAmount: number | null;
  totalAccepted: number | null;
  totalTendered: number | null;
  competitiveTendered: number | null;
  primaryDealerTendered: number | null;
  somaAccepted: number | null;
  highYield: number | null;
  highDiscountRate: number | null;
  bidToCoverRatio: number | null;
  /** Names of fields whose value came from lossy `d,ddddE+nn` notation. */
  approximate: string[];
  /** Where the record came from ('line 12', 'data[3]'), for messages. */
  where?: string;
}

export interface ParsedNumber {
  value: number | null;
  approximate: boolean;
}

const PLAIN = /^-?\d+(\.\d+)?$/;
const COMMA_SCI = /^(-?\d+),(\d+)E([+-]?\d+)$/i;
const DOT_SCI = /^-?\d+(\.\d+)?E[+-]?\d+$/i;

/** Parse one amount cell of the export; `where` names file/line/field for errors. */
export function parseAuctionNumber(cell: string | undefined, where: string): ParsedNumber {
  const s = (cell ?? '').trim();
  if (s === '' || s === 'null') return { value: null, approximate: false };
  let out: ParsedNumber | undefined;
  if (PLAIN.test(s)) out = { value: Number(s), approximate: false };
  const m = out ? null : COMMA_SCI.exec(s);
  if (m) out = { value: Number(`${m[1]}.${m[2]}e${m[3]}`), approximate: true };
  // Dot-decimal scientific notation is also a spreadsheet artefact and also rounded.
  else if (!out && DOT_SCI.test(s)) out = { value: Number(s), approximate: true };
  if (!out) throw new TidewatchError('bad-input', `${where}: not a number in a known notation: '${s}'`);
  // `1,5E+400` matches the notation but overflows to Infinity: never a stored amount.
  if (!Number.isFinite(out.value))
    throw new TidewatchError('bad-input', `${where}: '${s}' is not a finite number`);
  return out;
}

const dateOf = (s: string | undefined) => {
  const d = (s ?? '').trim().slice(0, 10);
  return isIsoDate(d) ? d : null;
};

export function parseAuctionsCsv(
  text: string | Iterable<string>,
  source: string,
): { records: AuctionRecord[]; warnings: string[] } {
  const records = [...auctionsOfCsv(text, source)];
  const warnings: string[] = [];
  const approx = records.filter((r) => r.approximate.length > 0).length;
  if (approx > 0) warnings.push(approximateNote(source, approx));
  return { records, warnings };
}

/** The warning for auctions whose amounts were read from lossy scientific notation. */
export const approximateNote = (source: string, n: number) =>
  `${source}: ${n} auction(s) carry lossy scientific-notation amounts (approximate)`;

/** The records of a TreasuryDirect export one at a time, in file order (parseAuctionsCsv collects them). */
export function* auctionsOfCsv(text: string | Iterable<string>, source: string): Generator<AuctionRecord> {
  const t = readDelimited(text, source, ';');
  const idx = (name: string) => columnIndex(t, name, source);
  const c = {
    cusip: idx('Cusip'),
    type: idx('SecurityType'),
    term: idx('SecurityTerm'),
    auction: idx('AuctionDate'),
    issue: idx('IssueDate'),
    offering: idx('OfferingAmount'),
    accepted: idx('TotalAccepted'),
  };
  const optional = (name: string) => t.header.indexOf(name);
  const o = {
    maturity: optional('MaturityDate'),
    cmb: optional('CashManagementBillCMB'),
    tendered: optional('TotalTendered'),
    compTendered: optional('CompetitiveTendered'),
    pdTendered: optional('PrimaryDealerTendered'),
    soma: optional('SomaAccepted'),
    highYield: optional('HighYield'),
    highDiscount: optional('HighDiscountRate'),
    btc: optional('BidToCoverRatio'),
  };
  checkLastRow(t, source, [c.offering, c.accepted], (a, b) => a[c.type] === b[c.type]);
  for (const { line, cells } of t.rows) {
    const approximate: string[] = [];
    const num = (i: number, field: string) => {
      if (i < 0) return null;
      const p = parseAuctionNumber(cells[i], `${source}:${line} field '${field}'`);
      if (p.approximate) approximate.push(field);
      return p.value;
    };
    const auctionDate = dateOf(cells[c.auction]);
    const issueDate = dateOf(cells[c.issue]);
    if (!auctionDate || !issueDate) {
      throw new TidewatchError(
        'bad-input',
        `${source}:${line}: field '${auctionDate ? 'IssueDate' : 'AuctionDate'}' is not a date: '${
          cells[auctionDate ? c.issue : c.auction] ?? ''
        }'`,
      );
    }
    const cusip = (cells[c.cusip] ?? '').trim();
    if (cusip === '') throw new TidewatchError('bad-input', `${source}:${line}: field 'Cusip' is empty`);
    yield {
      cusip,
      securityType: (cells[c.type] ?? '').trim(),
      securityTerm: (cells[c.term] ?? '').trim(),
      cashManagementBill: o.cmb >= 0 && (cells[o.cmb] ?? '').trim() === 'Yes',
      auctionDate,
      issueDate,
      maturityDate: o.maturity >= 0 ? dateOf(cells[o.maturity]) : null,
      offeringAmount: num(c.offering, 'OfferingAmount'),
      totalAccepted: num(c.accepted, 'TotalAccepted'),
      totalTendered: num(o.tendered, 'TotalTendered'),
      competitiveTendered: num(o.compTendered, 'CompetitiveTendered'),
      primaryDealerTendered: num(o.pdTendered, 'PrimaryDealerTendered'),
      somaAccepted: num(o.soma, 'SomaAccepted'),
      highYield: num(o.highYield, 'HighYield'),
      highDiscountRate: num(o.highDiscount, 'HighDiscountRate'),
      bidToCoverRatio: num(o.btc, 'BidToCoverRatio'),
      approximate,
      where: `line ${line}`,
    };
  }
}

/**
 * What an auction record can hold: amounts are finite and not negative (US$, at most $10T),
 * rates and yields are percent in [-5, 50], the bid-to-cover ratio in [0, 100], the auction
 * date inside 1979 … a month ahead (auctions are announced about a week before).
 */
const AMOUNT: Plausible = { sign: 'non-negative', since: '1979-01-01', futureDays: 31, max: 1e13 };
const RATE: Plausible = { sign: 'any', since: '1979-01-01', futureDays: 31, min: -5, max: 50 };
const RATIO: Plausible = { sign: 'non-negative', since: '1979-01-01', futureDays: 31, max: 100 };
const CHECKED: Array<[keyof AuctionRecord, Plausible]> = [
  ['offeringAmount', AMOUNT],
  ['totalAccepted', AMOUNT],
  ['totalTendered', AMOUNT],
  ['competitiveTendered', AMOUNT],
  ['primaryDealerTendered', AMOUNT],
  ['somaAccepted', AMOUNT],
  ['highYield', RATE],
  ['highDiscountRate', RATE],
  ['bidToCoverRatio', RATIO],
];

/** The checks of one record by itself (its CUSIP, plausible values); see checkAuctions. */
export function checkAuctionRecord(r: AuctionRecord, origin: string): void {
  if (!/^[0-9A-Z]{9}$/.test(r.cusip)) {
    throw new TidewatchError(
      'bad-input',
      `${origin}: ${r.where ? `${r.where}: ` : ''}CUSIP '${r.cusip}' is not 9 letters/digits`,
    );
  }
  for (const [field, rule] of CHECKED) {
    const v = r[field] as number | null;
    if (v === null) continue;
    assertPlausible(origin, `auction ${r.cusip} ${field}`, rule, [
      { date: r.auctionDate, value: v, ...(r.where ? { where: r.where } : {}) },
    ]);
  }
}

/** The figures two rows of one auction must agree on (see checkAuctions). */
export const AUCTION_FIGURES: ReadonlyArray<keyof AuctionRecord> = CHECKED.map(([f]) => f);

/**
 * Refuse an auction set that cannot be right, whatever it came from (TreasuryDirect export,
 * Fiscal Data CSV or API): implausible values, and one auction (CUSIP + auction date) given
 * twice with different figures (both rows named). Identical repeats are dropped with a note.
 */
export function checkAuctions(
  records: AuctionRecord[],
  origin: string,
): { records: AuctionRecord[]; warnings: string[] } {
  const first = new Map<string, AuctionRecord>();
  const out: AuctionRecord[] = [];
  for (const r of records) {
    checkAuctionRecord(r, origin);
    const key = `${r.cusip}|${r.auctionDate}`;
    const f = first.get(key);
    if (!f) {
      first.set(key, r);
      out.push(r);
      continue;
    }
    const differs = CHECKED.find(([field]) => f[field] !== r[field]);
    if (differs) {
      throw new TidewatchError(
        'bad-input',
        `${origin}: auction ${r.cusip} on ${r.auctionDate} appears twice with different ${differs[0]}: ${f[differs[0]]} (${f.where ?? '?'}) and ${r[differs[0]]} (${r.where ?? '?'})`,
        { hint: 'keep one row per auction' },
      );
    }
  }
  const repeats = records.length - out.length;
  return {
    records: out,
    warnings: repeats ? [`${origin}: ${repeats} repeated identical auction row(s) collapsed`] : [],
  };
}
