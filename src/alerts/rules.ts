import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { TidewatchError } from '../core/errors.js';

/**
 * Alert rules are data: a kind (what is measured, src/alerts/measures.ts), its parameters and an
 * id. tidewatch ships built-in rules; a JSON file the user edits overrides their parameters,
 * switches them off, or adds more rules of any kind.
 *
 * Two behaviours:
 * - `threshold`: fires once when the condition starts to hold, re-arms when it stops holding
 *   (one message per crossing, not one per check);
 * - `change`: fires whenever the measured state differs from the one seen at the previous check.
 */
export const ALERT_KINDS = {
  'sofr-above-iorb': {
    behaviour: 'threshold',
    describe: 'SOFR above IORB for at least `days` business days running',
  },
  'reserves-below': { behaviour: 'threshold', describe: 'reserve balances (WRESBAL) below `usd`' },
  'net-liquidity-13w-below': {
    behaviour: 'threshold',
    describe: 'net liquidity 13-week change below `usd` (negative = a fall)',
  },
  'risk-level-change': { behaviour: 'change', describe: 'the macro risk level changes' },
  'new-13f': { behaviour: 'change', describe: 'a watched filer (or `cik`) files a new 13F' },
  'btc-drawdown-beyond': {
    behaviour: 'threshold',
    describe: 'BTC close below its all-time high close by more than `fraction` (e.g. −0.3)',
  },
  'thesis-verdict-change': { behaviour: 'change', describe: 'a thesis ledger verdict changes' },
} as const;

export type AlertKind = keyof typeof ALERT_KINDS;

const kindEnum = z.enum(Object.keys(ALERT_KINDS) as [AlertKind, ...AlertKind[]]);

const paramShapes = {
  days: z.number().int().positive(),
  usd: z.number().finite(),
  fraction: z.number().gt(-1).lt(0),
  cik: z.number().int().positive(),
};

const paramsSchema = z
  .object({
    days: paramShapes.days.optional(),
    usd: paramShapes.usd.optional(),
    fraction: paramShapes.fraction.optional(),
    cik: paramShapes.cik.optional(),
  })
  .strict();

export type AlertParams = z.infer<typeof paramsSchema>;

export interface AlertRule {
  id: string;
  kind: AlertKind;
  params: AlertParams;
  enabled: boolean;
  /** Where the rule comes from: 'built-in' or the user's file. */
  origin: string;
}

/** The rules tidewatch ships; thresholds echo the theses in PRODUCT.md (thesis 1, 6, 7). */
export const BUILTIN_RULES: readonly Omit<AlertRule, 'origin'>[] = [
  { id: 'repo-crosses-iorb', kind: 'sofr-above-iorb', params: { days: 3 }, enabled: true },
  // Thesis 1's claim: the system now needs > $3T of reserves to function.
  { id: 'reserves-below-3t', kind: 'reserves-below', params: { usd: 3e12 }, enabled: true },
  { id: 'net-liquidity-draining', kind: 'net-liquidity-13w-below', params: { usd: -300e9 }, enabled: true },
  { id: 'risk-level', kind: 'risk-level-change', params: {}, enabled: true },
  { id: 'watched-13f', kind: 'new-13f', params: {}, enabled: true },
  { id: 'btc-drawdown-30', kind: 'btc-drawdown-beyond', params: { fraction: -0.3 }, enabled: true },
  { id: 'thesis-verdicts', kind: 'thesis-verdict-change', params: {}, enabled: true },
];

/** One entry of the user's file: an id, optionally a kind and `enabled`, and parameters. */
const fileRule = paramsSchema.extend({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  kind: kindEnum.optional(),
  enabled: z.boolean().optional(),
});

export const alertsFileSchema = z
  .object({
    /** POST every check that fired to this URL (JSON). */
    webhook: z.url().optional(),
    rules: z.array(z.record(z.string(), z.unknown())).default([]),
  })
  .strict();

export interface AlertsConfig {
  rules: AlertRule[];
  webhook: string | undefined;
}

/** Required parameters per kind (a rule without them cannot be measured). */
const REQUIRED: Record<AlertKind, Array<keyof AlertParams>> = {
  'sofr-above-iorb': ['days'],
  'reserves-below': ['usd'],
  'net-liquidity-13w-below': ['usd'],
  'risk-level-change': [],
  'new-13f': [],
  'btc-drawdown-beyond': ['fraction'],
  'thesis-verdict-change': [],
};

/**
 * Built-ins merged with a user file's content: an entry whose id is a built-in changes it, a new
 * id adds a rule (its kind is then required). Errors name the file, the rule and the field.
 */
export function mergeRules(file: unknown, origin: string): AlertsConfig {
  const parsed = alertsFileSchema.safeParse(file);
  if (!parsed.success)
    throw badFile(
      origin,
      parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`),
    );
  const rules: AlertRule[] = BUILTIN_RULES.map((r) => ({
    ...r,
    params: { ...r.params },
    origin: 'built-in',
  }));
  parsed.data.rules.forEach((raw, i) => {
    const entry = fileRule.safeParse(raw);
    if (!entry.success) {
      throw badFile(
        origin,
        entry.error.issues.map(
          (x) => `rules[${i}]${x.path.length ? `.${x.path.join('.')}` : ''}: ${x.message}`,
        ),
      );
    }
    const { id, kind, enabled, ...params } = entry.data;
    const known = rules.find((r) => r.id === id);
    if (known) {
      if (kind && kind !== known.kind)
        throw badFile(origin, [`rules[${i}] '${id}': a built-in rule keeps its kind (${known.kind})`]);
      Object.assign(known.params, params);
      if (enabled !== undefined) known.enabled = enabled;
      known.origin = origin;
      return;
    }
    if (!kind)
      throw badFile(origin, [
        `rules[${i}] '${id}': a new rule needs a kind (${Object.keys(ALERT_KINDS).join(', ')})`,
      ]);
    rules.push({ id, kind, params, enabled: enabled ?? true, origin });
  });
  for (const r of rules) {
    const missing = REQUIRED[r.kind].filter((k) => r.params[k] === undefined);
    if (missing.length) throw badFile(origin, [`rule '${r.id}' (${r.kind}) needs ${missing.join(', ')}`]);
  }
  return { rules, webhook: parsed.data.webhook };
}

function badFile(origin: string, problems: string[]): TidewatchError {
  return new TidewatchError('bad-input', `${origin}: ${problems.join('; ')}`, {
    hint: 'see `tidewatch alerts list` for the rules and their parameters',
  });
}

/** Read the user's rule file (absent file = built-ins only). */
export function loadAlertsConfig(file: string | undefined): AlertsConfig {
  if (!file) return mergeRules({}, 'built-in');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TidewatchError(
      'not-found',
      `alert rules file ${file} cannot be read: ${(e as Error).message}`,
      {
        hint: '`tidewatch alerts init` writes a starter file',
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new TidewatchError('bad-input', `${file}: not valid JSON (${(e as Error).message})`);
  }
  return mergeRules(json, file);
}

/** A starter file listing every built-in rule with its parameters, for the user to edit. */
export function starterFile(): string {
  return `${JSON.stringify(
    {
      rules: BUILTIN_RULES.map((r) => ({ id: r.id, kind: r.kind, enabled: r.enabled, ...r.params })),
    },
    null,
    2,
  )}\n`;
}

/** The rules file a user keeps: given, else $TIDEWATCH_ALERTS, else ./tidewatch.alerts.json when present. */
export const DEFAULT_ALERTS_FILE = 'tidewatch.alerts.json';

export function alertsFile(given?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (given) return given;
  if (env.TIDEWATCH_ALERTS) return env.TIDEWATCH_ALERTS;
  return existsSync(DEFAULT_ALERTS_FILE) ? DEFAULT_ALERTS_FILE : undefined;
}
