import { Command } from 'commander';
import { register as registerAlerts } from './commands/alerts.js';
import { register as registerAnalytics } from './commands/analytics.js';
import { register as registerCapex } from './commands/capex.js';
import { register as registerCore } from './commands/core.js';
import { register as registerExport } from './commands/export.js';
import { register as registerImportAll } from './commands/import-all.js';
import { register as registerMarkets } from './commands/markets.js';
import { register as registerPlumbing } from './commands/plumbing.js';
import { register as registerReport } from './commands/report.js';
import { register as registerSec } from './commands/sec.js';
import { register as registerServe } from './commands/serve.js';
import { fail, guardStdout } from './context.js';

/** Domain command modules; each adds its commands (and `import <kind>` subcommands). */
const COMMAND_MODULES: Array<(program: Command) => void> = [
  registerCore,
  registerServe,
  registerCapex,
  registerSec,
  registerPlumbing,
  registerMarkets,
  registerAnalytics,
  registerAlerts,
  registerExport,
  (program) => registerImportAll(program, buildProgram),
  registerReport,
];

export function buildProgram(): Command {
  const program = new Command('tidewatch')
    .description('macro-liquidity and AI-bubble risk monitor: check the commentary against the data')
    .version('0.1.0')
    .showHelpAfterError(
      '(`tidewatch --help` lists the commands, `tidewatch <command> --help` their options)',
    );
  for (const register of COMMAND_MODULES) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  guardStdout();
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    // An option that does not parse (`--cik abc`) throws out of commander: a message, never a stack.
    fail(e);
  }
}
