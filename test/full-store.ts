import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { runCli } from './cli.js';
import { SHARED_DATA } from './shared-data.js';

/**
 * The full store a user gets from the README's offline demo: every real file of ../shared/data
 * imported (`import all`) and then a replayed `update`. Built once per test run (the first test
 * that asks builds it while the others wait) and handed out as private copies.
 */
function runDir(): string {
  try {
    return inject('runDir');
  } catch {
    // Outside a vitest run (a bench): a folder of this process.
    return mkdtempSync(path.join(tmpdir(), 'tw-run-'));
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

let built: string | undefined;

function buildOnce(): string {
  if (built) return built;
  const dir = runDir();
  const db = path.join(dir, 'full.duckdb');
  const ready = path.join(dir, 'full.ready');
  const lock = path.join(dir, 'full.lock');
  let mine = false;
  try {
    mkdirSync(lock);
    mine = true;
  } catch {
    // Another worker is building it.
  }
  const failed = path.join(dir, 'full.failed');
  if (mine) {
    try {
      build(db, dir);
    } catch (e) {
      writeFileSync(failed, String(e));
      throw e;
    }
    writeFileSync(ready, '');
  } else {
    const deadline = Date.now() + 300_000;
    while (!existsSync(ready)) {
      if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'));
      if (Date.now() > deadline)
        throw new Error('full store: timed out waiting for another worker to build it');
      sleep(200);
    }
  }
  built = db;
  return db;
}

function build(db: string, dir: string): void {
  {
    const env = { TIDEWATCH_REPLAY_DIR: SHARED_DATA, TIDEWATCH_ARCHIVE_DIR: path.join(dir, 'archive') };
    // Generous time: on a loaded 2-core machine `import all` alone can take minutes.
    const imp = runCli(['import', 'all', SHARED_DATA, '--db', db], env, { timeoutMs: 900_000 });
    if (imp.code !== 0)
      throw new Error(`full store: import all failed (exit ${imp.code}):\n${imp.stderr.slice(-2000)}`);
    // The replayed update has sources without recordings: those fail by design (exit code 1).
    const upd = runCli(['update', '--db', db], env, { timeoutMs: 900_000 });
    if (!/\d+ ok, \d+ failed/.test(upd.stdout))
      throw new Error(`full store: update did not finish:\n${upd.stderr.slice(-2000)}`);
  }
}

/** A private copy of the full real-data store (a DuckDB file path). */
export function fullStoreCopy(): string {
  const src = buildOnce();
  const dest = path.join(mkdtempSync(path.join(tmpdir(), 'tw-full-')), 'tw.duckdb');
  copyFileSync(src, dest);
  return dest;
}
