import { describe, expect, it } from 'vitest';
import { type AlertState, step } from './engine.js';
import type { Measurement } from './measures.js';
import { type AlertRule, BUILTIN_RULES, mergeRules, starterFile } from './rules.js';

const threshold: AlertRule = {
  id: 'r',
  kind: 'reserves-below',
  params: { usd: 3e12 },
  enabled: true,
  origin: 'test',
};
const change: AlertRule = { id: 'c', kind: 'risk-level-change', params: {}, enabled: true, origin: 'test' };
const m = (active: boolean, value: number | null = 1, known = true): Measurement => ({
  known,
  active,
  value,
  date: '2025-01-01',
  detail: 'x',
});

/** Run a rule through a sequence of measurements; the events in order ('.' = none). */
function run(rule: AlertRule, ms: Measurement[]): string {
  let state: AlertState | undefined;
  return ms
    .map((x, i) => {
      const r = step(rule, x, state, `2025-01-${String(i + 1).padStart(2, '0')}`);
      state = r.next;
      return r.event ? r.event.kind[0] : '.';
    })
    .join('');
}

describe('alert state machine', () => {
  it('a threshold alert fires once per crossing and re-arms when it clears', () => {
    // off, on, on, on, off, off, on → fire at the first on, clear at the first off, fire again.
    expect(run(threshold, [m(false), m(true), m(true), m(true), m(false), m(false), m(true)])).toBe(
      '.f..c.f',
    );
  });
  it('an unknown measurement (missing or stale inputs) neither fires, clears nor re-arms', () => {
    expect(run(threshold, [m(true), m(false, null, false), m(true), m(false)])).toBe('f..c');
  });
  it('a change alert records a baseline, then fires on each change of state', () => {
    expect(run(change, [m(false, 0), m(false, 0), m(false, 1), m(false, 1), m(false, 0)])).toBe('..f.f');
  });
  it('a gap in the data is not a change', () => {
    expect(run(change, [m(false, 1), m(false, null, false), m(false, 1)])).toBe('...');
  });
});

describe('alert rules as data', () => {
  it('built-ins apply without a file; a file changes parameters, switches rules off and adds new ones', () => {
    const none = mergeRules({}, 'x.json');
    expect(none.rules.map((r) => r.id)).toEqual(BUILTIN_RULES.map((r) => r.id));
    const c = mergeRules(
      {
        webhook: 'https://hooks.example.com/T/abc',
        rules: [
          { id: 'reserves-below-3t', usd: 2.5e12 },
          { id: 'thesis-verdicts', enabled: false },
          { id: 'scion-only', kind: 'new-13f', cik: 1649339 },
        ],
      },
      'mine.json',
    );
    const byId = new Map(c.rules.map((r) => [r.id, r]));
    expect(byId.get('reserves-below-3t')).toMatchObject({ params: { usd: 2.5e12 }, origin: 'mine.json' });
    expect(byId.get('thesis-verdicts')?.enabled).toBe(false);
    expect(byId.get('scion-only')).toMatchObject({
      kind: 'new-13f',
      params: { cik: 1649339 },
      enabled: true,
    });
    expect(c.webhook).toBe('https://hooks.example.com/T/abc');
  });
  it('errors name the file, the rule and the field', () => {
    expect(() => mergeRules({ rules: [{ id: 'x', kind: 'no-such' }] }, 'a.json')).toThrow(
      /a\.json: rules\[0\]\.kind/,
    );
    expect(() => mergeRules({ rules: [{ id: 'new-one' }] }, 'a.json')).toThrow(
      /a\.json: rules\[0\] 'new-one': a new rule needs a kind/,
    );
    expect(() => mergeRules({ rules: [{ id: 'low', kind: 'reserves-below' }] }, 'a.json')).toThrow(
      /rule 'low' \(reserves-below\) needs usd/,
    );
    expect(() => mergeRules({ rules: [{ id: 'btc-drawdown-30', fraction: -30 }] }, 'a.json')).toThrow(
      /rules\[0\]\.fraction/,
    );
    expect(() => mergeRules({ rules: [{ id: 'risk-level', kind: 'new-13f' }] }, 'a.json')).toThrow(
      /keeps its kind/,
    );
    expect(() => mergeRules({ rulez: [] }, 'a.json')).toThrow(/a\.json: .*rulez/);
  });
  it('the starter file lists every built-in and reads back to the same rules', () => {
    const back = mergeRules(JSON.parse(starterFile()), 'starter.json');
    expect(back.rules.map(({ origin: _o, ...r }) => r)).toEqual(BUILTIN_RULES);
  });
});
