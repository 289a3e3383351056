import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rule of docs/ARCHITECTURE.md, checked over the import graph of src/: an import
 * may only point to the same layer or one below it, indicators are pure (no store, no files), and
 * no two modules import each other through a cycle. An arrow pointing up fails here, in CI.
 */

const SRC = path.resolve(import.meta.dirname, '../src');

/** Layers from the bottom up. The update runner's job kit sits below the sources that use it. */
const LAYERS: Record<string, number> = {
  core: 0,
  http: 1,
  store: 1,
  jobkit: 2,
  sources: 3,
  indicators: 4,
  loaders: 5,
  analytics: 6,
  views: 7,
  alerts: 8,
  update: 9,
  server: 10,
  report: 11,
  cli: 12,
};
const JOB_KIT = new Set(['update/items.ts', 'update/files.ts', 'update/types.ts']);

function layerOf(rel: string): string {
  if (JOB_KIT.has(rel)) return 'jobkit';
  return rel.split('/')[0]!;
}

/** Every non-test TypeScript module under src/, relative to it. */
function modules(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : modules(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.relative(SRC, p)] : [];
  });
}

/** Relative imports of a module (static, dynamic and re-exports), as paths relative to src/. */
function importsOf(rel: string): { local: string[]; packages: string[] } {
  const text = readFileSync(path.join(SRC, rel), 'utf8');
  const local: string[] = [];
  const packages: string[] = [];
  for (const m of text.matchAll(
    /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g,
  )) {
    const spec = (m[1] ?? m[2])!;
    if (spec.startsWith('.'))
      local.push(
        path.relative(SRC, path.resolve(path.dirname(path.join(SRC, rel)), spec)).replace(/\.js$/, '.ts'),
      );
    else packages.push(spec);
  }
  return { local, packages };
}

const graph = new Map(modules().map((m) => [m, importsOf(m)]));

describe('layers only look down (docs/ARCHITECTURE.md)', () => {
  it('every top-level folder of src/ is a known layer', () => {
    const folders = new Set([...graph.keys()].map(layerOf));
    expect([...folders].filter((f) => !(f in LAYERS))).toEqual([]);
  });

  it('no import points to a higher layer', () => {
    const up: string[] = [];
    for (const [from, { local }] of graph) {
      for (const to of local) {
        if (LAYERS[layerOf(to)]! > LAYERS[layerOf(from)]!) up.push(`${from} → ${to}`);
      }
    }
    expect(up).toEqual([]);
  });

  it('indicators are pure: no store, no files, no network', () => {
    const impure: string[] = [];
    for (const [from, { local, packages }] of graph) {
      if (layerOf(from) !== 'indicators') continue;
      for (const to of local) if (['store', 'http'].includes(layerOf(to))) impure.push(`${from} → ${to}`);
      for (const p of packages)
        if (/^node:(fs|fs\/promises|http|https|net)$/.test(p)) impure.push(`${from} → ${p}`);
    }
    expect(impure).toEqual([]);
  });

  it('no import cycle between modules', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (m: string) => {
      state.set(m, 'open');
      stack.push(m);
      for (const to of graph.get(m)?.local ?? []) {
        if (!graph.has(to)) continue;
        if (state.get(to) === 'open') cycles.push([...stack.slice(stack.indexOf(to)), to].join(' → '));
        else if (!state.has(to)) visit(to);
      }
      stack.pop();
      state.set(m, 'done');
    };
    for (const m of graph.keys()) if (!state.has(m)) visit(m);
    expect(cycles).toEqual([]);
  });

  it('the check sees imports: it finds the ones a known module makes', () => {
    // A check that cannot fail is not a check: the parser must see static, type and dynamic imports.
    expect(graph.get('cli/main.ts')?.local).toContain('cli/commands/import-all.ts');
    expect(graph.get('server/listen.ts')?.local).toContain('server/app.ts');
    expect([...graph.values()].some((g) => g.packages.includes('node:fs'))).toBe(true);
  });
});
