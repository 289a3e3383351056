import type { Command } from 'commander';
import { asOfOf, optDate, printJson, storeCommand, type ViewOptions } from '../context.js';

export function register(program: Command): void {
  storeCommand(
    program
      .command('trace')
      .argument(
        '<what>',
        'a series id (WALCL), net-liquidity, reserves, price:<SYMBOL> or 13f:<cik>:<period>:<cusip>[:put|call]',
      )
      .description('follow a figure to its observations, ingest run and the archived bytes it was read from')
      .option('--date <date>', 'the day of the figure (default: the as-of day)')
      .option('--as-of <date>', 'as known on this day (default: today)')
      .option('--json', 'print the trace as JSON'),
    async (store, opts: ViewOptions & { date?: string }, [what]) => {
      const { trace } = await import('../../trace/trace.js');
      const asOf = asOfOf(opts);
      const r = await trace(store, what!, optDate(opts.date, '--date') ?? asOf, asOf);
      if (opts.json) return printJson(r);
      const { renderTrace } = await import('../../trace/text.js');
      console.log(renderTrace(r));
    },
  );
}
