import type { Context } from 'hono';
import { type ErrorKind, isTidewatchError } from '../core/errors.js';

/**
 * The one error shape of the HTTP API, for every status (400, 404, 405, 421, 503, 500):
 * `{ "error": { "kind", "message", "hint"?, "parameter"? } }`. `kind` is what a program acts
 * on, `message` is written for a person, `parameter` names the query/path parameter at fault.
 */
export type ApiErrorKind =
  | ErrorKind
  | 'bad-parameter'
  | 'unknown-parameter'
  | 'no-such-endpoint'
  | 'method-not-allowed'
  | 'wrong-host'
  | 'busy'
  | 'internal';

export interface ApiErrorBody {
  error: { kind: ApiErrorKind; message: string; hint?: string; parameter?: string };
}

/** An error the server answers with a given status (thrown by validation, limits, routing). */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 404 | 405 | 421 | 500 | 503,
    readonly kind: ApiErrorKind,
    message: string,
    readonly extra: { hint?: string; parameter?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** HTTP status for a domain error: bad input is the caller's, missing data is 404, the rest ours. */
function statusOfKind(kind: ErrorKind): 400 | 404 | 500 {
  return kind === 'bad-input' ? 400 : kind === 'not-found' || kind === 'missing-input' ? 404 : 500;
}

export function errorBody(e: unknown): {
  status: ApiError['status'];
  body: ApiErrorBody;
  headers: Record<string, string>;
} {
  if (e instanceof ApiError) {
    const { hint, parameter, headers } = e.extra;
    return {
      status: e.status,
      body: {
        error: {
          kind: e.kind,
          message: e.message,
          ...(hint ? { hint } : {}),
          ...(parameter ? { parameter } : {}),
        },
      },
      headers: headers ?? {},
    };
  }
  if (isTidewatchError(e)) {
    return {
      status: statusOfKind(e.kind),
      body: { error: { kind: e.kind, message: e.message, ...(e.hint ? { hint: e.hint } : {}) } },
      headers: {},
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return {
    status: 500,
    body: { error: { kind: 'internal', message: `internal error: ${message}` } },
    headers: {},
  };
}

export function errorResponse(c: Context, e: unknown): Response {
  const { status, body, headers } = errorBody(e);
  return c.json(body, status, headers);
}

/** The error shape as a JSON schema, for /api/openapi.json. */
export const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['kind', 'message'],
      properties: {
        kind: {
          type: 'string',
          description: 'what a program acts on, e.g. bad-parameter, unknown-parameter, not-found, busy',
        },
        message: {
          type: 'string',
          description: 'for a person: names the parameter or resource and the value given',
        },
        hint: { type: 'string', description: 'what to do about it' },
        parameter: { type: 'string', description: 'the query or path parameter at fault' },
      },
    },
  },
} as const;
