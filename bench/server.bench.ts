/**
 * The HTTP server on the real store (every file of ../shared/data imported), as `tidewatch
 * serve` runs it: for each documented endpoint the cold answer (computed from the store), then
 * 50 connections for a few seconds on the warm cache. The baseline, measured in the same run, is
 * the endpoint without the cache: one computation per request on the store's one connection, i.e.
 * 1000 / cold ms requests per second whatever the concurrency.
 * Goals: every endpoint ≥ 200 req/s warm, p99 < 250 ms, RSS < 500 MB.
 * Run: npx tsx bench/server.bench.ts   (TIDEWATCH_BENCH_DB=file reuses a built store;
 * TIDEWATCH_LOAD_SECONDS sets the seconds per endpoint, default 3)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../test/cli.js';
import { documentedUrls, load, peakRssMiB, startServeProcess } from '../test/load.js';
import { SHARED_DATA } from '../test/shared-data.js';

const SECONDS = Number(process.env.TIDEWATCH_LOAD_SECONDS ?? 3);
let db = process.env.TIDEWATCH_BENCH_DB;
if (!db) {
  db = path.join(mkdtempSync(path.join(tmpdir(), 'tw-bench-server-')), 'store.duckdb');
  const t = performance.now();
  const r = runCli(['import', 'all', SHARED_DATA, '--db', db]);
  if (r.code !== 0) throw new Error(`import all failed:\n${r.stderr}`);
  console.log(`store built by import all in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

const server = await startServeProcess(['--db', db]);
const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
const rows: string[][] = [];
let worstRps = Number.POSITIVE_INFINITY;
let worstP99 = 0;
let minSpeedup = Number.POSITIVE_INFINITY;
for (const u of documentedUrls(doc)) {
  const t = performance.now();
  const res = await fetch(`${server.url}${u}`, { headers: { 'accept-encoding': 'gzip' } });
  await res.arrayBuffer();
  const coldMs = performance.now() - t;
  await load(`${server.url}${u}`, { connections: 50, seconds: 0.5 });
  const r = await load(`${server.url}${u}`, { connections: 50, seconds: SECONDS });
  const speedup = r.rps / (1000 / coldMs);
  worstRps = Math.min(worstRps, r.rps);
  worstP99 = Math.max(worstP99, r.p99);
  minSpeedup = Math.min(minSpeedup, speedup);
  rows.push([
    u,
    `${res.status}`,
    coldMs.toFixed(0),
    r.rps.toFixed(0),
    r.p50.toFixed(0),
    r.p99.toFixed(0),
    String(r.errors),
    `${speedup.toFixed(0)}×`,
  ]);
}
const rss = peakRssMiB(server.pid);
server.child.kill('SIGINT');

const headers = [
  'endpoint',
  'status',
  'cold ms',
  'warm req/s',
  'p50 ms',
  'p99 ms',
  'errors',
  'warm / uncached',
];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) =>
  r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`\n## server: 50 connections × ${SECONDS} s per endpoint, gzip accepted (as browsers do)`);
console.log(line(headers));
for (const r of rows) console.log(line(r));
console.log(
  `\nslowest endpoint warm: ${worstRps.toFixed(0)} req/s (aim ≥ 200); worst p99 ${worstP99.toFixed(0)} ms (aim < 250); server peak RSS ${rss.toFixed(0)} MiB (aim < 500)`,
);
console.log(`ratio warm / uncached (smallest over endpoints): ${minSpeedup.toFixed(0)}×`);
