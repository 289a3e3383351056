import type { Command } from 'commander';
import { optDate, printJson, storeCommand, type ViewOptions } from '../context.js';

export function register(program: Command): void {
  storeCommand(
    program
      .command('export')
      .argument('<what>', 'a stored table (observations, price_bars, sec_13f_rows, …) or a series id (WALCL)')
      .description('write a table or a series to CSV or Parquet (DuckDB COPY)')
      .requiredOption('--out <file>', 'file to write')
      .option('--format <format>', 'csv or parquet (default: from the file name, else csv)')
      .option('--as-of <date>', 'only what was known by this day (vintages, filing dates, row dates)')
      .option('--vintages', 'series: every vintage, not only the latest per date')
      .option('--json', 'print the result as JSON'),
    async (store, opts: ViewOptions & { out: string; format?: string; vintages?: boolean }, [what]) => {
      const format = opts.format ?? (String(opts.out).endsWith('.parquet') ? 'parquet' : 'csv');
      if (format !== 'csv' && format !== 'parquet')
        throw new Error(`--format must be csv or parquet, got '${format}'`);
      const r = await (await import('../../store/export.js')).exportData(store.db, {
        what: what!,
        format,
        out: opts.out,
        asOf: optDate(opts.asOf, '--as-of'),
        vintages: Boolean(opts.vintages),
      });
      if (opts.json) return printJson(r);
      console.log(`${r.kind} ${r.what}: ${r.rows} rows → ${r.out} (${format}, ${r.bytes} bytes)`);
    },
  );
}
