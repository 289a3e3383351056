import type { z } from 'zod';
import { TidewatchError } from '../../core/errors.js';

/**
 * SEC JSON read through its schema. Another shape is refused as `format-changed`, naming the
 * file (`where`), what it should have been and the first field that differs.
 */
export function parseSecJson<S extends z.ZodType>(
  schema: S,
  json: unknown,
  where: string,
  what: string,
): z.output<S> {
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new TidewatchError(
    'format-changed',
    `${where}: unexpected ${what} shape at '${i?.path.join('.') ?? '?'}': ${i?.message ?? 'invalid'}`,
  );
}
