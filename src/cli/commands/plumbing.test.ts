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
    // The view's headline and key figures: SOFR 4.22 (NY Fed snapshot) − IORB 3.90 = +32 bp.
    expect(p.stdout.split('\n')[0]).toBe(
      'Plumbing as known on 2025-11-03: reserves $2.848T (2025-10-29), SOFR − IORB +32 bp (2025-10-31), stress score 93.4 (2025-10-29)',
    );
    expect(p.stdout).toContain('  SOFR − IORB: +32 bp  2025-10-31');
    expect(p.stdout).toMatch(/SOFR 99th pct − IORB\s+2025-10-31\s+\+45 bp/); // p99 4.35 − IORB 3.90
    expect(p.stdout).toMatch(/Treasury General Account\s+2025-10-31\s+\$926\.3B\s+\+\$107\.0B/);
    // A change of a rate is in percentage points, in the same table as the rate in percent.
    expect(p.stdout).toMatch(/Rate on reserves \(IOER→IORB\)\s+2025-11-03\s+3\.90 %\s+−0\.25 pp/);
    expect(p.stdout).toMatch(/reserves low of 2023\s+\$2\.200T\s+not confirmed/);
    // Inputs that are not stored are named, not shown as zero.
    expect(p.stdout).toMatch(/No data known on 2025-11-03 for: EFFR − IORB; Standing repo take-up; ON RRP;/);
    const csv = runCli(['plumbing', '--as-of', '2025-11-03', '--csv', '--db', db]);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('indicator,date,value,change1m,percentile,stale,source,unit');
    expect(lines).toContain('SOFR − IORB,2025-10-31,32,,50,no,,bp');
    expect(lines.find((l) => l.startsWith('Reserve balances (WRESBAL),'))).toMatch(
      /^Reserve balances \(WRESBAL\),2025-10-29,2848021000000,-154197000000,/,
    );
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
