import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';
import { allowedHosts } from './security.js';

export interface RunningServer {
  url: string;
  port: number;
  /** Stop listening, end idle keep-alive connections, give requests in flight `graceMs`, then cut them. */
  close: (graceMs?: number) => Promise<void>;
}

/** Serve until closed; resolves with the bound URL once listening. */
export function startServer(
  store: Store,
  opts: { host: string; port: number; allowedHosts?: string[] },
  status?: () => unknown,
): Promise<RunningServer> {
  let hosts: Set<string> | undefined;
  const app = createApp(store, { status, hosts: () => hosts });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, (info) => {
      hosts = allowedHosts({ host: opts.host, port: info.port }, opts.allowedHosts);
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}/`,
        port: info.port,
        close: (graceMs) => closeServer(server as Server, graceMs),
      });
    }) as Server;
    server.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === 'EADDRINUSE'
            ? `port ${opts.port} is in use on ${opts.host}; pick another with --port`
            : e.message,
        ),
      ),
    );
  });
}

function closeServer(server: Server, graceMs = 500): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), graceMs).unref();
  });
}
