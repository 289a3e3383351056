import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server on 127.0.0.1 that misbehaves on purpose, for fault-injection tests.
 * fredgraph-style paths: `/graph/fredgraph.csv?id=X` answers from `files[X]` or a fault.
 */
export interface Misbehaving {
  base: string;
  hits: Map<string, number>;
  close(): Promise<void>;
}

export type Fault = '429-once' | '500' | 'hang' | 'reset' | 'html' | 'truncated' | 'ok';

export async function startMisbehavingServer(
  files: Record<string, string>,
  faults: Record<string, Fault>,
): Promise<Misbehaving> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const id = url.searchParams.get('id') ?? url.pathname;
    const n = (hits.get(id) ?? 0) + 1;
    hits.set(id, n);
    const fault = faults[id] ?? 'ok';
    const body = files[id] ? readFileSync(files[id]!, 'utf8') : '';
    switch (fault) {
      case '429-once':
        if (n === 1) {
          res.writeHead(429, { 'retry-after': '2', 'content-type': 'text/plain' }).end('Too Many Requests');
          return;
        }
        break;
      case '500':
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
        return;
      case 'hang':
        return; // never answers
      case 'reset':
        req.socket.destroy();
        return;
      case 'html':
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!DOCTYPE html><html><body><h1>Series not found</h1></body></html>');
        return;
      case 'truncated':
        res
          .writeHead(200, { 'content-type': 'text/csv' })
          .end(body.slice(0, Math.floor(body.length / 2)).replace(/\n[^\n]*$/, '\n2025-01-0'));
        return;
    }
    res.writeHead(200, { 'content-type': 'text/csv' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
