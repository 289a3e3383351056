/**
 * One error type for the whole product. `kind` is what a caller acts on; `message` is what a
 * person reads (it names the URL/file/field/value); `hint` says what to do about it.
 */
export type ErrorKind =
  | 'network' // connection refused/reset, DNS
  | 'timeout'
  | 'rate-limited' // 429 (or 403 from SEC) after bounded retries
  | 'http' // other non-2xx status
  | 'bad-input' // a file or response that does not parse
  | 'format-changed' // provider shape differs from what we know
  | 'not-found'
  | 'missing-input' // a stored input the answer needs was never imported (the hint says what to run)
  | 'config' // missing key / env var
  | 'replay-miss' // replay mode and no recorded response
  | 'unit-mismatch'
  | 'store'; // the database refused a statement (constraint, type, disk)

export class TidewatchError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  readonly status: number | undefined;

  constructor(
    kind: ErrorKind,
    message: string,
    opts: { cause?: unknown; hint?: string; status?: number } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'TidewatchError';
    this.kind = kind;
    this.hint = opts.hint;
    this.status = opts.status;
  }

  /** Message plus hint, for printing to a person. */
  describe(): string {
    return this.hint ? `${this.message}\n  hint: ${this.hint}` : this.message;
  }
}

export function isTidewatchError(e: unknown): e is TidewatchError {
  return e instanceof TidewatchError;
}

/** Any thrown value as a one-line, human-readable reason. */
export function reasonOf(e: unknown): string {
  if (e instanceof TidewatchError) return `${e.kind}: ${e.message}`;
  if (e instanceof Error) return e.message;
  return String(e);
}
