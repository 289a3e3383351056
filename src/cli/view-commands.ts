import { type Command, Option } from 'commander';
import { given } from '../core/params.js';
import type { Store } from '../store/store.js';
import type { View } from '../views/model.js';
import type { LocalParams } from '../views/registry.js';
import { asOfOf, optDate, type ViewOptions, type ViewOutput, viewCommand } from './context.js';

/**
 * View commands as rows of a table: a command that prints one view of src/views/registry.ts is
 * its name, description, view id and options, each option naming the view parameter it sets
 * (the name the API uses too). One action builds every such command's view through the
 * registry, so the CLI and `/api/views/<id>` build a view alike.
 */

/** One option of a view command: its flags and help as `--help` shows them, and what it sets. */
export interface ViewOption {
  flags: string;
  help: string;
  /** The view parameter it sets (a key of the view's `params`), or `asOf` (default today). */
  param?: string;
  /** Or a parameter only a local caller gives (a file on this machine). */
  local?: keyof LocalParams;
  /** A date: checked in the action, in option order, before the view is built. */
  date?: boolean;
  /** Reads the text when the command line is parsed, before the store is opened. */
  parse?: (v: string) => unknown;
  default?: unknown;
  required?: boolean;
}

/** What a view command's action reads: its own options by attribute name, besides the output flags. */
export type RowOptions = ViewOptions & Record<string, unknown>;

/** A command that prints one registry view, as a row of a command table. */
export interface ViewCommandRow extends ViewOutput<View, RowOptions> {
  name: string;
  description: string;
  /** The view's id in src/views/registry.ts (its API path is /api/views/<id>). */
  view: string;
  options: ViewOption[];
  /** Parameters that come from something other than an option of their own (the output format). */
  params?(opts: RowOptions): Record<string, unknown>;
  /** What the command does before the view is built (after its options are checked). */
  before?(store: Store, opts: RowOptions): Promise<void>;
}

function commanderOption(o: ViewOption): Option {
  const opt = new Option(o.flags, o.help);
  if (o.parse) opt.argParser(o.parse);
  if (o.default !== undefined) opt.default(o.default);
  return o.required ? opt.makeOptionMandatory() : opt;
}

/**
 * Add each row as a subcommand of `parent` (in table order, so `--help` lists them so): its
 * options in row order, then `--json`, `--csv` and `--db` (viewCommand).
 */
export function addViewCommands(parent: Command, rows: readonly ViewCommandRow[]): void {
  for (const row of rows) {
    const options = row.options.map((o) => ({ o, opt: commanderOption(o) }));
    const cmd = parent.command(row.name).description(row.description);
    for (const { opt } of options) cmd.addOption(opt);
    viewCommand(
      cmd,
      async (store, opts: RowOptions) => {
        const params: Record<string, unknown> = {};
        const local: Record<string, unknown> = {};
        for (const { o, opt } of options) {
          const v = opts[opt.attributeName()];
          const value = o.date ? optDate(v as string | undefined, opt.long ?? o.flags) : v;
          if (o.param) params[o.param] = value;
          else if (o.local) local[o.local] = value;
        }
        const { asOf, ...own } = params as { asOf?: string };
        const day = asOfOf({ asOf });
        await row.before?.(store, opts);
        const { viewDef } = await import('../views/registry.js');
        return viewDef(row.view).build(store, day, { ...given(own), ...row.params?.(opts) }, given(local));
      },
      row,
    );
  }
}
