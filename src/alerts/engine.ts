import type { Measurement } from './measures.js';
import { ALERT_KINDS, type AlertRule } from './rules.js';

/**
 * The alert state machine, pure: a rule's previous state and this check's measurement in, the
 * event (if any) and the next state out.
 *
 * threshold rules: armed → condition holds → FIRED (disarmed); disarmed → condition stops
 * holding → CLEARED (re-armed). One message per crossing however often `check` runs.
 * change rules: the measured state differs from the one recorded at the previous check → FIRED.
 * The first check of a change rule only records the state (nothing to compare with yet).
 * An unknown measurement (inputs missing or stale) changes nothing: a gap in the data is neither
 * a crossing, nor a clearing, nor a change.
 */
export interface AlertState {
  ruleId: string;
  armed: boolean;
  /** JSON of the last measured value. */
  lastValue: string | null;
  /** As-of day of the last check that updated this state. */
  lastAsOf: string;
  lastFiredAsOf: string | null;
}

export type AlertEventKind = 'fired' | 'cleared';

export interface AlertEvent {
  ruleId: string;
  kind: AlertEventKind;
  asOf: string;
  detail: string;
  /** Change rules: the state before and after. */
  from?: string | null;
  to?: string | null;
}

export function step(
  rule: AlertRule,
  m: Measurement,
  prev: AlertState | undefined,
  asOf: string,
): { event: AlertEvent | null; next: AlertState } {
  if (!m.known) {
    const kept: AlertState = prev ?? {
      ruleId: rule.id,
      armed: true,
      lastValue: null,
      lastAsOf: asOf,
      lastFiredAsOf: null,
    };
    return { event: null, next: { ...kept, lastAsOf: asOf } };
  }
  const value = JSON.stringify(m.value);
  const base = {
    ruleId: rule.id,
    lastValue: value,
    lastAsOf: asOf,
    lastFiredAsOf: prev?.lastFiredAsOf ?? null,
  };
  if (ALERT_KINDS[rule.kind].behaviour === 'change') {
    const next: AlertState = { ...base, armed: true };
    if (prev?.lastValue === undefined || prev.lastValue === null || prev.lastValue === value)
      return { event: null, next };
    return {
      event: { ruleId: rule.id, kind: 'fired', asOf, detail: m.detail, from: prev.lastValue, to: value },
      next: { ...next, lastFiredAsOf: asOf },
    };
  }
  const armed = prev?.armed ?? true;
  if (m.active && armed) {
    return {
      event: { ruleId: rule.id, kind: 'fired', asOf, detail: m.detail },
      next: { ...base, armed: false, lastFiredAsOf: asOf },
    };
  }
  if (!m.active && !armed) {
    return {
      event: { ruleId: rule.id, kind: 'cleared', asOf, detail: m.detail },
      next: { ...base, armed: true },
    };
  }
  return { event: null, next: { ...base, armed } };
}
