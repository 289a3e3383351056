/**
 * Parameter schemas that carry what a person is told (what is expected, an example, the JSON
 * schema): one definition read by the API (validation, /api/openapi.json) and the view registry.
 */
import { z } from 'zod';
import { isIsoDate } from './dates.js';
import { TidewatchError } from './errors.js';

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
  return describeParam(z.string().regex(re), {
    expect,
    example,
    json: { type: 'string', pattern: re.source },
  });
}

/** One of a fixed list. */
export function enumParam<const T extends readonly [string, ...string[]]>(
  values: T,
  example: T[number] = values[0],
) {
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
    {
      expect: `a number from ${min} to ${max}`,
      example,
      json: { type: 'number', minimum: min, maximum: max },
    },
  );
}

/** A whole number within [min, max]. */
export function intParam(
  min: number,
  max: number,
  example: string,
  expect = `a whole number from ${min} to ${max}`,
) {
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
    return {
      expect: `one of ${values.join(', ')}`,
      example: values[0] ?? '',
      json: { type: 'string', enum: values },
    };
  }
  const json = z.toJSONSchema(inner, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return {
    expect: inner.description ?? 'text',
    example: '',
    json: Object.keys(json).length ? json : { type: 'string' },
  };
}

/**
 * A command-line option read by a parameter schema, so the CLI takes exactly what the API takes:
 * the parsed value, or a `bad-input` error worded as the API's 400 (`--top must be a whole
 * number from 1 to 999, got '1000'`).
 */
export function optionParser<T extends z.ZodType>(flag: string, schema: T): (v: string) => z.output<T> {
  return (v) => {
    const r = schema.safeParse(v);
    if (r.success) return r.data as z.output<T>;
    throw new TidewatchError('bad-input', `${flag} must be ${paramInfo(schema).expect}, got '${v}'`);
  };
}

export function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

/**
 * The parameters that were given: `given({ from: p.from, source: p.source })` keeps only the keys
 * whose value is not undefined (in the order written), so an option left out stays absent and
 * the callee's default applies.
 */
export function given<T extends Record<string, unknown>>(
  params: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
