import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { exitStatusOf } from '../../src/cli/import-run.js';
import type { Db } from '../../src/store/db.js';
import type { SeriesSummary } from '../../src/update/types.js';

/**
 * Helpers for the table-driven malformed-file tests: a hash of everything a store holds, a
 * place to write each broken file under the name a user would give it, and the assertion every
 * case shares (refused with exit status 2, a message naming file, line and value, store
 * unchanged).
 */

/**
 * SHA-256 over every row of every table (rows sorted, so the physical order does not matter).
 * `ingest_runs` is left out on purpose: recording the failed attempt is the point of a run row.
 */
export async function storeHash(db: Db): Promise<string> {
  const tables = await db.all<{ name: string }>(
    db.dialect === 'duckdb'
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1"
      : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const h = createHash('sha256');
  for (const { name } of tables) {
    if (name === 'ingest_runs') continue;
    const rows = await db.all(`SELECT * FROM ${name}`);
    const lines = rows
      .map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)))
      .sort();
    h.update(`${name}:${lines.length}\n${lines.join('\n')}\n`);
  }
  return h.digest('hex');
}

const ROOT = mkdtempSync(path.join(tmpdir(), 'tw-malformed-'));

/** Write `bytes` as `<tmp>/<case>/<name>` (name may hold a folder: prices use folder/NAME.csv). */
export function writeCase(caseName: string, name: string, bytes: string | Uint8Array): string {
  const dir = path.join(ROOT, caseName.replace(/[^\w.-]+/g, '_'));
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return file;
}

export interface Refusal {
  /** Patterns the failure reason must match: the file, the line (or element), the value. */
  reason: RegExp[];
}

/** The import was refused: exit status 2, one failed item whose reason matches every pattern. */
export function expectRefused(summaries: SeriesSummary[], file: string, r: Refusal): void {
  expect(exitStatusOf(summaries)).toBe(2);
  const failed = summaries.filter((s) => s.status === 'failed');
  expect(failed).toHaveLength(1);
  expect(failed[0]!.reason).toContain(path.basename(file));
  for (const p of r.reason) expect(failed[0]!.reason).toMatch(p);
}
