import type { Db, SqlValue } from './db.js';

/**
 * Provenance: for every record a run wrote, the byte strings it was read from (`ingest_items`).
 * Written by the generic job in the same transaction as the records; read by `tidewatch trace`.
 */
export interface ProvenanceBytes {
  sha256: string;
  origin: string;
  originKind: 'url' | 'replay' | 'file';
  archivePath: string | null;
  bytes: number;
  readAt: string;
}

export interface IngestItem extends ProvenanceBytes {
  runId: number | null;
  source: string;
  item: string;
  recordKind: string;
  recordKey: string;
}

const COLUMNS = [
  'run_id',
  'source',
  'item',
  'record_kind',
  'record_key',
  'sha256',
  'origin',
  'origin_kind',
  'archive_path',
  'bytes',
  'read_at',
];

const timestamp = (iso: string) => iso.replace('T', ' ').replace('Z', '').slice(0, 23);

/**
 * Record which bytes one written record came from, inside the caller's transaction. Writing the
 * same (run, record, bytes) again replaces the row, so an item retried in one run is listed once.
 */
export async function recordIngestItems(tx: Db, items: readonly IngestItem[]): Promise<void> {
  if (!items.length) return;
  const seen = new Set<string>();
  const rows: SqlValue[][] = [];
  for (const i of items) {
    const k = `${i.runId}|${i.recordKind}|${i.recordKey}|${i.sha256}`;
    if (seen.has(k)) continue;
    seen.add(k);
    await tx.run(
      'DELETE FROM ingest_items WHERE run_id IS NOT DISTINCT FROM $1 AND record_kind = $2 AND record_key = $3 AND sha256 = $4',
      [i.runId, i.recordKind, i.recordKey, i.sha256],
    );
    rows.push([
      i.runId,
      i.source,
      i.item,
      i.recordKind,
      i.recordKey,
      i.sha256,
      i.origin,
      i.originKind,
      i.archivePath,
      i.bytes,
      timestamp(i.readAt),
    ]);
  }
  await tx.insertMany('ingest_items', COLUMNS, rows);
}

/**
 * The bytes a record was written from: for `runId`, that run's items; else the newest run's
 * (a record replaced wholesale at each import — price bars, a 13F filing — comes from the last
 * write that touched it). With `knownBy`, only bytes read by that day (ingest_items' known-by
 * rule): the store did not hold the provenance of a later read.
 */
export async function ingestItemsOf(
  db: Db,
  q: { kind: string; key: string; runId?: number | null; knownBy?: string },
): Promise<IngestItem[]> {
  const params: SqlValue[] = [q.kind, q.key];
  let known = '';
  if (q.knownBy) {
    params.push(q.knownBy);
    known = `AND CAST(read_at AS DATE) <= CAST($${params.length} AS DATE)`;
  }
  let which = '';
  if (q.runId !== undefined && q.runId !== null) {
    params.push(q.runId);
    which = `AND run_id = $${params.length}`;
  } else {
    which = `AND run_id IS NOT DISTINCT FROM (SELECT max(run_id) FROM ingest_items WHERE record_kind = $1 AND record_key = $2 ${known})`;
  }
  const rows = await db.all<Record<string, unknown>>(
    `SELECT run_id, source, item, record_kind, record_key, sha256, origin, origin_kind, archive_path, bytes,
            CAST(read_at AS VARCHAR) AS read_at
       FROM ingest_items WHERE record_kind = $1 AND record_key = $2 ${known} ${which}
      ORDER BY origin, sha256`,
    params,
  );
  return rows.map((r) => ({
    runId: r.run_id === null ? null : Number(r.run_id),
    source: String(r.source),
    item: String(r.item),
    recordKind: String(r.record_kind),
    recordKey: String(r.record_key),
    sha256: String(r.sha256),
    origin: String(r.origin),
    originKind: String(r.origin_kind) as IngestItem['originKind'],
    archivePath: (r.archive_path as string | null) ?? null,
    bytes: Number(r.bytes),
    readAt: String(r.read_at),
  }));
}
