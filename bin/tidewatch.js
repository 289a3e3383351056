#!/usr/bin/env node
// The CLI runs from dist/, compiled at install (`prepare`). When a file under src/ or web/ is newer
// than that build (a checkout being edited), it is compiled again first (about a second), so the
// CLI never runs stale code and nobody has to remember a build step.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, freshBuild } from '../scripts/build.mjs';

// `tidewatch ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const dir = freshBuild() ?? (await build());
const { main } = await import(pathToFileURL(path.join(dir, 'cli.js')).href);
await main(process.argv);
