import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from './shared-data.js';

export const BIN = path.join(PROJECT_ROOT, 'bin', 'tidewatch.js');

/** Run the real CLI as a user would (`node bin/tidewatch.js …`). */
export function runCli(args: string[], env: Record<string, string> = {}, opts: { timeoutMs?: number } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function spawnCli(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
