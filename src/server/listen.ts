import { type ServerType, serve } from '@hono/node-server';
import type { Store } from '../store/store.js';
import { createApp } from './app.js';
import { allowedHosts } from './security.js';

export interface RunningServer {
  url: string;
  port: number;
  /** Stop listening, end idle keep-alive connections, give requests in flight `graceMs`, then cut them. */
  close: (graceMs?: number) => Promise<void>;
  /** Answer a request for `path` in process, as the server would for 127.0.0.1 (no socket). */
  request: (path: string) => Promise<Response>;
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
        close: (graceMs) => closeServer(server, graceMs),
        request: async (path) => app.request(path, { headers: { host: `127.0.0.1:${info.port}` } }),
      });
    });
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

function closeServer(server: ServerType, graceMs = 500): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // An HTTP/1 server (the one `serve` starts) can cut keep-alive connections; HTTP/2 has no such calls.
    if ('closeIdleConnections' in server) {
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), graceMs).unref();
    }
  });
}
