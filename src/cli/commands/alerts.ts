import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CheckResult } from '../../alerts/check.js';
import {
  ALERT_KINDS,
  alertsFile,
  DEFAULT_ALERTS_FILE,
  loadAlertsConfig,
  starterFile,
} from '../../alerts/rules.js';
import { today } from '../../core/dates.js';
import { TidewatchError } from '../../core/errors.js';
import { fail, optDate, printJson, printListing, withDbOption, withStore } from '../context.js';

/** The lines `alerts check` and `update` print for people. */
export function describeCheck(r: CheckResult): string[] {
  const lines: string[] = [];
  for (const e of r.fired) lines.push(`ALERT ${e.ruleId}: ${e.detail}`);
  for (const e of r.cleared) lines.push(`cleared ${e.ruleId}: ${e.detail}`);
  for (const o of r.outcomes) if (o.error) lines.push(`could not check ${o.rule.id}: ${o.error}`);
  if (r.webhook) lines.push(`webhook ${r.webhook.url}: ${r.webhook.status} (${r.webhook.detail})`);
  if (!r.fired.length && !r.cleared.length) lines.push(`no alert fired as of ${r.asOf}`);
  return lines;
}

export function register(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('alert rules: thresholds and changes worth being told about');
  addList(alerts);
  addCheck(alerts);
  addInit(alerts);
}

/** `alerts list`: the rules with their kind and stored state. */
function addList(alerts: Command): void {
  withDbOption(
    alerts
      .command('list')
      .description('the rules (built-in and from the rules file), their parameters and last state')
      .option('--rules <file>', `rules file (default $TIDEWATCH_ALERTS or ./${DEFAULT_ALERTS_FILE})`)
      .option('--json'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const config = loadAlertsConfig(alertsFile(opts.rules));
      const { readStates, redactWebhook } = await import('../../alerts/check.js');
      const states = await readStates(store);
      const rows = config.rules.map((r) => ({
        ...r,
        describe: ALERT_KINDS[r.kind].describe,
        state: states.get(r.id) ?? null,
      }));
      printListing(opts, {
        json: { webhook: config.webhook ? redactWebhook(config.webhook) : null, rules: rows },
        headers: ['rule', 'kind', 'parameters', 'on', 'state', 'last checked', 'last fired', 'from'],
        rows: rows.map((r) => [
          r.id,
          r.kind,
          Object.entries(r.params)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ') || '—',
          r.enabled ? 'yes' : 'no',
          r.state ? (r.state.armed ? 'armed' : 'FIRED') : 'never checked',
          r.state?.lastAsOf,
          r.state?.lastFiredAsOf,
          r.origin,
        ]),
      });
    }),
  );
}

/** `alerts check`: evaluate every rule as of a day; fire once per crossing, re-arm when it clears. */
function addCheck(alerts: Command): void {
  withDbOption(
    alerts
      .command('check')
      .description('measure every rule as of a day; print (and POST) what fired since the last check')
      .option(
        '--as-of <date>',
        'check as of this day (default today; an earlier day than the last check leaves the state alone)',
      )
      .option('--rules <file>', `rules file (default $TIDEWATCH_ALERTS or ./${DEFAULT_ALERTS_FILE})`)
      .option('--webhook <url>', 'POST what fired as JSON to this URL (overrides the rules file)')
      .option('--dry-run', 'report without changing the stored alert state')
      .option('--exit-code', 'exit with status 3 when an alert fired (for cron)')
      .option('--json'),
  ).action(async (opts) =>
    withStore(opts, async (store) => {
      const config = loadAlertsConfig(alertsFile(opts.rules));
      const asOf = optDate(opts.asOf, '--as-of') ?? today();
      const webhook = opts.webhook ?? config.webhook;
      const { checkAlerts } = await import('../../alerts/check.js');
      const { createHttp } = await import('../../http/client.js');
      const r = await checkAlerts(store, config, asOf, {
        webhook,
        dryRun: Boolean(opts.dryRun),
        ...(webhook ? { http: createHttp({ archiveDir: null }) } : {}),
      });
      if (opts.json) {
        printJson({
          asOf: r.asOf,
          fired: r.fired,
          cleared: r.cleared,
          rules: r.outcomes.map((o) => ({
            id: o.rule.id,
            kind: o.rule.kind,
            known: o.measurement?.known ?? false,
            active: o.measurement?.active ?? false,
            value: o.measurement?.value ?? null,
            date: o.measurement?.date ?? null,
            detail: o.measurement?.detail ?? null,
            error: o.error,
            stateKept: o.stateKept,
          })),
          webhook: r.webhook,
        });
      } else {
        for (const line of describeCheck(r)) console.log(line);
      }
      if (r.webhook?.status === 'failed') process.exitCode = 1;
      else if (opts.exitCode && r.fired.length) process.exitCode = 3;
    }),
  );
}

function addInit(alerts: Command): void {
  alerts
    .command('init')
    .description(`write a starter rules file (./${DEFAULT_ALERTS_FILE}) listing every built-in rule`)
    .option('--out <file>', 'where to write it', DEFAULT_ALERTS_FILE)
    .option('--force', 'overwrite an existing file')
    .action((opts: { out: string; force?: boolean }) => {
      if (existsSync(opts.out) && !opts.force) {
        fail(new TidewatchError('bad-input', `${opts.out} exists; --force to overwrite`));
        return;
      }
      writeFileSync(opts.out, starterFile());
      console.log(`wrote ${opts.out}: edit parameters, set "enabled": false, or add rules of any kind`);
    });
}
