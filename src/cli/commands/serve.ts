import type { Command } from 'commander';
import { z } from 'zod';
import { reasonOf } from '../../core/errors.js';
import type { RunningServer } from '../../server/listen.js';
import type { Store } from '../../store/store.js';
import { fail, withDbOption } from '../context.js';
import { makeProgress } from '../progress.js';
import { printSummaries } from '../summary.js';

const ServeOptions = z.object({
  host: z.string().default(process.env.TIDEWATCH_HOST ?? '127.0.0.1'),
  port: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(Number(process.env.TIDEWATCH_PORT ?? 8787)),
  allowedHosts: z
    .string()
    .default(process.env.TIDEWATCH_ALLOWED_HOSTS ?? '')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
});

/** What the background update of `start` is doing, for /api/update-status. */
interface UpdateStatus {
  state: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  runs: Array<{ source: string; status: string }>;
  failedSeries: number;
  error?: string;
}

/** A background job started once the server listens (the update of `start`). */
type Background = (store: Store, done: () => void) => { status: () => unknown };

/**
 * Open the store, serve, and stop on the first SIGINT/SIGTERM: close HTTP, then the store, and
 * exit 0. A running update cannot hold the exit up: its open transaction is rolled back with the
 * process (the store is crash-safe), after at most STOP_DEADLINE_MS. Later signals are the same
 * request (Ctrl-C under `npm start` arrives twice: from the terminal and forwarded by npm).
 */
const STOP_DEADLINE_MS = 1000;

async function openAndServe(opts: { db?: string }, background?: Background): Promise<void> {
  let signalled: ((sig: string) => void) | undefined;
  const stopSignal = new Promise<string>((resolve) => {
    signalled = resolve;
  });
  let stopping = false;
  const onSignal = (sig: string) => {
    if (stopping) return;
    stopping = true;
    signalled?.(sig);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const { openStore } = await import('../../store/store.js');
  let store: Store | undefined;
  let server: RunningServer | undefined;
  try {
    const o = ServeOptions.parse(opts);
    store = await openStore(opts.db);
    let status: (() => unknown) | undefined;
    const { startServer } = await import('../../server/listen.js');
    const { prewarmDashboard } = await import('../../server/prewarm.js');
    server = await startServer(store, o, () => status?.() ?? null);
    process.stdout.write(
      `tidewatch dashboard: ${server.url}  (API: ${server.url}api/openapi.json) — Ctrl-C to stop\n`,
    );
    if (o.host !== '127.0.0.1' && o.host !== 'localhost')
      process.stderr.write(`warning: listening on ${o.host}, reachable from other machines\n`);
    // The dashboard's opening answers are computed before anyone asks: at once when nothing
    // writes, else when the background update is over (its writes would void them).
    const running = server;
    const warm = () => {
      if (!stopping) void prewarmDashboard(running.request);
    };
    if (background && !stopping) status = background(store, warm).status;
    else warm();
    const sig = await stopSignal;
    process.stdout.write(`${sig}: stopping\n`);
  } catch (e) {
    fail(e);
  }
  const deadline = setTimeout(() => {
    process.stderr.write('stopped without waiting for the store: a write in progress is rolled back\n');
    process.exit(process.exitCode ?? 0);
  }, STOP_DEADLINE_MS);
  await server?.close();
  await store?.close().catch(() => undefined);
  clearTimeout(deadline);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  // Nothing may keep the process (an update's retry timer, a socket): exit now.
  process.exit(process.exitCode ?? 0);
}

/** The update of `start`, in the background: the dashboard serves what is stored meanwhile. */
function backgroundUpdate(store: Store, done: () => void): { status: () => UpdateStatus } {
  const status: UpdateStatus = {
    state: 'running',
    startedAt: new Date().toISOString(),
    finishedAt: null,
    runs: [],
    failedSeries: 0,
  };
  const replay = process.env.TIDEWATCH_REPLAY_DIR;
  process.stdout.write(
    replay
      ? `updating in the background; replay mode: answering HTTP from ${replay}\n`
      : 'updating in the background from the network (set TIDEWATCH_REPLAY_DIR to run offline from recordings)\n',
  );
  import('../../update/run.js')
    .then(({ updateFromEnvironment }) => updateFromEnvironment(store, { progress: makeProgress() }))
    .then(
      (report) => {
        printSummaries(report.runs.flatMap((r) => r.summaries));
        Object.assign(status, {
          state: 'done',
          finishedAt: new Date().toISOString(),
          runs: report.runs.map((r) => ({ source: r.source, status: r.status })),
          failedSeries: report.failed.length,
        });
        if (report.failed.length) {
          const bySource = new Map<string, number>();
          for (const f of report.failed) bySource.set(f.source, (bySource.get(f.source) ?? 0) + 1);
          process.stdout.write(
            `some sources failed (${[...bySource].map(([s, n]) => `${s}: ${n}`).join(', ')}); serving what is stored\n`,
          );
        } else process.stdout.write('update done\n');
        done();
      },
      (e) => {
        Object.assign(status, { state: 'failed', finishedAt: new Date().toISOString(), error: reasonOf(e) });
        process.stderr.write(`update failed: ${reasonOf(e)}; serving what is stored\n`);
        done();
      },
    );
  return { status: () => status };
}

export function register(program: Command): void {
  withDbOption(
    program
      .command('serve')
      .description('serve the JSON API and the dashboard (127.0.0.1 by default)')
      .option('--host <host>', 'interface to bind (default 127.0.0.1 or $TIDEWATCH_HOST)')
      .option('--port <port>', 'port (default 8787 or $TIDEWATCH_PORT; 0 = any free port)')
      .option(
        '--allowed-hosts <names>',
        'more Host names to answer, comma-separated (default $TIDEWATCH_ALLOWED_HOSTS)',
      ),
  ).action(async (opts) => openAndServe(opts));

  withDbOption(
    program
      .command('start')
      .description(
        'the main job: serve the dashboard and update every source into the store in the background',
      )
      .option('--host <host>', 'interface to bind (default 127.0.0.1)')
      .option('--port <port>', 'port (default 8787)')
      .option('--allowed-hosts <names>', 'more Host names to answer, comma-separated')
      .option('--no-update', 'serve what is stored without updating'),
  ).action(async (opts) => openAndServe(opts, opts.update === false ? undefined : backgroundUpdate));
}
