import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

/** Best of n runs (the least disturbed by the machine's other work). */
export async function bestOf<T>(n: number, fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let best: { ms: number; result: T } | undefined;
  for (let i = 0; i < n; i++) {
    const r = await time(fn);
    if (!best || r.ms < best.ms) best = r;
  }
  return best!;
}

export function listFiles(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p, ext));
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

export function report(title: string, rows: Array<[string, string]>): void {
  console.log(`\n## ${title}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(48)} ${v}`);
}
