import { reasonOf, TidewatchError } from '../core/errors.js';
import type { Http } from '../http/types.js';
import type { Store } from '../store/store.js';
import { type AlertEvent, type AlertState, step } from './engine.js';
import { MEASURES, type Measurement } from './measures.js';
import type { AlertRule, AlertsConfig } from './rules.js';

/**
 * `alerts check`: measure every enabled rule as of a day, step its state machine, store the new
 * states in one transaction and (optionally) POST what fired to a webhook. A check as of a day
 * older than a rule's last check is a look back: it reports, but leaves the state alone (so a
 * look at 2020 never re-arms today's alerts).
 */
export interface RuleOutcome {
  rule: AlertRule;
  measurement: Measurement | null;
  error: string | null;
  event: AlertEvent | null;
  /** The state was left as it was (look back, failure or unknown measurement). */
  stateKept: boolean;
}

export interface CheckResult {
  asOf: string;
  outcomes: RuleOutcome[];
  fired: AlertEvent[];
  cleared: AlertEvent[];
  /** `url` is shown redacted to its origin: a webhook's path often holds a token. */
  webhook: { url: string; status: 'sent' | 'failed' | 'nothing to send'; detail: string } | null;
}

/** A webhook URL as it may be printed or stored: its origin only. */
export function redactWebhook(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '(webhook)';
  }
}

export async function readStates(store: Store): Promise<Map<string, AlertState>> {
  const rows = await store.db.all<{
    rule_id: string;
    armed: boolean;
    last_value: string | null;
    last_as_of: string;
    last_fired_as_of: string | null;
  }>(
    `SELECT rule_id, armed, last_value, CAST(last_as_of AS VARCHAR) AS last_as_of,
            CAST(last_fired_as_of AS VARCHAR) AS last_fired_as_of FROM alert_state`,
  );
  return new Map(
    rows.map((r) => [
      r.rule_id,
      {
        ruleId: r.rule_id,
        armed: Boolean(r.armed),
        lastValue: r.last_value,
        lastAsOf: r.last_as_of,
        lastFiredAsOf: r.last_fired_as_of,
      },
    ]),
  );
}

async function writeStates(store: Store, states: AlertState[]): Promise<void> {
  if (!states.length) return;
  await store.db.transaction(async (tx) => {
    for (const s of states) {
      await tx.run('DELETE FROM alert_state WHERE rule_id = $1', [s.ruleId]);
      await tx.run(
        `INSERT INTO alert_state (rule_id, armed, last_value, last_as_of, last_fired_as_of, updated_at)
         VALUES ($1, $2, $3, CAST($4 AS DATE), CAST($5 AS DATE), CURRENT_TIMESTAMP)`,
        [s.ruleId, s.armed, s.lastValue, s.lastAsOf, s.lastFiredAsOf],
      );
    }
  });
}

export async function checkAlerts(
  store: Store,
  config: AlertsConfig,
  asOf: string,
  opts: { http?: Http; webhook?: string; dryRun?: boolean } = {},
): Promise<CheckResult> {
  const states = await readStates(store);
  const outcomes: RuleOutcome[] = [];
  const updates: AlertState[] = [];
  for (const rule of config.rules.filter((r) => r.enabled)) {
    const prev = states.get(rule.id);
    let measurement: Measurement | null = null;
    try {
      measurement = await MEASURES[rule.kind](store, asOf, rule.params);
    } catch (e) {
      outcomes.push({ rule, measurement: null, error: reasonOf(e), event: null, stateKept: true });
      continue;
    }
    const lookBack = prev !== undefined && asOf < prev.lastAsOf;
    // A look back is judged on its own, from a fresh state: what holds that day, not a change
    // against a later check.
    const { event, next } = step(rule, measurement, lookBack ? undefined : prev, asOf);
    if (!lookBack && !opts.dryRun) updates.push(next);
    outcomes.push({
      rule,
      measurement,
      error: null,
      event,
      stateKept: lookBack || !!opts.dryRun || !measurement.known,
    });
  }
  await writeStates(store, updates);
  const events = outcomes.flatMap((o) => (o.event ? [o.event] : []));
  const fired = events.filter((e) => e.kind === 'fired');
  const cleared = events.filter((e) => e.kind === 'cleared');
  const url = opts.webhook ?? config.webhook;
  let webhook: CheckResult['webhook'] = null;
  if (url) webhook = await postWebhook(url, asOf, fired, cleared, opts.http);
  return { asOf, outcomes, fired, cleared, webhook };
}

/** POST the fired and cleared events as JSON through the one HTTP layer (its retries apply). */
async function postWebhook(
  url: string,
  asOf: string,
  fired: AlertEvent[],
  cleared: AlertEvent[],
  http: Http | undefined,
): Promise<NonNullable<CheckResult['webhook']>> {
  const shown = redactWebhook(url);
  if (!fired.length && !cleared.length)
    return { url: shown, status: 'nothing to send', detail: 'no alert fired or cleared' };
  if (!http?.post) throw new TidewatchError('config', 'webhook given but no HTTP client to send it with');
  try {
    const r = await http.post(url, JSON.stringify({ source: 'tidewatch', asOf, fired, cleared }), {
      source: 'alerts',
      headers: { 'content-type': 'application/json' },
    });
    return { url: shown, status: 'sent', detail: `HTTP ${r.status}` };
  } catch (e) {
    return { url: shown, status: 'failed', detail: reasonOf(e).replaceAll(url, shown) };
  }
}
