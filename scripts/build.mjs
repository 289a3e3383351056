// Compile the CLI once (run by `npm ci`/`npm install` through the `prepare` script, and again by
// bin/tidewatch.js when a source file is newer than the build): one ES module bundle under dist/,
// npm packages left as imports, dynamic imports kept as lazily loaded chunks so a command only
// loads what it uses. Each build goes to its own folder and the stamp that names it is replaced
// atomically, so processes starting while another one builds never read a half-written bundle.
import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
export const STAMP = path.join(DIST, 'build-stamp.json');

/** Newest modification time (ms) of any TypeScript source file under src/. */
export function newestSource(dir = path.join(ROOT, 'src')) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Build folders older than an hour that the stamp no longer names (no process still loads them). */
function removeOldBuilds(keep) {
  for (const e of readdirSync(DIST, { withFileTypes: true })) {
    const p = path.join(DIST, e.name);
    if (e.isDirectory() && e.name !== keep && Date.now() - statSync(p).mtimeMs > 3_600_000)
      rmSync(p, { recursive: true, force: true });
  }
}

/** Compile src/cli/main.ts; returns the entry file. */
export async function build() {
  const { build: esbuild } = await import('esbuild');
  const sources = newestSource();
  const dir = `build-${Date.now()}-${process.pid}`;
  await esbuild({
    entryPoints: { cli: path.join(ROOT, 'src/cli/main.ts') },
    outdir: path.join(DIST, dir),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  const tmp = `${STAMP}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ sources, dir }));
  renameSync(tmp, STAMP);
  removeOldBuilds(dir);
  return path.join(DIST, dir, 'cli.js');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t = Date.now();
  await build();
  console.log(`tidewatch: CLI compiled to dist/ in ${Date.now() - t} ms`);
}
