#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx: no build step is needed after `npm ci`.
import { register } from 'tsx/esm/api';

// `tidewatch ... | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
