import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.js';
import { dataFile } from '../../../test/shared-data.js';

describe('tidewatch import treasury|nyfed + plumbing (real CLI, real files)', () => {
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'tw-plumbing-')), 't.duckdb');
  it('imports, then prints the table as of a date and JSON with the thesis-1 check', () => {
    const t = runCli([
      'import',
      'treasury',
      dataFile('treasury', 'DTS_OpCashBal_20210624_20260623.csv'),
      '--db',
      db,
    ]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/DTS:TGA_CLOSE\s+ok\s+1252/);
    const n = runCli([
      'import',
      'nyfed',
      dataFile('nyfed', 'sofr-read-endpoint-snapshots', 'sofr_2025-10-31.json'),
      '--db',
      db,
    ]);
    expect(n.code).toBe(0);
    const f = runCli([
      'import',
      'fred',
      dataFile('fred', 'sofr3-2021-2026', 'IORB.csv'),
      dataFile('fred', 'sofr3-2021-2026', 'WRESBAL.csv'),
      '--db',
      db,
    ]);
    expect(f.code).toBe(0);
    const p = runCli(['plumbing', '--as-of', '2025-11-03', '--db', db]);
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(/SOFR 99th pct − IORB\s+2025-10-31\s+\+45bp/); // p99 4.35 − IORB 3.90
    expect(p.stdout).toMatch(/Treasury General Account\s+2025-10-31\s+\$926\.3B/);
    expect(p.stdout).toMatch(/\$2\.2T \(2023\): not confirmed/);
    const j = runCli(['plumbing', '--as-of', '2025-11-03', '--json', '--db', db]);
    const body = JSON.parse(j.stdout) as { rows: { id: string; value: number | null }[]; notes: string[] };
    expect(body.rows.find((r) => r.id === 'reserves')!.value).toBe(2_848_021e6);
    expect(body.notes[0]).toMatch(/IOER not available/);
  });

  it('bad --as-of is rejected with the option named', () => {
    const r = runCli(['plumbing', '--as-of', '2025-02-30', '--db', db]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--as-of must be a calendar date/);
  });
});
