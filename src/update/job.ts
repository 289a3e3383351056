import { isTidewatchError, reasonOf, TidewatchError } from '../core/errors.js';
import type { Http, HttpRequestOptions, HttpResponse } from '../http/types.js';
import type { Batch } from '../sources/batches.js';
import {
  type RawBytes,
  rawFromResponse,
  type SourceDefinition,
  type Transformed,
} from '../sources/define.js';
import type { Db } from '../store/db.js';
import { recordIngestItems } from '../store/provenance.js';
import type { Store } from '../store/store.js';
import type { SeriesSummary, UpdateContext, UpdateJob } from './types.js';
import { type WriteContext, type Written, writeBatch } from './write.js';

/**
 * The one update job. For every source: plan the items, then per item extract (through Http),
 * transform (pure), write each batch through the writer of its kind together with its
 * provenance, and summarise. An item that fails — a network error, a refused response — is one
 * failed summary naming it and the others still run; in replay mode an item with no recording is
 * skipped, saying so. Nothing here knows what a source is about.
 */

/** An Http that also keeps every response it hands out: the bytes an item read, for provenance. */
export function capturingHttp(http: Http, into: RawBytes[]): Http {
  const keep = (r: HttpResponse) => {
    into.push(rawFromResponse(r));
    return r;
  };
  const out: Http = {
    get: async (url: string, opts: HttpRequestOptions) => keep(await http.get(url, opts)),
  };
  if (http.replaying !== undefined) Object.defineProperty(out, 'replaying', { get: () => http.replaying });
  if (http.post) {
    const post = http.post.bind(http);
    out.post = async (url, body, opts) => keep(await post(url, body, opts));
  }
  return out;
}

export interface ItemWrite {
  store: Store;
  /** Source of the summaries and of the provenance rows ('fred', 'fred-file'). */
  source: string;
  /** The item's label (summary of a failure or of an item with no batch). */
  label: string;
  ctx: WriteContext;
  atomic: 'item' | 'batch';
  /** Everything the item read: the provenance of a batch that names no inputs of its own. */
  inputs: RawBytes[];
  /** Notes of extract and transform, shown on the item's first summary line. */
  warnings: string[];
  /** Records not fetched because they are stored already (counted unchanged). */
  alreadyStored?: number;
}

interface BatchResult {
  /** What the summary needs of the batch (not its rows: a streamed item's batches are let go once written). */
  batch: Pick<Batch, 'label' | 'missing'>;
  written?: Written;
  error?: unknown;
}

const labelOf = (b: Pick<Batch, 'label'>, key: string) =>
  typeof b.label === 'function' ? b.label(key) : b.label;

/** Write one batch and the bytes it came from, in `tx`. */
async function writeOne(tx: Db, w: ItemWrite, b: Batch): Promise<Written> {
  const written = await writeBatch(w.store, tx, b, w.ctx);
  const from = b.inputs ?? w.inputs;
  await recordIngestItems(
    tx,
    from.map((r) => ({
      runId: w.ctx.runId,
      source: w.source,
      item: labelOf(b, written.key),
      recordKind: b.kind,
      recordKey: written.key,
      sha256: r.sha256,
      origin: r.origin,
      originKind: r.originKind,
      archivePath: r.archivePath,
      bytes: r.size ?? r.bytes.byteLength,
      readAt: r.readAt,
    })),
  );
  return written;
}

/**
 * Write an item's batches (one transaction for the item, or one per batch) and fold the results
 * into summary lines: one per batch label, in order, counts added up.
 */
export async function writeItem(t: Transformed, w: ItemWrite): Promise<SeriesSummary[]> {
  const results: BatchResult[] = [];
  if (w.atomic === 'item') {
    try {
      const written = await w.store.db.transaction(async (tx) => {
        const out: BatchResult[] = [];
        const one = async (b: Batch) => {
          out.push({ batch: { label: b.label, missing: b.missing }, written: await writeOne(tx, w, b) });
        };
        for (const b of t.batches) await one(b);
        if (t.more) for await (const b of t.more(tx)) await one(b);
        return out;
      });
      results.push(...written);
    } catch (e) {
      return [failed(w.source, w.label, e)];
    }
  } else {
    for (const batch of t.batches) {
      try {
        results.push({ batch, written: await w.store.db.transaction((tx) => writeOne(tx, w, batch)) });
      } catch (error) {
        results.push({ batch, error });
      }
    }
  }
  const lines = new Map<string, SeriesSummary>();
  const warningsOf = (s: SeriesSummary) => {
    s.warnings ??= [];
    return s.warnings;
  };
  for (const r of results) {
    const label = r.written
      ? labelOf(r.batch, r.written.key)
      : typeof r.batch.label === 'string'
        ? r.batch.label
        : w.label;
    let s = lines.get(label);
    if (!s) {
      s = { source: w.source, series: label, status: 'ok', newRows: 0, revisedRows: 0, unchanged: 0 };
      lines.set(label, s);
    }
    if (r.batch.missing !== undefined) s.missing = (s.missing ?? 0) + r.batch.missing;
    if (r.written) {
      s.newRows += r.written.newRows;
      s.revisedRows += r.written.revisedRows;
      s.unchanged = (s.unchanged ?? 0) + r.written.unchanged;
      if (r.written.warnings.length) warningsOf(s).push(...r.written.warnings);
    } else {
      // A batch that could not be written is a failure of its line, never an "ok" with a note.
      s.status = 'failed';
      s.reason = s.reason ? `${s.reason}; ${reasonOf(r.error)}` : `not written: ${reasonOf(r.error)}`;
    }
  }
  const out = [...lines.values()];
  if (!out.length)
    out.push({ source: w.source, series: w.label, status: 'ok', newRows: 0, revisedRows: 0, unchanged: 0 });
  const first = out[0]!;
  if (w.alreadyStored) first.unchanged = (first.unchanged ?? 0) + w.alreadyStored;
  if (w.warnings.length) first.warnings = [...w.warnings, ...(first.warnings ?? [])];
  for (const s of out) if (s.warnings && !s.warnings.length) delete s.warnings;
  return out;
}

export function failed(source: string, series: string, e: unknown, reason = reasonOf(e)): SeriesSummary {
  return { source, series, status: 'failed', newRows: 0, revisedRows: 0, reason };
}

/** What an item skipped in replay mode says (sources that skip misses word it: `replayMiss`). */
function replaySkip(source: string, label: string, reason: string): SeriesSummary {
  return { source, series: label, status: 'skipped', newRows: 0, revisedRows: 0, reason };
}

export interface SourceJobOptions {
  /**
   * Given: an item with no recording in replay mode is skipped, worded by this (prices, crypto:
   * the recordings hold only some symbols). Absent: a replay miss is a failure like any other.
   */
  replayMiss?: (label: string, e: TidewatchError) => string;
}

/** Run one source's update: every planned item through extract → transform → write. */
export async function runSource<Q, P, FQ>(
  def: SourceDefinition<Q, P, FQ>,
  ctx: UpdateContext,
  opts: SourceJobOptions = {},
): Promise<SeriesSummary[]> {
  const items = await def.plan({
    store: ctx.store,
    http: ctx.http,
    ...(ctx.only ? { only: ctx.only } : {}),
    ...(ctx.from ? { from: ctx.from } : {}),
    today: ctx.today,
  });
  return runSourceItems(def, items, ctx, opts);
}

/** Run given items of a source (a command that names them itself: `13f fetch --accession`). */
export async function runSourceItems<Q, P, FQ>(
  def: SourceDefinition<Q, P, FQ>,
  items: ReadonlyArray<{ label: string; query: Q }>,
  ctx: UpdateContext,
  opts: SourceJobOptions = {},
): Promise<SeriesSummary[]> {
  const out: SeriesSummary[] = [];
  const session = new Map<string, unknown>();
  ctx.progress.start(items.length, def.progressLabel ?? def.name);
  try {
    for (const item of items) {
      ctx.progress.tick(item.label);
      out.push(...(await runItem(def, item, ctx, session, opts)));
    }
  } finally {
    ctx.progress.stop();
  }
  return out;
}

async function runItem<Q, P, FQ>(
  def: SourceDefinition<Q, P, FQ>,
  item: { label: string; query: Q },
  ctx: UpdateContext,
  session: Map<string, unknown>,
  opts: SourceJobOptions,
): Promise<SeriesSummary[]> {
  const read: RawBytes[] = [];
  let t: Transformed;
  let warnings: string[];
  let alreadyStored: number | undefined;
  try {
    const parsed = def.query.safeParse(item.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TidewatchError(
        'bad-input',
        `${def.name} ${item.label}: ${issue?.path.join('.') || 'query'}: ${issue?.message}`,
      );
    }
    const ex = await def.extract(capturingHttp(ctx.http, read), parsed.data, {
      store: ctx.store,
      today: ctx.today,
      session,
      ...(ctx.from ? { from: ctx.from } : {}),
    });
    t = def.transform(ex, parsed.data);
    warnings = [...(ex.warnings ?? []), ...(t.warnings ?? [])];
    alreadyStored = ex.alreadyStored;
  } catch (e) {
    if (opts.replayMiss && isTidewatchError(e) && e.kind === 'replay-miss') {
      const reason = opts.replayMiss(item.label, e);
      ctx.log(`${def.name} ${item.label}: ${reason}`);
      return [replaySkip(def.name, item.label, reason)];
    }
    const reason = def.reason?.(e) ?? reasonOf(e);
    ctx.log(`${def.name} ${item.label}: ${reason}`);
    return [failed(def.name, item.label, e, reason)];
  }
  return writeItem(t, {
    store: ctx.store,
    source: def.name,
    label: item.label,
    ctx: { today: ctx.today, runId: ctx.runId },
    atomic: def.atomic ?? 'item',
    inputs: read,
    warnings,
    ...(alreadyStored ? { alreadyStored } : {}),
  });
}

/** A source as an entry of the update registry. */
export function updateJobOf<Q, P, FQ>(
  def: SourceDefinition<Q, P, FQ>,
  opts: SourceJobOptions = {},
): UpdateJob {
  return { source: def.name, describe: def.describe, run: (ctx) => runSource(def, ctx, opts) };
}
