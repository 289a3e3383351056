import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

/**
 * The Host names a browser may use to reach this server: 127.0.0.1, localhost and [::1] on the
 * bound port, the --host given, names from --allowed-hosts / TIDEWATCH_ALLOWED_HOSTS, and, when
 * bound to every interface, this machine's own addresses. Anything else is refused with 421:
 * a page on another site that re-points its DNS name at 127.0.0.1 (DNS rebinding) sends its own
 * name as Host and so cannot read the API.
 */
export function allowedHosts(
  bound: { host: string; port: number },
  extra: readonly string[] = [],
): Set<string> {
  const withPort = (h: string) => {
    const name = h.includes(':') && !h.startsWith('[') ? `[${h}]` : h;
    return `${name}:${bound.port}`.toLowerCase();
  };
  const out = new Set<string>();
  const add = (h: string) => {
    out.add(withPort(h));
    // Browsers leave the default port out of Host.
    if (bound.port === 80) out.add((h.includes(':') && !h.startsWith('[') ? `[${h}]` : h).toLowerCase());
  };
  for (const h of ['127.0.0.1', 'localhost', '::1', bound.host]) add(h);
  if (bound.host === '0.0.0.0' || bound.host === '::') {
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) add(a.address.replace(/%.*$/, ''));
  }
  for (const e of extra) {
    const name = e.trim().toLowerCase();
    if (!name) continue;
    // "name:port" is taken as given; a bare name is allowed on the bound port.
    if (/:\d+$/.test(name) && (!name.includes('::') || name.startsWith('['))) out.add(name);
    else add(name);
  }
  return out;
}

/** Host check middleware; `hosts()` is read per request (the port is known only after listen). */
export function hostCheck(hosts: () => Set<string> | undefined): MiddlewareHandler {
  return async (c, next) => {
    const allowed = hosts();
    if (allowed) {
      const host = (c.req.header('host') ?? '').toLowerCase();
      if (!allowed.has(host)) {
        throw new ApiError(
          421,
          'wrong-host',
          `this server does not answer for host '${host.slice(0, 100)}'`,
          {
            hint: 'open it as http://127.0.0.1:<port>/ or http://localhost:<port>/; allow another name with --allowed-hosts or TIDEWATCH_ALLOWED_HOSTS',
          },
        );
      }
    }
    await next();
  };
}

/** Only GET (and HEAD, answered as GET without a body) is served: anything else is 405. */
export const methodCheck: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    throw new ApiError(
      405,
      'method-not-allowed',
      `${c.req.method} is not allowed on ${c.req.path}: this server only answers GET`,
      {
        headers: { allow: 'GET, HEAD' },
      },
    );
  }
  await next();
};

/**
 * The chart library adds one <style> element (the TradingView attribution logo, which its
 * licence asks to show). Its hash lets exactly that element through the CSP; undefined when the
 * bundle no longer has it (then the dashboard tests report the blocked style).
 */
export function chartStyleHash(bundle: string): string | undefined {
  try {
    const js = readFileSync(bundle, 'utf8');
    const m = /createElement\("style"\),this\.\w+\.innerText="([^"]*)"/.exec(js);
    return m ? `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Content-Security-Policy for the dashboard: scripts, styles, data and fonts from this origin
 * only; style attributes (set by the panels and the chart library) allowed, inline <style> only
 * by hash, no inline script, no framing, no plugins, no form posts.
 */
export function contentSecurityPolicy(styleHash: string | undefined): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self'${styleHash ? ` ${styleHash}` : ''}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Security headers on every answer (HTML, JS, JSON, errors). */
export function securityHeaders(csp: string): MiddlewareHandler {
  const headers: Record<string, string> = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
  return async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  };
}
