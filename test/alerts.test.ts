import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAlerts, readStates } from '../src/alerts/check.js';
import { mergeRules } from '../src/alerts/rules.js';
import { HttpClient } from '../src/http/client.js';
import { openStore, type Store } from '../src/store/store.js';
import { runCli } from './cli.js';
import { fullStoreCopy } from './full-store.js';

/**
 * Alerts on the full real-data store, checked week by week through the October 2025 repo squeeze
 * (SOFR above IORB from 2025-10-14, reserves under $3T) and the BTC fall of early 2026.
 */
describe('alerts on the real data: fire once per crossing, re-arm when cleared', () => {
  let store: Store;
  let file: string;
  const builtIns = mergeRules({}, 'built-in');

  beforeAll(async () => {
    file = fullStoreCopy();
    store = await openStore(file);
    // The store's own update checked the alerts as of today: start these checks from scratch.
    await store.db.run('DELETE FROM alert_state');
  }, 600_000);
  afterAll(async () => store?.close());

  const ids = (xs: { ruleId: string }[]) => xs.map((x) => x.ruleId).sort();
  /** Theses whose verdict a thesis-verdicts event records as changed: id → [from, to]. */
  const verdictChanges = (xs: { ruleId: string; from?: string | null; to?: string | null }[]) => {
    const e = xs.find((x) => x.ruleId === 'thesis-verdicts')!;
    // from/to are the stored JSON of the measured value, itself the JSON text of id → status.
    const from = JSON.parse(JSON.parse(e.from!)) as Record<string, string>;
    const to = JSON.parse(JSON.parse(e.to!)) as Record<string, string>;
    return Object.fromEntries(
      Object.keys(to)
        .filter((k) => from[k] !== to[k])
        .map((k) => [k, [from[k], to[k]]]),
    );
  };

  it('first check (2025-09-01) records baselines and fires nothing', async () => {
    const r = await checkAlerts(store, builtIns, '2025-09-01');
    expect(r.fired).toEqual([]);
    expect((await readStates(store)).get('risk-level')?.lastValue).toBe('0');
  });

  it('2025-10-31: the squeeze fires repo, reserves, net liquidity and the risk level change, with the figures, and the thesis verdicts that moved', async () => {
    const r = await checkAlerts(store, builtIns, '2025-10-31');
    expect(ids(r.fired)).toEqual([
      'net-liquidity-draining',
      'repo-crosses-iorb',
      'reserves-below-3t',
      'risk-level',
      'thesis-verdicts',
    ]);
    // Since the ledger merge its checks can reach every verdict, so thesis verdicts move with the
    // data too: the 2025-09 → 11 squeeze windows (thesis 3), the Google token disclosure of
    // 2025-10 (thesis 4, 31.6×/yr against the claimed 100×) and BTC's October high and fall
    // (thesis 6). `tidewatch theses --as-of` on the full store gives these statuses both days.
    expect(verdictChanges(r.fired)).toEqual({
      'duration-sorting': ['refuted', 'mixed'],
      'ai-bubble': ['mixed', 'refuted'],
      'crypto-front-line': ['insufficient data', 'refuted'],
    });
    const detail = Object.fromEntries(r.fired.map((e) => [e.ruleId, e.detail]));
    expect(detail['repo-crosses-iorb']).toMatch(/since 2025-10-14 \(latest 14 bp on 2025-10-30/);
    expect(detail['reserves-below-3t']).toMatch(/\$2\.848T on 2025-10-29/);
    expect(r.fired.find((e) => e.ruleId === 'risk-level')).toMatchObject({ from: '0', to: '1' });
  });

  it('a week later the conditions still hold: nothing fires again', async () => {
    const r = await checkAlerts(store, builtIns, '2025-11-07');
    expect(r.fired).toEqual([]);
  });

  it('2026-01-30: repo and net liquidity clear (re-armed), BTC is 32.6 % below its high, thesis 4 turns mixed', async () => {
    const r = await checkAlerts(store, builtIns, '2026-01-30');
    expect(ids(r.cleared)).toEqual(['net-liquidity-draining', 'repo-crosses-iorb']);
    expect(ids(r.fired)).toEqual(['btc-drawdown-30', 'thesis-verdicts']);
    expect(r.fired.find((e) => e.ruleId === 'btc-drawdown-30')!.detail).toMatch(
      /32\.6 % below its all-time high close/,
    );
    // Oracle's −10.8 % day of 2025-12-11 is now known: its check is mixed, and so is thesis 4.
    expect(verdictChanges(r.fired)).toEqual({ 'ai-bubble': ['refuted', 'mixed'] });
    const s = await readStates(store);
    expect(s.get('repo-crosses-iorb')?.armed).toBe(true);
    expect(s.get('btc-drawdown-30')?.armed).toBe(false);
  });

  it('a look back (as of a day before the last check) reports but leaves the state alone', async () => {
    const before = await readStates(store);
    const r = await checkAlerts(store, builtIns, '2025-10-31');
    expect(r.outcomes.every((o) => o.stateKept)).toBe(true);
    expect(await readStates(store)).toEqual(before);
  });

  it('the webhook gets the fired alerts as JSON, through the HTTP layer and its retries (500, then 200)', async () => {
    const bodies: string[] = [];
    let hits = 0;
    const server = createServer((req, res) => {
      let b = '';
      req.on('data', (c) => {
        b += c;
      });
      req.on('end', () => {
        hits++;
        if (hits === 1) return res.writeHead(500).end('busy');
        bodies.push(b);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T0KEN`;
    try {
      const http = new HttpClient({ archiveDir: null, backoffMs: 1, maxWaitMs: 5 });
      const config = mergeRules({ rules: [{ id: 'reserves-below-3t', usd: 2.9e12 }] }, 'test.json');
      const s = await openStore(fullStoreCopy());
      await s.db.run('DELETE FROM alert_state');
      try {
        const r = await checkAlerts(s, config, '2025-10-31', { http, webhook: url });
        expect(r.webhook).toMatchObject({ status: 'sent', detail: 'HTTP 200' });
      } finally {
        await s.close();
      }
      expect(hits).toBe(2);
      const payload = JSON.parse(bodies[0]!);
      expect(payload.asOf).toBe('2025-10-31');
      expect(payload.fired.map((e: { ruleId: string }) => e.ruleId)).toContain('reserves-below-3t');
    } finally {
      server.close();
    }
  });

  it('the CLI prints what fired and never the webhook token', () => {
    const db = fullStoreCopy();
    const r = runCli([
      'alerts',
      'check',
      '--as-of',
      '2025-10-31',
      '--webhook',
      'http://127.0.0.1:9/hooks/SECRET',
      '--db',
      db,
    ]);
    expect(r.stdout).toMatch(/ALERT reserves-below-3t: reserve balances \$2\.848T on 2025-10-29/);
    expect(r.stdout).toMatch(/webhook http:\/\/127\.0\.0\.1:9\/…: failed/);
    expect(r.stdout + r.stderr).not.toMatch(/SECRET/);
    expect(r.code).toBe(1);
  });
});
