import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.js';
import { dataFile } from '../../../test/shared-data.js';

/** `tidewatch risk` through the real CLI on a store filled by `import fred` with the real files. */
describe('tidewatch risk (text, --csv, --json)', () => {
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'tw-risk-')), 't.duckdb');

  it('prints the view: level, the rules that fired in their units, and --csv of those rules', () => {
    const files = [
      'WALCL.csv',
      'WTREGEN.csv',
      'RRPONTSYD.csv',
      'BAMLH0A0HYM2.csv',
      'VIXCLS.csv',
      'NFCI.csv',
    ].map((f) => dataFile('fred', f));
    const sofr = ['SOFR.csv', 'IORB.csv', 'WRESBAL.csv'].map((f) => dataFile('fred', 'sofr3-2021-2026', f));
    expect(runCli(['import', 'fred', ...files, ...sofr, '--db', db]).code).toBe(0);
    const t = runCli(['risk', '--as-of', '2025-10-31', '--db', db]);
    expect(t.code).toBe(0);
    const lines = t.stdout.split('\n');
    expect(lines[0]).toBe(
      'Risk level 1 — liquidity squeeze in the week ending 2025-10-31 (net_liquidity_falling, repo_crosses_iorb, reserves_falling)',
    );
    expect(t.stdout).toMatch(/L1\s+repo_crosses_iorb\s+\+16 bp\s+>\s+0 bp/);
    expect(t.stdout).toMatch(/L1\s+net_liquidity_falling\s+−9\.7 %\s+≤\s+−5\.0 %/);
    expect(t.stdout).toMatch(/^1 — liquidity squeeze\s+42\s+4\.3 %\s+21$/m);
    const csv = runCli(['risk', '--as-of', '2025-10-31', '--csv', '--db', db]);
    expect(csv.stdout.trim().split('\n')).toEqual([
      'level,rule,value,op,threshold,why',
      // Raw numbers (a fraction, bp), quoted where the text has a comma.
      'L1,net_liquidity_falling,-0.09675098730372356,≤,-0.05,"net liquidity down ≥ 5 % in 13 weeks (TGA build, RRP drain, QT)"',
      'L1,repo_crosses_iorb,16,>,0,"SOFR above the rate on reserves on some day: repo ""crossed the line"""',
      'L1,reserves_falling,-0.14918770131211734,≤,-0.1,reserves down ≥ 10 % in 13 weeks',
    ]);
    const j = JSON.parse(runCli(['risk', '--as-of', '2025-10-31', '--json', '--db', db]).stdout) as {
      current: { level: number };
      counts: Array<{ level: number; weeks: number; runs: number }>;
      weeks: unknown[];
    };
    expect(j.current.level).toBe(1);
    expect(j.counts.find((c) => c.level === 1)).toMatchObject({ weeks: 42, runs: 21 });
    expect(j.weeks).toHaveLength(983);
  });

  it('before the history starts: exit 1 with the reason, not a level', () => {
    const r = runCli(['risk', '--as-of', '2006-06-30', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No risk level before 2007-01-05/);
    expect(r.stdout).toBe('');
  });
});
