import { createHash } from 'node:crypto';
import type { HttpResponse } from './types.js';

/** Test-only: the response a replayed GET of `url` would give with `text` as its body. */
export function fakeResponse(url: string, text: string, status = 200): HttpResponse {
  const body = new TextEncoder().encode(text);
  return {
    url,
    status,
    contentType: 'application/json',
    body,
    sha256: createHash('sha256').update(body).digest('hex'),
    fetchedAt: new Date(0).toISOString(),
    fromReplay: true,
    archivedPath: null,
    text: () => text,
    json: <T>() => JSON.parse(text) as T,
  };
}
