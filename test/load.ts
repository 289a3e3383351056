import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { BIN } from './cli.js';
import { PROJECT_ROOT } from './shared-data.js';

/**
 * A small closed-loop HTTP load generator for the load test and the server bench: `connections`
 * keep-alive sockets each send the next request as soon as the previous answer is read, for
 * `seconds`. Latency is measured per request; p99 from the sorted sample. No dependency, so the
 * test and the bench measure the same way.
 */
export interface LoadResult {
  url: string;
  requests: number;
  /** Answers with a status other than 200 (or a socket error / time-out). */
  errors: number;
  statuses: Record<number, number>;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * One keep-alive connection on a raw socket. Node's http client costs more CPU per request than
 * the server does per answer, so on two cores it, not the server, would set the pace; this
 * client only writes a prepared request and counts Content-Length bytes of the answer.
 */
class Connection {
  private socket: net.Socket | undefined;
  private head: Buffer = Buffer.alloc(0);
  private remaining = -1;
  private status = 0;
  private done: ((status: number) => void) | undefined;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly request: Buffer,
  ) {}

  get(timeoutMs: number): Promise<number> {
    if (!this.socket || this.socket.destroyed) this.connect();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.fail(), timeoutMs);
      this.done = (status) => {
        clearTimeout(timer);
        this.done = undefined;
        resolve(status);
      };
      this.socket!.write(this.request);
    });
  }

  close(): void {
    this.socket?.destroy();
  }

  private connect(): void {
    this.head = Buffer.alloc(0);
    this.remaining = -1;
    const s = net.connect(this.port, this.host);
    s.setNoDelay(true);
    s.on('data', (chunk) => this.onData(chunk));
    s.on('error', () => this.fail());
    s.on('close', () => this.fail());
    this.socket = s;
  }

  private fail(): void {
    this.socket?.destroy();
    this.socket = undefined;
    this.done?.(0);
  }

  private onData(chunk: Buffer): void {
    let data = chunk;
    if (this.remaining < 0) {
      this.head = this.head.length ? Buffer.concat([this.head, data]) : data;
      const end = this.head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const text = this.head.subarray(0, end).toString('latin1');
      this.status = Number(text.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
      // Only Content-Length framing is read: anything else counts as an error.
      if (!length) {
        this.fail();
        return;
      }
      this.remaining = Number(length[1]);
      data = this.head.subarray(end + 4);
      this.head = Buffer.alloc(0);
    }
    this.remaining -= data.length;
    if (this.remaining <= 0) {
      this.remaining = -1;
      this.done?.(this.status);
    }
  }
}

export async function load(
  url: string,
  opts: { connections?: number; seconds?: number; timeoutMs?: number; gzip?: boolean } = {},
): Promise<LoadResult> {
  const connections = opts.connections ?? 50;
  const seconds = opts.seconds ?? 3;
  const u = new URL(url);
  // Like a browser, the client accepts gzip unless told not to (bodies are counted, not inflated).
  const request = Buffer.from(
    `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\n${opts.gzip === false ? '' : 'Accept-Encoding: gzip\r\n'}Connection: keep-alive\r\n\r\n`,
    'latin1',
  );
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const worker = async () => {
    const conn = new Connection(u.hostname, Number(u.port || 80), request);
    while (performance.now() < end) {
      const t = performance.now();
      const status = await conn.get(opts.timeoutMs ?? 10_000);
      latencies.push(performance.now() - t);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    conn.close();
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return {
    url,
    requests: latencies.length,
    errors: latencies.length - (statuses[200] ?? 0),
    statuses,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
  };
}

/** Resident set size of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** Peak RSS of a process (VmHWM) in MiB. */
export function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** `tidewatch serve` as a child process on a free port; resolves once it prints its URL. */
export async function startServeProcess(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ url: string; pid: number; child: ReturnType<typeof spawn>; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const check = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return { url, pid: child.pid!, child, output: () => out };
}

interface OpenApiParam {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  example?: string;
}

/**
 * One URL per documented endpoint of an /api/openapi.json document: path parameters and
 * required query parameters filled with their documented examples, `extra` query pairs added.
 */
export function documentedUrls(
  doc: { paths: Record<string, { get: { parameters: OpenApiParam[] } }> },
  extra = '',
): string[] {
  return Object.entries(doc.paths).map(([p, item]) => {
    let url = p;
    const query: string[] = [];
    for (const prm of item.get.parameters) {
      if (prm.in === 'path') url = url.replace(`{${prm.name}}`, encodeURIComponent(prm.example ?? ''));
      else if (prm.required) query.push(`${prm.name}=${encodeURIComponent(prm.example ?? '')}`);
    }
    if (extra) query.push(extra);
    return query.length ? `${url}?${query.join('&')}` : url;
  });
}
