import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import { z } from 'zod';
import { createApp } from '../../server/app.js';
import type { Store } from '../../store/store.js';
import { type UpdateReport, updateFromEnvironment } from '../../update/run.js';
import { fail, withDbOption } from '../context.js';
import { makeProgress } from '../progress.js';
import { printSummaries } from '../summary.js';

const ServeOptions = z.object({
  host: z.string().default(process.env.TIDEWATCH_HOST ?? '127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(Number(process.env.TIDEWATCH_PORT ?? 8787)),
});

/** Serve until the process is stopped; resolves with the bound URL once listening. */
export function startServer(store: Store, opts: { host: string; port: number }, status?: () => unknown): Promise<{ url: string; close: () => void }> {
  const app = createApp(store, { status });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, (info) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({ url: `http://${host}:${info.port}/`, close: () => server.close() });
    });
    server.on('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `port ${opts.port} is in use on ${opts.host}; pick another with --port` : e.message)),
    );
  });
}

async function keepServing(store: Store, opts: unknown, status?: () => unknown): Promise<void> {
  const o = ServeOptions.parse(opts);
  const { url } = await startServer(store, o, status);
  process.stdout.write(`tidewatch dashboard: ${url}  (API: ${url}api/openapi.json) — Ctrl-C to stop\n`);
  if (o.host !== '127.0.0.1' && o.host !== 'localhost') process.stderr.write(`warning: listening on ${o.host}, reachable from other machines\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

async function openAndServe(opts: { db?: string }, before?: (store: Store) => Promise<() => unknown>): Promise<void> {
  const { openStore } = await import('../../store/store.js');
  let store: Store | undefined;
  try {
    store = await openStore(opts.db);
    const status = before ? await before(store) : undefined;
    await keepServing(store, opts, status);
  } catch (e) {
    fail(e);
  } finally {
    await store?.close().catch(() => undefined);
  }
}

export function register(program: Command): void {
  withDbOption(
    program
      .command('serve')
      .description('serve the JSON API and the dashboard (127.0.0.1 by default)')
      .option('--host <host>', 'interface to bind (default 127.0.0.1 or $TIDEWATCH_HOST)')
      .option('--port <port>', 'port (default 8787 or $TIDEWATCH_PORT; 0 = any free port)'),
  ).action(async (opts) => openAndServe(opts));

  withDbOption(
    program
      .command('start')
      .description('the main job: update every source into the store, then serve the dashboard')
      .option('--host <host>', 'interface to bind (default 127.0.0.1)')
      .option('--port <port>', 'port (default 8787)')
      .option('--no-update', 'serve what is stored without updating first'),
  ).action(async (opts) =>
    openAndServe(opts, async (store) => {
      let report: UpdateReport | undefined;
      if (opts.update !== false) {
        const replay = process.env.TIDEWATCH_REPLAY_DIR;
        process.stdout.write(replay ? `replay mode: answering HTTP from ${replay}\n` : 'updating from the network (set TIDEWATCH_REPLAY_DIR to run offline from recordings)\n');
        report = await updateFromEnvironment(store, { progress: makeProgress() });
        printSummaries(report.runs.flatMap((r) => r.summaries));
        if (report.failed.length) {
          const bySource = new Map<string, number>();
          for (const f of report.failed) bySource.set(f.source, (bySource.get(f.source) ?? 0) + 1);
          process.stdout.write(
            `some sources failed (${[...bySource].map(([s, n]) => `${s}: ${n}`).join(', ')}); serving what is stored\n`,
          );
        }
      }
      return () => report ?? null;
    }),
  );
}
