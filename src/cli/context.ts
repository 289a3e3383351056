import type { Command } from 'commander';
import { isTidewatchError } from '../core/errors.js';
import { assertIsoDate } from '../core/dates.js';
import { openStore, type Store } from '../store/store.js';

export interface StoreOptions {
  db?: string;
}

/** Add the options every command shares. */
export function withDbOption(cmd: Command): Command {
  return cmd.option('--db <file>', 'DuckDB file or postgres:// URL (default: $TIDEWATCH_DB or ./data/tidewatch.duckdb)');
}

/** Open the store, run `fn`, always close; errors are printed for a person and exit non-zero. */
export async function withStore<T>(opts: StoreOptions, fn: (store: Store) => Promise<T>): Promise<T | undefined> {
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

export function fail(e: unknown): void {
  const msg = isTidewatchError(e) ? e.describe() : e instanceof Error ? e.message : String(e);
  process.stderr.write(`error: ${msg}\n`);
  process.exitCode = 1;
}

/** Parse an optional --as-of/--from/--to option, with a clear message when malformed. */
export function optDate(v: string | undefined, name: string): string | undefined {
  return v === undefined ? undefined : assertIsoDate(v, name);
}

export function printJson(x: unknown): void {
  process.stdout.write(`${JSON.stringify(x, null, 2)}\n`);
}

/** A plain aligned text table for terminals. */
export function table(headers: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '—' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const isNum = headers.map((_, i) => cells.length > 0 && cells.every((r) => /^[-+$]?[\d.,]+[%TBMk]?$|^—$/.test(r[i] ?? '')));
  const fmt = (r: string[]) => r.map((c, i) => (isNum[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [fmt(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(fmt)].join('\n');
}
