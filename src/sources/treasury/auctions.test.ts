import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { parseAuctionNumber, parseAuctionsCsv } from './auctions.js';

const FILE = dataFile('treasury', 'auctions_treasurydirect_2025-2026.csv');
const { records, warnings } = parseAuctionsCsv(readFileSync(FILE, 'utf8'), FILE);

describe('TreasuryDirect auctions export (real file)', () => {
  it('reads 250 auctions: 91 Bill, 120 Note, 39 Bond (PROVENANCE)', () => {
    expect(records).toHaveLength(250);
    const n = (t: string) => records.filter((r) => r.securityType === t).length;
    expect([n('Bill'), n('Note'), n('Bond')]).toEqual([91, 120, 39]);
    expect(records[0]).toMatchObject({
      cusip: '912797VN4',
      securityTerm: '17-Week',
      auctionDate: '2026-06-24',
      issueDate: '2026-06-30',
      offeringAmount: 69_000_000_000,
      totalAccepted: 74_413_504_700,
    });
  });

  it('`1,75754E+11` is 175.754 $bn and flagged approximate — never 175754 or 1', () => {
    const r = records[0]!;
    expect(r.competitiveTendered).toBeCloseTo(1.75754e11, -3);
    expect(r.totalTendered).toBeCloseTo(1.81686e11, -3);
    expect(r.approximate).toEqual(['TotalTendered', 'CompetitiveTendered', 'PrimaryDealerTendered']);
    expect(r.approximate).not.toContain('OfferingAmount');
  });

  it('counts the lossy cells per column as in the file (TotalTendered 177, CompetitiveTendered 173, PD 94)', () => {
    const c = (f: string) => records.filter((r) => r.approximate.includes(f)).length;
    expect([c('TotalTendered'), c('CompetitiveTendered'), c('PrimaryDealerTendered')]).toEqual([
      177, 173, 94,
    ]);
    expect(warnings[0]).toMatch(/lossy scientific-notation/);
  });

  it('approximate tendered amounts are plausible: tendered ≥ accepted for every auction', () => {
    for (const r of records) {
      if (r.totalTendered !== null && r.totalAccepted !== null) {
        expect(r.totalTendered).toBeGreaterThanOrEqual(r.totalAccepted * 0.999);
      }
    }
  });
});

describe('auction amount notation (literal)', () => {
  it('plain integers and dot decimals are exact', () => {
    expect(parseAuctionNumber('69000000000', 'w')).toEqual({ value: 69e9, approximate: false });
    expect(parseAuctionNumber('2.550000', 'w')).toEqual({ value: 2.55, approximate: false });
    expect(parseAuctionNumber('', 'w')).toEqual({ value: null, approximate: false });
  });
  it('comma-decimal and dot scientific notation are approximate', () => {
    expect(parseAuctionNumber('2,18878E+11', 'w')).toEqual({ value: 2.18878e11, approximate: true });
    expect(parseAuctionNumber('1.5E+10', 'w')).toEqual({ value: 1.5e10, approximate: true });
  });
  it('an ambiguous comma number is rejected with the field named', () => {
    expect(() => parseAuctionNumber('1,5', "f.csv:3 field 'TotalAccepted'")).toThrow(
      /f\.csv:3 field 'TotalAccepted': not a number in a known notation: '1,5'/,
    );
  });
});
