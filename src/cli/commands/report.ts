import type { Command } from 'commander';
import { today } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { fail, optDate, printJson, say, withDbOption, withStore } from '../context.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function size(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} kB`;
}

export function register(program: Command): void {
  withDbOption(
    program
      .command('report')
      .description('the dashboard as of a day in one self-contained file: HTML (opens offline) or A4 PDF, drawn by Chromium')
      .option('--as-of <date>', 'the day the report describes: only data published by then (default today)')
      .requiredOption('--out <file>', 'FILE.html or FILE.pdf; give it twice for both from one rendering', collect, [])
      .option('--json', 'print the result as JSON'),
  ).action(async (opts) => {
    const { checkReport, writeReport } = await import('../../report/report.js');
    let asOf: string;
    try {
      // Wrong arguments or no browser: said before the store is opened or anything drawn.
      asOf = optDate(opts.asOf, '--as-of') ?? today();
      await checkReport(opts.out);
    } catch (e) {
      return fail(e);
    }
    await withStore(opts, async (store) => {
      process.stderr.write(`drawing the dashboard as of ${asOf} in Chromium…\n`);
      const r = await writeReport(store, { asOf, out: opts.out });
      if (opts.json) printJson(r);
      else for (const w of r.written) say(`report as of ${r.asOf}: ${w.file} (${w.format}, ${size(w.bytes)}, ${r.charts} charts)`);
      // The files are written with the broken section saying so in place; the exit status says it too.
      if (r.problems.length)
        throw new TidewatchError('http', `${r.problems.length} problem(s) while drawing the report:\n  ${r.problems.join('\n  ')}`);
    });
  });
}
