import { z } from 'zod';
import { isIsoDate } from '../core/dates.js';
import { ApiError } from './errors.js';

/**
 * Query and path parameters: each schema carries what a person is told it must be ("a calendar
 * date YYYY-MM-DD"), an example, and its JSON schema for /api/openapi.json. Bad values answer
 * 400 with `<name> must be <what>, got '<value>'` (and, for a value read by a shared parser, `,
 * which <its reason>`), one rule for every route.
 */
export interface ParamInfo {
  /** What the value must be, completing "asOf must be …". */
  expect: string;
  example: string;
  /** JSON schema of the text value (type, format, pattern, enum, bounds). */
  json: Record<string, unknown>;
}

const INFO = new WeakMap<z.ZodType, ParamInfo>();

/** Attach the person-facing description to a parameter schema (returns the same schema). */
export function describeParam<T extends z.ZodType>(schema: T, info: ParamInfo): T {
  INFO.set(schema, info);
  return schema;
}

export const isoDateParam = describeParam(z.string().refine(isIsoDate), {
  expect: 'a calendar date YYYY-MM-DD',
  example: '2025-11-14',
  json: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
});

/** Text matching a pattern (tickers, series ids, names). */
export function patternParam(re: RegExp, expect: string, example: string) {
  return describeParam(z.string().regex(re), { expect, example, json: { type: 'string', pattern: re.source } });
}

/** One of a fixed list. */
export function enumParam<const T extends readonly [string, ...string[]]>(values: T, example: T[number] = values[0]) {
  return describeParam(z.enum(values), {
    expect: `one of ${values.join(', ')}`,
    example,
    json: { type: 'string', enum: [...values] },
  });
}

/**
 * A parameter read by a parser shared with the CLI (one reading of the value on every surface).
 * `read` returns the value or what is wrong with it, completing "got '<value>', which …"
 * ("is ambiguous: write …"); the message keeps the one rule and adds that reason.
 */
export function parsedParam<T>(read: (v: string) => { value: T } | { problem: string }, info: ParamInfo) {
  return describeParam(
    z.string().transform((v, ctx) => {
      const r = read(v);
      if ('value' in r) return r.value;
      ctx.addIssue({ code: 'custom', message: r.problem, params: { problem: r.problem } });
      return z.NEVER;
    }),
    info,
  );
}

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A decimal number within [min, max], given as text ("-0.1", "1e6"). */
export function numberParam(min: number, max: number, example: string) {
  return describeParam(
    z
      .string()
      .refine((v) => NUMBER_TEXT.test(v) && Number(v) >= min && Number(v) <= max)
      .transform(Number),
    { expect: `a number from ${min} to ${max}`, example, json: { type: 'number', minimum: min, maximum: max } },
  );
}

/** A whole number within [min, max]. */
export function intParam(min: number, max: number, example: string, expect = `a whole number from ${min} to ${max}`) {
  return describeParam(
    z
      .string()
      .refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max)
      .transform(Number),
    { expect, example, json: { type: 'integer', minimum: min, maximum: max } },
  );
}

/** The schema inside `.optional()` / `.default()`. */
function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  while (cur instanceof z.ZodOptional || cur instanceof z.ZodDefault || cur instanceof z.ZodNullable) {
    cur = cur.unwrap() as z.ZodType;
  }
  return cur;
}

/** The description of one parameter: registered by the helpers above, or read off the zod schema. */
export function paramInfo(schema: z.ZodType): ParamInfo {
  const inner = unwrap(schema);
  const known = INFO.get(inner);
  if (known) return known;
  if (inner instanceof z.ZodEnum) {
    const values = inner.options.map(String);
    return { expect: `one of ${values.join(', ')}`, example: values[0] ?? '', json: { type: 'string', enum: values } };
  }
  const json = z.toJSONSchema(inner, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return { expect: inner.description ?? 'text', example: '', json: Object.keys(json).length ? json : { type: 'string' } };
}

export function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

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
      throw new ApiError(400, 'unknown-parameter', `unknown ${where} parameter '${name}' for ${route}: ${takes}`, {
        parameter: name,
        hint: 'see /api/openapi.json for the parameters of every endpoint',
      });
    }
    const values = Array.isArray(v) ? v : [v];
    if (values.length > 1) {
      throw new ApiError(400, 'bad-parameter', `${name} is given ${values.length} times; give it once`, { parameter: name });
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
