// Compile the CLI and the dashboard once (run by `npm ci`/`npm install` through the `prepare`
// script, and again by bin/tidewatch.js or the server when a source file is newer than the build):
// - the CLI: one ES module bundle, npm packages left as imports, dynamic imports kept as lazily
//   loaded chunks so a command only loads what it uses;
// - the dashboard: web/app.js and its panels bundled for the browser with the view-model
//   formatting of src/views, so the dashboard spells figures exactly as the CLI does.
// Each build goes to its own folder and the stamp that names it is replaced atomically, so
// processes starting while another one builds never read a half-written bundle.
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
export const STAMP = path.join(DIST, 'build-stamp.json');

const SOURCE_DIRS = [path.join(ROOT, 'src'), path.join(ROOT, 'web')];

/** Newest modification time (ms) of any source file the builds read (src/ and web/, tests aside). */
export function newestSource(dirs = SOURCE_DIRS) {
  let newest = 0;
  for (const dir of dirs) {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) newest = Math.max(newest, newestSource([p]));
      else if (/\.(ts|js)$/.test(e.name) && !e.name.endsWith('.test.ts'))
        newest = Math.max(newest, statSync(p).mtimeMs);
    }
  }
  return newest;
}

/** The folder of the current build when it is newer than every source file, else undefined. */
export function freshBuild() {
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
    return stamp.sources >= newestSource() ? path.join(DIST, stamp.dir) : undefined;
  } catch {
    return undefined;
  }
}

/** Build folders older than an hour that the stamp no longer names (no process still loads them). */
function removeOldBuilds(keep) {
  for (const e of readdirSync(DIST, { withFileTypes: true })) {
    const p = path.join(DIST, e.name);
    if (e.isDirectory() && e.name !== keep && Date.now() - statSync(p).mtimeMs > 3_600_000)
      rmSync(p, { recursive: true, force: true });
  }
}

/**
 * Every script of web/ is an entry point of the dashboard bundle, so each keeps its URL (/lib.js,
 * /panels/<name>.js): a page or a test can load one panel on its own (shared code goes to chunks).
 * The page's /app.js is built again on its own, whole (see build()).
 */
function webEntryPoints() {
  const web = path.join(ROOT, 'web');
  const entries = {};
  for (const dir of ['', 'panels']) {
    for (const e of readdirSync(path.join(web, dir), { withFileTypes: true })) {
      if (e.isFile() && e.name.endsWith('.js'))
        entries[path.posix.join(dir, e.name.slice(0, -3))] = path.join(web, dir, e.name);
    }
  }
  return entries;
}

/** Compile the CLI and the dashboard; returns the build folder (cli.js, web/app.js). */
export async function build() {
  const { build: esbuild } = await import('esbuild');
  const sources = newestSource();
  const dir = `build-${Date.now()}-${process.pid}`;
  const out = path.join(DIST, dir);
  const common = { bundle: true, splitting: true, format: 'esm', sourcemap: 'linked', logLevel: 'warning' };
  await Promise.all([
    esbuild({
      ...common,
      entryPoints: { cli: path.join(ROOT, 'src/cli/main.ts') },
      outdir: out,
      platform: 'node',
      target: 'node20',
      packages: 'external',
      chunkNames: 'chunks/[name]-[hash]',
    }),
    esbuild({
      ...common,
      entryPoints: webEntryPoints(),
      outdir: path.join(out, 'web'),
      platform: 'browser',
      target: 'es2022',
      chunkNames: 'chunks/[name]-[hash]',
    }),
  ]);
  // The page's own script is one file with every panel in it: a split build made the browser walk
  // app.js → its chunks → the panels → their chunks, one round trip after another, before the first
  // request for data could start. Written after the split build, whose app.js it replaces.
  await esbuild({
    ...common,
    splitting: false,
    entryPoints: { app: path.join(ROOT, 'web', 'app.js') },
    outdir: path.join(out, 'web'),
    platform: 'browser',
    target: 'es2022',
    allowOverwrite: true,
  });
  const tmp = `${STAMP}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ sources, dir }));
  renameSync(tmp, STAMP);
  removeOldBuilds(dir);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t = Date.now();
  await build();
  console.log(`tidewatch: CLI compiled to dist/ in ${Date.now() - t} ms`);
}
