import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withStore } from '../src/store/memory.testkit.js';
import { openStore } from '../src/store/store.js';
import { BIN } from './cli.js';
import { PROJECT_ROOT, SHARED_DATA } from './shared-data.js';

/**
 * The server as a user runs it, in its own process group (as a terminal's foreground job), so a
 * signal can go to the group the way Ctrl-C sends it, or to one process.
 */
async function launch(cmd: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(cmd, args, {
    cwd: PROJECT_ROOT,
    detached: true,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
    }, 20);
    exited.then(() => {
      clearInterval(timer);
      reject(new Error(`exited before serving:\n${out}`));
    });
  });
  return { child, port, exited, output: () => out };
}

/** A keep-alive connection that stays open after its answer (what a browser tab holds). */
function keepAliveRequest(port: number, pathName: string): Promise<number> {
  const agent = new http.Agent({ keepAlive: true });
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathName, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function stopAndWait(
  proc: { child: ChildProcess; exited: Promise<{ code: number | null; signal: string | null; at: number }> },
  signal: NodeJS.Signals,
  group: boolean,
) {
  const t0 = performance.now();
  process.kill(group ? -proc.child.pid! : proc.child.pid!, signal);
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('still running 10 s after the signal')), 10_000),
  );
  const r = await Promise.race([proc.exited, timeout]);
  return { code: r.code, signal: r.signal, ms: r.at - t0 };
}

describe('stopping the server', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-stop-'));

  it('serve: the first SIGINT closes HTTP (a keep-alive connection open) and the store, exits 0 within 2 s, port free', async () => {
    const db = path.join(dir, 'serve.duckdb');
    const p = await launch(process.execPath, [BIN, 'serve', '--port', '0', '--db', db]);
    expect(await keepAliveRequest(p.port, '/api/series')).toBe(200);
    const r = await stopAndWait(p, 'SIGINT', false);
    expect(r, p.output()).toMatchObject({ code: 0, signal: null });
    expect(r.ms).toBeLessThan(2000);
    expect(p.output()).toContain('SIGINT: stopping');
    expect(await portIsFree(p.port)).toBe(true);
    // The store was closed: another process can open it.
    const store = await openStore(db);
    await store.close();
  });

  it('npm start while the background update writes: Ctrl-C (SIGINT to the group) exits 0 within 2 s, port free, store whole', async () => {
    const db = path.join(dir, 'start.duckdb');
    const p = await launch('npm', ['start', '--', '--port', '0', '--db', db], {
      TIDEWATCH_REPLAY_DIR: SHARED_DATA,
      TIDEWATCH_ARCHIVE_DIR: path.join(dir, 'archive'),
    });
    // Wait until the update has written something, so the signal lands mid-update.
    for (let i = 0; i < 200 && !/\[(fred|nyfed|treasury)\]/.test(p.output()); i++)
      await new Promise((res) => setTimeout(res, 50));
    expect(await keepAliveRequest(p.port, '/api/update-status')).toBe(200);
    const r = await stopAndWait(p, 'SIGINT', true);
    expect(r, p.output()).toMatchObject({ code: 0, signal: null });
    expect(r.ms).toBeLessThan(2000);
    expect(await portIsFree(p.port)).toBe(true);
    await withStore(async (store) => {
      // Every stored series is whole: as many observations as its own file import would give.
      const walcl = await store.getSeries('WALCL');
      if (walcl) expect(walcl.observations).toBe(985);
    }, db);
  });

  it('npm start: SIGTERM to npm alone (a process manager) reaches the server, which exits 0', async () => {
    const db = path.join(dir, 'term.duckdb');
    const p = await launch('npm', ['start', '--', '--port', '0', '--no-update', '--db', db]);
    const r = await stopAndWait(p, 'SIGTERM', false);
    expect(r, p.output()).toMatchObject({ code: 0, signal: null });
    expect(r.ms).toBeLessThan(2000);
    expect(await portIsFree(p.port)).toBe(true);
  });
});
