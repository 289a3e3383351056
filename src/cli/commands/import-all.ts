import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { today } from '../../core/dates.js';
import { walkFiles } from '../../update/files.js';
import { fail, withDbOption, withStore } from '../context.js';
import { runImport } from '../import-run.js';
import { importCommand } from './core.js';

/**
 * Which files of a folder laid out like ../shared/data go to which importer. Files the
 * importers do not read (PROVENANCE.md, replay manifests, third-party derived tables, format
 * samples) are left out on purpose.
 */
export function planImportAll(dir: string, notes: string[] = []): Array<{ kind: string; args: string[] }> {
  const plan: Array<{ kind: string; args: string[] }> = [];
  const add = (kind: string, files: string[]) => {
    if (files.length) plan.push({ kind, args: files });
  };
  // Dangling links become unreadable files their importer reports; link loops are cut.
  const walk = (root: string, keep: (f: string) => boolean): string[] => {
    if (!existsSync(root)) return [];
    const r = walkFiles([root], keep);
    notes.push(...r.notes);
    return r.files;
  };
  add(
    'fred',
    walk(path.join(dir, 'fred'), (f) => f.endsWith('.csv')),
  );
  add(
    'treasury',
    walk(path.join(dir, 'treasury'), (f) => f.endsWith('.csv')),
  );
  add(
    'nyfed',
    walk(path.join(dir, 'nyfed'), (f) => f.endsWith('.json')),
  );
  add(
    'xbrl',
    walk(path.join(dir, 'sec', 'xbrl'), (f) => /CIK\d+\.json$|\.xml$|\.htm$/.test(f)),
  );
  add(
    '13f',
    walk(path.join(dir, 'sec'), (f) => /13F.*\.txt$|\.nc\.txt$/i.test(path.basename(f)) && !/13F-NT/.test(f)),
  );
  add(
    'prices',
    walk(path.join(dir, 'prices'), (f) => f.endsWith('.csv')),
  );
  add(
    'crypto',
    walk(path.join(dir, 'crypto'), (f) => /\.(csv|json)$/.test(f)),
  );
  return plan;
}

/**
 * `newProgram` builds a fresh CLI program (main.ts passes its own builder, so this module does
 * not import main.ts back).
 */
export function register(program: Command, newProgram: () => Command): void {
  registerCuratedImport(program);
  withDbOption(
    importCommand(program)
      .command('all')
      .argument(
        '<dir>',
        'a folder laid out like ../shared/data (fred/, treasury/, nyfed/, sec/, prices/, crypto/)',
      )
      .description('import every recognised file of a data folder, one importer after the other')
      .option('--verbose', 'list every warning (default: one counted line per source)'),
  ).action(async (dir: string, opts: { db?: string; verbose?: boolean }) => {
    if (!existsSync(dir)) {
      fail(new Error(`${dir}: no such folder`));
      return;
    }
    const notes: string[] = [];
    const plan = planImportAll(dir, notes);
    for (const n of notes) process.stdout.write(`note: ${n}\n`);
    if (!plan.length) {
      fail(
        new Error(
          `${dir}: nothing to import (expected subfolders fred/, treasury/, nyfed/, sec/, prices/, crypto/)`,
        ),
      );
      return;
    }
    let worst = 0;
    // The curated files ship with the code: every import all stores them first.
    for (const step of [{ kind: 'curated', args: [] as string[] }, ...plan]) {
      process.stdout.write(`\n== import ${step.kind}: ${step.args.length} file(s)\n`);
      process.exitCode = 0;
      // A fresh program per step: commander keeps option values between parses.
      await newProgram().parseAsync(
        [
          'import',
          step.kind,
          ...step.args,
          ...(opts.db ? ['--db', opts.db] : []),
          ...(opts.verbose ? ['--verbose'] : []),
        ],
        { from: 'user' },
      );
      worst = Math.max(worst, Number(process.exitCode ?? 0));
    }
    process.exitCode = worst;
  });
}

/** `tidewatch import curated [FILE...]`: the curated datasets into the store (default: the shipped files). */
function registerCuratedImport(program: Command): void {
  withDbOption(
    importCommand(program)
      .command('curated')
      .description(
        'store the curated datasets (token disclosures, market events, liquidation totals, short episodes); default the files shipped in src/',
      )
      .argument('[files...]', 'manifest.json and the four curated CSVs (default: the shipped ones)')
      .option('--json', 'print the summary as JSON')
      .option('--verbose', 'list every warning (default: one counted line per source)'),
  ).action(async (files: string[], opts) =>
    withStore(opts, (store) =>
      runImport(store, 'curated', opts, async (runId) =>
        (await import('../../update/import/curated.js')).importCurated(store, {
          runId,
          today: today(),
          files,
        }),
      ),
    ),
  );
}
