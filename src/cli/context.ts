import type { Command } from 'commander';
import { assertIsoDate, today } from '../core/dates.js';
import { isTidewatchError, TidewatchError } from '../core/errors.js';
import { forTerminal } from '../core/terminal.js';
import { openStore, type Store } from '../store/store.js';
import { type View, viewTraces } from '../views/model.js';
import { renderCsv, renderText } from '../views/text.js';

export { forTerminal, TERMINAL_CONTROLS } from '../core/terminal.js';

export interface StoreOptions {
  db?: string;
}

/** Add the options every command shares. */
export function withDbOption(cmd: Command): Command {
  return cmd.option(
    '--db <file>',
    'DuckDB file or postgres:// URL (default: $TIDEWATCH_DB or ./data/tidewatch.duckdb)',
  );
}

/** Open the store, run `fn`, always close; errors are printed for a person and exit non-zero. */
export async function withStore<T>(
  opts: StoreOptions,
  fn: (store: Store) => Promise<T>,
): Promise<T | undefined> {
  let store: Store | undefined;
  try {
    store = await openStore(opts.db);
    return await fn(store);
  } catch (e) {
    fail(e);
    return undefined;
  } finally {
    await store?.close().catch(() => undefined);
  }
}

/**
 * Print an error for a person and exit non-zero: the message (and hint), never a stack trace —
 * unless TIDEWATCH_DEBUG=1 asks for it (an unexpected error is a bug worth reporting with it).
 */
export function fail(e: unknown): void {
  const msg = isTidewatchError(e) ? e.describe() : e instanceof Error ? e.message : String(e);
  if (process.env.TIDEWATCH_DEBUG === '1' && e instanceof Error && e.stack)
    process.stderr.write(`${e.stack}\n`);
  process.stderr.write(`error: ${forTerminal(msg)}\n`);
  process.exitCode = 1;
}

/** Print text for a person (sanitized), one line per call. */
export function say(text = ''): void {
  process.stdout.write(`${forTerminal(text)}\n`);
}

/** process.stdout.write before guardStdout replaced it: the exact path for JSON. */
let exactWrite: ((s: string) => boolean) | undefined;

/**
 * Route every string written to stdout through forTerminal, so command output that does not use
 * say()/table() yet (console.log, process.stdout.write) cannot carry control characters to a
 * terminal either. printJson keeps the exact path. Installed once by main().
 */
export function guardStdout(): void {
  if (exactWrite) return;
  const raw = process.stdout.write.bind(process.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean;
  exactWrite = (s) => raw(s);
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
    raw(typeof chunk === 'string' ? forTerminal(chunk) : chunk, ...rest)) as typeof process.stdout.write;
}

/** Parse an optional --as-of/--from/--to option, with a clear message when malformed. */
export function optDate(v: string | undefined, name: string): string | undefined {
  return v === undefined ? undefined : assertIsoDate(v, name);
}

/** An option parser for a date: a malformed one fails before the store is opened or a run recorded. */
export const dateOpt =
  (name: string) =>
  (v: string): string =>
    assertIsoDate(v, name);

/** --as-of, default today: what a command shows is what was known at the end of that day. */
export const asOfOf = (opts: { asOf?: string }): string => optDate(opts.asOf, '--as-of') ?? today();

/** JSON exactly as JSON.stringify writes it (it escapes C0 controls itself). */
export function printJson(x: unknown): void {
  const text = `${JSON.stringify(x, null, 2)}\n`;
  if (exactWrite) exactWrite(text);
  else process.stdout.write(text);
}

/** A plain aligned text table for terminals (cells sanitized: see forTerminal). */
export function table(headers: string[], rows: Cell[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '—' : forTerminal(String(c)))));
  headers = headers.map(forTerminal);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const isNum = headers.map(
    (_, i) => cells.length > 0 && cells.every((r) => /^[-+$]?[\d.,]+[%TBMk]?$|^—$/.test(r[i] ?? '')),
  );
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (isNum[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [fmt(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(fmt)].join('\n');
}

/** One cell of a text table: `null`/`undefined` print as an em dash. */
export type Cell = string | number | null | undefined;

/**
 * A listing that is not a view (stored series, alert rules): `--json` prints `json` exactly,
 * else the rows as an aligned text table (`table`), or `empty` when there are none.
 */
export function printListing(
  opts: { json?: boolean },
  listing: { json: unknown; headers: string[]; rows: Cell[][]; empty?: string },
): void {
  if (opts.json) printJson(listing.json);
  else if (!listing.rows.length && listing.empty) say(listing.empty);
  else say(table(listing.headers, listing.rows));
}

/**
 * Print a view model the way the user asked: `--json` the data behind it (`json()`) with the
 * view's trace references under `traces` (when it has any), `--csv` its first table, else the
 * text rendering. An empty view (nothing to show) exits 1 with its reason.
 */
export function printView(
  view: View,
  opts: { json?: boolean; csv?: boolean },
  json: () => unknown = () => view.data,
): void {
  if (view.empty && !opts.json) {
    fail(
      new TidewatchError('not-found', view.empty.message, view.empty.hint ? { hint: view.empty.hint } : {}),
    );
    return;
  }
  if (opts.json) {
    const body = json();
    const traces = viewTraces(view);
    printJson(
      traces && body && typeof body === 'object' && !Array.isArray(body) ? { ...body, traces } : body,
    );
    return;
  }
  if (opts.csv) {
    const t = view.tables[0];
    if (t) say(renderCsv(t));
    return;
  }
  say(renderText(view));
}

/** The options a view command's action reads besides its own (every view has an as-of day). */
export interface ViewOptions extends StoreOptions {
  asOf?: string;
  json?: boolean;
  csv?: boolean;
}

/** What a view command prints: the help of its output flags, and how (default: printView). */
export interface ViewOutput<V extends View, O> {
  /** Help for `--json` and `--csv` (none: the bare flag). */
  json?: string;
  csv?: string;
  print?: (view: V, opts: O) => void;
}

/**
 * A command that prints a view model. `cmd` (name, description, its own options) gets `--json`,
 * `--csv` and `--db` after its own options; its action opens the store, builds the view with
 * `build` from the options and the command's arguments, and prints it as asked (printView unless
 * `out.print`).
 */
export function viewCommand<V extends View, O extends ViewOptions = ViewOptions>(
  cmd: Command,
  build: (store: Store, opts: O, args: string[]) => Promise<V>,
  out: ViewOutput<V, O> = {},
): Command {
  return storeCommand(
    cmd.option('--json', out.json).option('--csv', out.csv),
    async (store, opts: O, args) => {
      const view = await build(store, opts, args);
      if (out.print) out.print(view, opts);
      else printView(view, opts);
    },
  );
}

/**
 * A command that works on the store: `cmd` gets `--db` after its own options; its action opens
 * the store, runs `fn` with the options and the command's arguments, and closes it (withStore).
 */
export function storeCommand<O extends StoreOptions>(
  cmd: Command,
  fn: (store: Store, opts: O, args: string[]) => Promise<unknown>,
): Command {
  // Commander calls an action with the command's arguments, then the options, then the command.
  return withDbOption(cmd).action(async (...a: unknown[]) => {
    const opts = a.at(-2) as O;
    await withStore(opts, (store) => fn(store, opts, a.slice(0, -2) as string[]));
  });
}
