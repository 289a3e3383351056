#!/usr/bin/env node
// The CLI runs from dist/, compiled at install (`prepare`). When a source file under src/ is newer
// than that build (a checkout being edited), it is compiled again first (about 0.3 s), so the CLI
// never runs stale code and nobody has to remember a build step.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, DIST, newestSource, STAMP } from '../scripts/build.mjs';

// `tidewatch ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

/** The compiled entry when it is newer than every source file, else undefined. */
function compiledEntry() {
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    return stamp.sources >= newestSource() ? path.join(DIST, stamp.dir, 'cli.js') : undefined;
  } catch {
    return undefined;
  }
}

const entry = compiledEntry() ?? (await build());
const { main } = await import(pathToFileURL(entry).href);
await main(process.argv);
