import type { z } from 'zod';
import { paramInfo } from '../core/params.js';
import { ApiError } from './errors.js';

export {
  describeParam,
  enumParam,
  intParam,
  isOptional,
  isoDateParam,
  numberParam,
  type ParamInfo,
  paramInfo,
  parsedParam,
  patternParam,
} from '../core/params.js';

/** A value quoted in a message: cut, so a long or hostile value does not fill the answer. */
function quote(v: string): string {
  return `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
}

type Raw = Record<string, string[] | string>;

/** The strict form of each route's schema, built once (not per request). */
const STRICT = new WeakMap<z.ZodObject, z.ZodObject>();

function strictOf(schema: z.ZodObject): z.ZodObject {
  let s = STRICT.get(schema);
  if (!s) {
    s = schema.strict();
    STRICT.set(schema, s);
  }
  return s;
}

/**
 * Validate one kind of parameters (query or path) against a strict object schema. Unknown
 * names, repeated names and bad values answer 400 in the one error shape, naming the parameter.
 */
export function parseParams<T extends z.ZodObject | undefined>(
  schema: T,
  raw: Raw,
  where: 'query' | 'path',
  route: string,
): T extends z.ZodObject ? z.infer<T> : Record<never, never> {
  const shape = (schema?.shape ?? {}) as Record<string, z.ZodType>;
  const known = Object.keys(shape);
  const input: Record<string, string> = {};
  for (const [name, v] of Object.entries(raw)) {
    if (!(name in shape)) {
      const takes = known.length ? `it takes ${known.join(', ')}` : `it takes no ${where} parameters`;
      throw new ApiError(
        400,
        'unknown-parameter',
        `unknown ${where} parameter '${name}' for ${route}: ${takes}`,
        {
          parameter: name,
          hint: 'see /api/openapi.json for the parameters of every endpoint',
        },
      );
    }
    const values = Array.isArray(v) ? v : [v];
    if (values.length > 1) {
      throw new ApiError(400, 'bad-parameter', `${name} is given ${values.length} times; give it once`, {
        parameter: name,
      });
    }
    input[name] = values[0]!;
  }
  if (!schema) return {} as never;
  const r = strictOf(schema).safeParse(input);
  if (r.success) return r.data as never;
  const issue = r.error.issues[0]!;
  const name = String(issue.path[0] ?? '');
  const s = shape[name];
  const info = s ? paramInfo(s) : undefined;
  const expect = info?.expect && info.expect !== 'text' ? info.expect : issue.message;
  // A parser's own reason (parsedParam) follows the value it is about.
  const problem = issue.code === 'custom' ? (issue.params?.problem as string | undefined) : undefined;
  const message =
    input[name] === undefined
      ? `${name} is required: ${expect}${info?.example && !expect.includes(info.example) ? ` (e.g. ${info.example})` : ''}`
      : `${name} must be ${expect}, got ${quote(input[name])}${problem ? `, which ${problem}` : ''}`;
  throw new ApiError(400, 'bad-parameter', message, { parameter: name });
}
