/**
 * `npm run bench`: every bench/*.bench.ts in turn, each in its own process (so one bench's
 * memory does not weigh on the next), its output passed through, then one table of the ratio
 * lines the benches print (a line with "ratio" in it; a bench without one is listed as such).
 * Run one: npx tsx bench/<name>.bench.ts
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(DIR)
  .filter((f) => f.endsWith('.bench.ts') && (!only.length || only.some((o) => f.includes(o))))
  .sort();

function run(file: string): Promise<{ code: number | null; out: string; seconds: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(DIR, file)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on('close', (code) => resolve({ code, out, seconds: (performance.now() - t0) / 1000 }));
  });
}

const summary: Array<[string, string]> = [];
let failed = 0;
for (const file of benches) {
  console.log(`\n# ${file}`);
  const r = await run(file);
  if (r.code !== 0) failed++;
  const ratios = r.out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /ratio/i.test(l));
  const name = file.replace(/\.bench\.ts$/, '');
  if (r.code !== 0) summary.push([name, `FAILED (exit ${r.code})`]);
  else if (!ratios.length) summary.push([name, '(prints no ratio line)']);
  for (const l of ratios) summary.push([name, l.replace(/^"|",?$/g, '')]);
  summary.push([name, `${r.seconds.toFixed(0)} s`]);
}

console.log('\n# ratios');
const w = Math.max(...summary.map(([n]) => n.length));
for (const [n, l] of summary) console.log(`${n.padEnd(w)}  ${l}`);
process.exitCode = failed ? 1 : 0;
