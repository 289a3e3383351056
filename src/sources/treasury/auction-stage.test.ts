import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { DuckDb } from '../../store/duckdb.js';
import { Store } from '../../store/store.js';
import { importTreasuryFiles } from '../../update/import/treasury.js';
import { parseTreasuryFile } from './ingest.js';

/**
 * Large files streamed (issue 15, bounded memory): a TreasuryDirect export staged and written
 * back in chunks of 2,000 auctions, and a DTS public debt file summed as read, give what the
 * whole-file path gives.
 */
const AUCTIONS = dataFile('treasury', 'auctions_treasurydirect_2025-2026.csv');
const DEBT = dataFile('treasury', 'DTS_PubDebtTrans_20210624_20260623.csv');

/** The real export's 250 auctions repeated under new CUSIPs to `n` rows (as the bench does). */
function bigExport(n: number, edit?: (rows: string[]) => void): string {
  const [header, ...rows] = readFileSync(AUCTIONS, 'utf8').trim().split('\r\n');
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const cells = rows[i % rows.length]!.split(';');
    cells[0] = `9${i.toString(36).toUpperCase().padStart(8, '0')}`;
    out.push(cells.join(';'));
  }
  edit?.(out);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tw-auctions-')), 'auctions.csv');
  writeFileSync(file, `${header}\r\n${out.join('\r\n')}\r\n`);
  return file;
}

async function memStore(): Promise<Store> {
  const s = new Store(await DuckDb.open(':memory:'));
  await s.migrate();
  return s;
}

describe('streamed Treasury files', () => {
  it('an export of 4,501 rows (three chunks) stores 4,500 auctions, collapses the identical repeat, re-imports as unchanged', async () => {
    const store = await memStore();
    // Data line 4,501 repeats data line 7 exactly (a different chunk).
    const file = bigExport(4_500, (rows) => rows.push(rows[6]!));
    const opts = { runId: null, today: '2026-07-01' };
    const [first] = await importTreasuryFiles(store, [file], opts);
    expect(first).toMatchObject({
      status: 'ok',
      series: 'treasury_auctions',
      newRows: 4_500,
      revisedRows: 0,
    });
    expect(first!.warnings).toContain(`${file}: 1 repeated identical auction row(s) collapsed`);
    expect(first!.warnings!.some((w) => /auction\(s\) carry lossy scientific-notation amounts/.test(w))).toBe(
      true,
    );
    const [{ n }] = (await store.db.all<{ n: number }>('SELECT count(*) AS n FROM treasury_auctions')) as [
      { n: number },
    ];
    expect(n).toBe(4_500);
    const [again] = await importTreasuryFiles(store, [file], opts);
    expect(again).toMatchObject({ status: 'ok', newRows: 0, revisedRows: 0, unchanged: 4_500 });
    await store.close();
  });

  it('the same auction on lines far apart with other figures refuses the file, naming both lines; nothing is stored', async () => {
    const store = await memStore();
    const file = bigExport(4_500, (rows) => {
      const cells = rows[2]!.split(';');
      const [header] = readFileSync(AUCTIONS, 'utf8').split('\r\n', 1);
      const col = header!.split(';').indexOf('TotalAccepted');
      cells[col] = '12345678900';
      rows.push(cells.join(';'));
    });
    const [r] = await importTreasuryFiles(store, [file], {
      runId: null,
      today: '2026-07-01',
    });
    expect(r).toMatchObject({ status: 'failed' });
    expect(r!.reason).toMatch(
      /auction 900000002 on \d{4}-\d\d-\d\d appears twice with different totalAccepted: .* \(line 4\) and 12345678900 \(line 4502\)/,
    );
    expect(await store.db.all('SELECT count(*) AS n FROM treasury_auctions')).toEqual([{ n: 0 }]);
    await store.close();
  });

  it('a DTS public debt file read in pieces gives the batches and warnings of the whole text', () => {
    const text = readFileSync(DEBT, 'utf8');
    const pieces = (function* () {
      for (let i = 0; i < text.length; i += 1000) yield text.slice(i, i + 1000);
    })();
    const whole = parseTreasuryFile(text, DEBT);
    const streamed = parseTreasuryFile({ head: text.slice(0, 4096), pieces }, DEBT);
    expect(streamed).toEqual(whole);
    expect(whole.kind === 'debt' && whole.batches.map((b) => b.rows.length)).toEqual([
      1252, 1252, 1252, 1252,
    ]);
  });
});
