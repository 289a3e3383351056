import type { Db } from '../../store/db.js';
import { Stage } from '../../store/stage.js';
import type { StreamedFile } from '../../update/files.js';
import type { Batch } from '../batches.js';
import type { Transformed } from '../define.js';
import {
  AUCTION_FIGURES,
  type AuctionRecord,
  approximateNote,
  auctionsOfCsv,
  checkAuctionRecord,
  checkAuctions,
} from './auctions.js';

/**
 * A TreasuryDirect auctions export streamed: each record is checked by itself as it is read
 * (checkAuctionRecord) and staged in a scratch table instead of kept in JS (a 245 MB export held
 * about 1.5 KB of heap per record). The checks over the whole file are SQL over the stage: one
 * auction given again with other figures refuses the file with checkAuctions' own message
 * (both rows named), identical repeats are collapsed with its note. The write then reads the
 * stage back a chunk at a time, in file order, through writeAuctions.
 */
const COLUMNS = [
  ['cusip', 'VARCHAR'],
  ['security_type', 'VARCHAR'],
  ['security_term', 'VARCHAR'],
  ['cash_management_bill', 'BOOLEAN'],
  ['auction_date', 'VARCHAR'],
  ['issue_date', 'VARCHAR'],
  ['maturity_date', 'VARCHAR'],
  ['offering_amount', 'DOUBLE'],
  ['total_accepted', 'DOUBLE'],
  ['total_tendered', 'DOUBLE'],
  ['competitive_tendered', 'DOUBLE'],
  ['primary_dealer_tendered', 'DOUBLE'],
  ['soma_accepted', 'DOUBLE'],
  ['high_yield', 'DOUBLE'],
  ['high_discount_rate', 'DOUBLE'],
  ['bid_to_cover', 'DOUBLE'],
  ['approximate', 'VARCHAR'],
  ['line', 'BIGINT'],
] as const;

/** AuctionRecord field → stage column (the record's fields in COLUMNS order, then approximate). */
const FIELD_COLUMN: Array<[keyof AuctionRecord, string]> = [
  ['cusip', 'cusip'],
  ['securityType', 'security_type'],
  ['securityTerm', 'security_term'],
  ['cashManagementBill', 'cash_management_bill'],
  ['auctionDate', 'auction_date'],
  ['issueDate', 'issue_date'],
  ['maturityDate', 'maturity_date'],
  ['offeringAmount', 'offering_amount'],
  ['totalAccepted', 'total_accepted'],
  ['totalTendered', 'total_tendered'],
  ['competitiveTendered', 'competitive_tendered'],
  ['primaryDealerTendered', 'primary_dealer_tendered'],
  ['somaAccepted', 'soma_accepted'],
  ['highYield', 'high_yield'],
  ['highDiscountRate', 'high_discount_rate'],
  ['bidToCoverRatio', 'bid_to_cover'],
];
const columnOf = new Map(FIELD_COLUMN);

/** Records handed to writeAuctions per batch. */
const CHUNK = 2_000;

type StagedRow = Record<string, unknown> & { line: number; approximate: string };

function recordOf(r: StagedRow): AuctionRecord {
  const out: Record<string, unknown> = {};
  for (const [field, col] of FIELD_COLUMN) out[field] = r[col] ?? null;
  return {
    ...(out as unknown as AuctionRecord),
    approximate: r.approximate ? r.approximate.split(',') : [],
    where: `line ${Number(r.line)}`,
  };
}

export async function streamAuctionsFile(f: StreamedFile, db: Db): Promise<Transformed> {
  const stage = await Stage.create(db, COLUMNS);
  const t = stage.table;
  const origin = f.file;
  const all = COLUMNS.map(([c]) => c).join(', ');
  try {
    let approx = 0;
    for (const r of auctionsOfCsv(f.pieces(), f.file)) {
      checkAuctionRecord(r, origin);
      if (r.approximate.length) approx++;
      await stage.add([
        ...FIELD_COLUMN.map(([field]) => r[field] as string | number | boolean | null),
        r.approximate.join(','),
        Number(r.where!.slice('line '.length)),
      ]);
    }
    await stage.flush();
    const warnings = approx ? [approximateNote(origin, approx)] : [];
    // The first row (in file order) that repeats an auction's first row with other figures.
    const differs = AUCTION_FIGURES.map(
      (fld) => `a.${columnOf.get(fld)} IS DISTINCT FROM b.${columnOf.get(fld)}`,
    );
    const firstOf = `SELECT cusip, auction_date, min(line) AS line FROM ${t} GROUP BY cusip, auction_date HAVING count(*) > 1`;
    const clash = await db.all<StagedRow>(
      `SELECT ${COLUMNS.map(([c]) => `a.${c} AS a_${c}, b.${c} AS b_${c}`).join(', ')}
         FROM (${firstOf}) k
         JOIN ${t} a ON a.cusip = k.cusip AND a.auction_date = k.auction_date AND a.line = k.line
         JOIN ${t} b ON b.cusip = k.cusip AND b.auction_date = k.auction_date AND b.line > k.line
        WHERE ${differs.join(' OR ')}
        ORDER BY b.line LIMIT 1`,
    );
    if (clash[0]) {
      const side = (p: string) =>
        recordOf(Object.fromEntries(COLUMNS.map(([c]) => [c, clash[0]![`${p}_${c}`]])) as StagedRow);
      // checkAuctions words the refusal (both rows named), as for a file held whole.
      checkAuctions([side('a'), side('b')], origin);
    }
    const [{ n }] = (await db.all<{ n: number }>(
      `SELECT coalesce(sum(c - 1), 0) AS n FROM (SELECT count(*) AS c FROM ${t} GROUP BY cusip, auction_date) g`,
    )) as [{ n: number }];
    if (Number(n)) {
      await db.run(
        `DELETE FROM ${t} b WHERE EXISTS (SELECT 1 FROM ${t} a WHERE a.cusip = b.cusip AND a.auction_date = b.auction_date AND a.line < b.line)`,
      );
      warnings.push(`${origin}: ${Number(n)} repeated identical auction row(s) collapsed`);
    }
    async function* more(tx: Db): AsyncIterable<Batch> {
      for (let after = -1; ; ) {
        const rows = await tx.all<StagedRow>(
          `SELECT ${all} FROM ${t} WHERE line > $1 ORDER BY line LIMIT ${CHUNK}`,
          [after],
        );
        if (!rows.length) return;
        after = Number(rows.at(-1)!.line);
        yield { kind: 'auctions', label: 'treasury_auctions', records: rows.map(recordOf), origin };
      }
    }
    return { batches: [], warnings, more, done: () => stage.drop() };
  } catch (e) {
    await stage.drop();
    throw e;
  }
}
