import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { scionStore } from '../analytics/thirteenf/scion-store.testkit.js';
import { paramInfo } from '../core/params.js';
import { openStore } from '../store/store.js';
import { VIEWS, viewDef } from '../views/registry.js';
import { renderCsv, renderText } from '../views/text.js';
import { THIRTEENF_VIEW_COMMANDS } from './commands/thirteenf-views.js';
import { printListing } from './context.js';
import { addViewCommands } from './view-commands.js';

/**
 * The 13F display commands are rows of one table (commands/thirteenf-views.ts), built through the
 * view registry: each option sets a parameter the registry view declares, and what a command
 * prints is that view, on a store of the real Scion filings (sec/scion/PROVENANCE.md).
 */

/** Run `args` through a program holding only the rows; stdout, stderr and the exit code. */
async function run(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const program = new Command('tidewatch').exitOverride();
  addViewCommands(program.command('13f'), THIRTEENF_VIEW_COMMANDS);
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => err.push(s) > 0) as typeof process.stderr.write;
  try {
    await program.parseAsync(['node', 'tidewatch', ...args]);
  } catch (e) {
    err.push(`thrown: ${(e as Error).message}\n`);
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout: out.join(''), stderr: err.join(''), code };
}

describe('the 13F command table', () => {
  it('names registry views and sets only the parameters each view declares', () => {
    expect(THIRTEENF_VIEW_COMMANDS.map((r) => `${r.name}→${r.view}`)).toEqual([
      'holdings→13f-holdings',
      'diff→13f-diff',
      'watchlist→watchlist',
      'filings→13f-filings',
      'holders→13f-holders',
      'history→13f-history',
      'top-puts→13f-top-puts',
    ]);
    for (const row of THIRTEENF_VIEW_COMMANDS) {
      const declared = Object.keys(viewDef(row.view).params.shape);
      const set = row.options.flatMap((o) => (o.param && o.param !== 'asOf' ? [o.param] : []));
      expect(declared, row.name).toEqual(expect.arrayContaining(set));
    }
    expect(() => viewDef('13f-nothing')).toThrow("no view '13f-nothing'");
    expect(VIEWS.length).toBeGreaterThan(THIRTEENF_VIEW_COMMANDS.length);
  });
  it("an option takes exactly what its view's parameter takes (one schema: the API's 400 and the CLI's error agree)", () => {
    const probes = ['0', '1', '5', '999', '1000', '9999', '10000', '1649339', '9999999999', '10000000000'];
    probes.push('-1', '1.5', '1e3', ' 5', 'abc', '', '78462F103', '78462f103', 'NVDA');
    const compared: string[] = [];
    for (const row of THIRTEENF_VIEW_COMMANDS)
      for (const o of row.options) {
        if (!o.param || o.param === 'asOf' || !o.parse) continue;
        const schema = viewDef(row.view).params.shape[o.param] as z.ZodType;
        for (const v of probes) {
          const api = schema.safeParse(v);
          let cli: { ok: true; value: unknown } | { ok: false; message: string };
          try {
            cli = { ok: true, value: o.parse(v) };
          } catch (e) {
            cli = { ok: false, message: (e as Error).message };
          }
          expect(cli.ok, `${row.name} ${o.flags} '${v}'`).toBe(api.success);
          if (cli.ok && api.success) expect(cli.value).toEqual(api.data);
          if (!cli.ok)
            expect(cli.message).toBe(`--${o.param} must be ${paramInfo(schema).expect}, got '${v}'`);
        }
        compared.push(`${row.name} ${o.flags.split(' ')[0]}`);
      }
    expect(compared).toEqual([
      'holdings --cik',
      'holdings --top',
      'diff --cik',
      'filings --cik',
      'holders --cusip',
      'history --cik',
      'top-puts --top',
    ]);
    expect(() => THIRTEENF_VIEW_COMMANDS[0]!.options.find((o) => o.param === 'top')!.parse!('1000')).toThrow(
      "--top must be a whole number from 1 to 999, got '1000'",
    );
  });
});

describe('13F view commands on the real Scion filings', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-view-commands-'));
  const DB = path.join(dir, 'tw.duckdb');
  const D = '2026-01-10';
  beforeAll(async () => {
    await (await scionStore(DB)).close();
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('history: text is the quarter totals, --csv every position (the view built with positions)', async () => {
    const text = await run(['13f', 'history', '--cik', '1649339', '--as-of', D, '--db', DB]);
    const csv = await run(['13f', 'history', '--cik', '1649339', '--as-of', D, '--csv', '--db', DB]);
    const store = await openStore(DB);
    try {
      const def = viewDef('13f-history');
      const totals = await def.build(store, D, { cik: 1649339, positions: 'false' });
      const positions = await def.build(store, D, { cik: 1649339, positions: 'true' });
      expect(text.stdout).toBe(`${renderText(totals)}\n`);
      expect(csv.stdout).toBe(`${renderCsv(positions.tables[0]!)}\n`);
    } finally {
      await store.close();
    }
    // Scion's 2023-06-30 report (filed 2023-08-14): 33 positions, $1.7B, puts 93.6 %.
    expect(text.stdout).toMatch(/2023-06-30\s+2023-08-14\s+1\s+33\s+\$1\.7B\s+\$1\.6B\s+\$0\s+93\.6 %/);
    expect(csv.stdout).toContain(
      '\n2023-06-30,2023-08-14,78462F103,SPDR S&P 500 ETF TR,TR UNIT,Put,SH,2000000,886560000\n',
    );
  });

  it('holdings --map reads the local mapping file; the API has no such parameter', async () => {
    const map = path.join(dir, 'map.csv');
    writeFileSync(map, 'cusip,ticker,name\n78462F103,SPYX,SPDR test\n');
    const args = ['13f', 'holdings', '--period', '2023-06-30', '--as-of', D, '--csv', '--db', DB];
    const plain = await run(args);
    const mapped = await run([...args, '--map', map]);
    expect(plain.stdout.split('\n')[1]).toMatch(/^SPY put,78462F103,TR UNIT,2000000,886560000,0\.5104/);
    expect(mapped.stdout.split('\n')[1]).toMatch(/^SPYX put,78462F103,TR UNIT,2000000,886560000,0\.5104/);
    expect(Object.keys(viewDef('13f-holdings').params.shape)).not.toContain('mapFile');
  });

  it('a bad date names its option and fails before anything is built', async () => {
    const r = await run(['13f', 'top-puts', '--period', '2023-13-01', '--db', DB]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: --period must be a calendar date YYYY-MM-DD, got '2023-13-01'\n");
    expect(r.stdout).toBe('');
  });

  it('watchlist --add with a bad --as-of fails and adds nobody (bad input changes no stored data)', async () => {
    const r = await run(['13f', 'watchlist', '--add', '1067983', '--as-of', '2026-02-30', '--db', DB]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: --as-of must be a calendar date YYYY-MM-DD, got '2026-02-30'\n");
    const store = await openStore(DB);
    try {
      const rows = await store.db.all<{ n: number }>(
        'SELECT count(*)::INTEGER AS n FROM sec_watchlist WHERE cik = 1067983',
      );
      expect(rows[0]!.n).toBe(0);
    } finally {
      await store.close();
    }
    const ok = await run([
      '13f',
      'watchlist',
      '--add',
      '1067983',
      '--name',
      'Berkshire',
      '--as-of',
      D,
      '--db',
      DB,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Berkshire');
  });
});

describe('printListing (literal)', () => {
  const capture = (fn: () => void): string => {
    const out: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
    try {
      fn();
    } finally {
      process.stdout.write = write;
    }
    return out.join('');
  };
  const listing = {
    json: { rules: [{ id: 'a' }] },
    headers: ['rule', 'n'],
    rows: [
      ['a', 12],
      ['bb', null],
    ],
  };

  it('prints the rows as a table, --json the JSON exactly, and the empty line when there are none', () => {
    expect(capture(() => printListing({}, listing))).toBe('rule   n\n────  ──\na     12\nbb     —\n');
    expect(capture(() => printListing({ json: true }, listing))).toBe(
      '{\n  "rules": [\n    {\n      "id": "a"\n    }\n  ]\n}\n',
    );
    expect(capture(() => printListing({}, { ...listing, rows: [], empty: 'nothing yet' }))).toBe(
      'nothing yet\n',
    );
    expect(capture(() => printListing({ json: true }, { ...listing, json: [], rows: [], empty: 'x' }))).toBe(
      '[]\n',
    );
  });
});
