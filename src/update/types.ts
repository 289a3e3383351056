import type { Http } from '../http/types.js';
import type { Store } from '../store/store.js';

/** Outcome for one series (or one dataset) of an update or import run. */
export interface SeriesSummary {
  source: string;
  series: string;
  status: 'ok' | 'failed' | 'skipped';
  newRows: number;
  revisedRows: number;
  unchanged?: number;
  missing?: number;
  warnings?: string[];
  reason?: string;
}

export interface Progress {
  start(total: number, label: string): void;
  tick(item: string): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, tick() {}, stop() {} };

export interface UpdateContext {
  store: Store;
  http: Http;
  /** Restrict to these series/items (job-specific meaning). */
  only?: string[];
  from?: string;
  progress: Progress;
  log: (line: string) => void;
  runId: number;
  today: string;
}

export interface UpdateJob {
  source: string;
  describe: string;
  run(ctx: UpdateContext): Promise<SeriesSummary[]>;
}

/**
 * The sources `tidewatch update` runs, in order — the names only, so the CLI can list them
 * without loading every source's parsers. registry.test.ts holds it equal to the registry.
 */
export const UPDATE_SOURCE_NAMES = [
  'curated',
  'fred',
  'nyfed',
  'treasury',
  'sec',
  'xbrl',
  'prices',
  'crypto',
] as const;
