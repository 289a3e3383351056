import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder private to this test run, shared by every worker (see test/full-store.ts). */
    runDir: string;
  }
}

/** One scratch folder per `npm test` run, removed at the end. */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-run-'));
  project.provide('runDir', dir);
  // Imports and replayed updates archive the bytes they read: in a test run, into this run's folder
  // (workers and the CLI children they spawn inherit it), never into the checkout's ./data.
  process.env.TIDEWATCH_ARCHIVE_DIR ??= path.join(dir, 'archive');
  // Every scratch file a test makes (store copies, cut stores, generated inputs) goes under this
  // run's folder too, so the teardown removes it even when a test forgets to: the point-in-time
  // test alone used to leave about 1.9 GB in /tmp per run.
  const scratch = path.join(dir, 'tmp');
  mkdirSync(scratch);
  process.env.TMPDIR = scratch;
  return () => rmSync(dir, { recursive: true, force: true });
}
