import { type CheckResult, checkAlerts } from '../alerts/check.js';
import { type AlertsConfig, alertsFile, loadAlertsConfig } from '../alerts/rules.js';
import { evaluateTheses, recordThesisRun } from '../analytics/theses/store.js';
import { today } from '../core/dates.js';
import { reasonOf, TidewatchError } from '../core/errors.js';
import { createHttp } from '../http/client.js';
import type { Http, HttpResponse } from '../http/types.js';
import type { Store } from '../store/store.js';
import { failedSummary, runStatus } from './items.js';
import { findJob, UPDATE_JOBS } from './registry.js';
import { type Progress, type SeriesSummary, silentProgress } from './types.js';

export interface UpdateOptions {
  sources?: string[];
  only?: string[];
  from?: string;
  progress?: Progress;
  log?: (line: string) => void;
  /** Alert rules evaluated at the end of the update (what fired is in the report). */
  alerts?: AlertsConfig;
}

export interface UpdateReport {
  runs: Array<{
    source: string;
    runId: number;
    status: 'ok' | 'partial' | 'failed';
    summaries: SeriesSummary[];
  }>;
  failed: SeriesSummary[];
  thesesEvaluated?: number;
  alerts?: CheckResult;
}

/** Hook for the HTTP layer: every response is indexed in raw_archive (url, time, status, sha256). */
export function archiveRecorder(store: Store) {
  return async (r: HttpResponse, source: string) => {
    await store.recordArchive({
      sha256: r.sha256,
      url: r.url,
      source,
      fetchedAt: r.fetchedAt,
      status: r.status,
      contentType: r.contentType,
      bytes: r.body.byteLength,
      storedPath: r.archivedPath,
      fromReplay: r.fromReplay,
    });
  };
}

/**
 * Run the update jobs. A failing series or source never stops the others: each summary says
 * what was written and why something failed, and the run is recorded in ingest_runs.
 */
export async function runUpdate(store: Store, http: Http, opts: UpdateOptions = {}): Promise<UpdateReport> {
  const jobs = opts.sources?.length
    ? opts.sources.map((s) => {
        const j = findJob(s);
        if (!j)
          throw new TidewatchError(
            'bad-input',
            `unknown source '${s}'; known: ${UPDATE_JOBS.map((x) => x.source).join(', ')}`,
          );
        return j;
      })
    : UPDATE_JOBS;
  const report: UpdateReport = { runs: [], failed: [] };
  for (const job of jobs) {
    const runId = await store.startRun(job.source);
    let summaries: SeriesSummary[];
    try {
      summaries = await job.run({
        store,
        http,
        only: opts.only,
        from: opts.from,
        progress: opts.progress ?? silentProgress,
        log: opts.log ?? (() => undefined),
        runId,
        today: today(),
      });
    } catch (e) {
      summaries = [failedSummary(job.source, '*', e)];
    }
    const status = runStatus(summaries);
    await store.finishRun(runId, status, summaries);
    report.runs.push({ source: job.source, runId, status, summaries });
    report.failed.push(...summaries.filter((s) => s.status === 'failed'));
  }
  // The thesis ledger is re-evaluated after every update so status changes are recorded.
  try {
    const asOf = today();
    const results = await evaluateTheses(store, asOf);
    await recordThesisRun(store, results);
    report.thesesEvaluated = results.length;
  } catch (e) {
    opts.log?.(`thesis ledger not re-evaluated: ${reasonOf(e)}`);
  }
  if (opts.alerts) {
    try {
      report.alerts = await checkAlerts(store, opts.alerts, today(), { http });
    } catch (e) {
      opts.log?.(`alerts not checked: ${reasonOf(e)}`);
    }
  }
  return report;
}

/** The CLI's update: the HTTP client configured from the environment, every response archived. */
export function updateFromEnvironment(store: Store, opts: UpdateOptions = {}): Promise<UpdateReport> {
  const alerts = opts.alerts ?? loadAlertsConfig(alertsFile());
  return runUpdate(store, createHttp({ onResponse: archiveRecorder(store) }), { ...opts, alerts });
}

/**
 * `tidewatch 13f fetch --cik N [--accession A]`: one filer (or one filing) through the same 13F
 * job as `update --source sec`, with the HTTP client of the environment.
 */
export async function fetchThirteenF(
  store: Store,
  runId: number,
  cik: number,
  accession?: string,
): Promise<SeriesSummary[]> {
  const { thirteenFSource } = await import('../sources/sec/thirteenf/source.js');
  const { runSourceItems } = await import('./job.js');
  const http = createHttp({ onResponse: archiveRecorder(store) });
  return runSourceItems(
    thirteenFSource,
    [{ label: `13F:${cik}`, query: { kind: 'filer', cik, ...(accession ? { accession } : {}) } }],
    {
      store,
      http,
      progress: silentProgress,
      log: () => undefined,
      runId,
      today: today(),
    },
  );
}
