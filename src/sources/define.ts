import type { z } from 'zod';
import { type DecodedText, decodeText } from '../core/decode.js';
import { parseJsonBody } from '../http/client.js';
import type { Http, HttpResponse } from '../http/types.js';
import type { Db } from '../store/db.js';
import type { Store } from '../store/store.js';
import type { StreamedFile } from '../update/files.js';
import type { Batch } from './batches.js';

/**
 * The one contract every source follows (after OpenBB's provider fetchers):
 *
 *   query      a zod schema: what one item of the source asks for (a series, a filer, a symbol)
 *   plan       which queries an update runs (the `--series` choice, resume dates read from the store)
 *   extract    I/O only, through `Http`: the bytes of each response with their archive entry
 *   transform  pure: those bytes → typed batches (series observations or domain records)
 *
 * The generic job (src/update/job.ts) drives every source the same way — progress, summaries,
 * replay misses, failures, provenance — and writes each batch through the one writer of its
 * record kind (src/update/write.ts). A file import is the same transform over bytes whose origin
 * is a file (src/update/import-files.ts). No source keeps its own loop.
 */

export type OriginKind = 'url' | 'replay' | 'file';

/** Bytes a source read: where from, their hash, and where the raw archive keeps them. */
export interface RawBytes {
  /** The URL (secret parameters removed) or the file path as given. */
  origin: string;
  originKind: OriginKind;
  bytes: Uint8Array;
  sha256: string;
  /** Path in the content-addressed archive; null when archiving is off. */
  archivePath: string | null;
  /** When the bytes were read (ISO time). */
  readAt: string;
  /** Byte count of a file read in pieces (its `bytes` are then empty: never held whole). */
  size?: number;
  /** What the bytes are within the item, when an item reads several kinds ('series', 'observations'). */
  part?: string;
}

export function rawFromResponse(r: HttpResponse, part?: string): RawBytes {
  return {
    origin: r.url,
    originKind: r.fromReplay ? 'replay' : 'url',
    bytes: r.body,
    sha256: r.sha256,
    archivePath: r.archivedPath,
    readAt: r.fetchedAt,
    ...(part ? { part } : {}),
  };
}

const decodedOf = new WeakMap<RawBytes, DecodedText>();

/** The bytes as text through the one decoder (BOM removed; windows-1252 with a warning); decoded once. */
export function textOf(raw: RawBytes): DecodedText {
  let d = decodedOf.get(raw);
  if (!d) {
    d = decodeText(raw.bytes, raw.origin);
    decodedOf.set(raw, d);
  }
  return d;
}

/** JSON of a response body; a body that is not JSON is refused naming its origin and how it starts. */
export function jsonOf<T = unknown>(raw: RawBytes): T {
  return parseJsonBody<T>(textOf(raw).text, raw.origin);
}

/** What extract hands to transform. */
export interface Extracted<P = undefined> {
  /** Every response the item read, in order. */
  inputs: RawBytes[];
  /**
   * Structures a library decoded from the bytes itself (ccxt parses each exchange's answers);
   * absent when transform reads `inputs`.
   */
  payload?: P;
  /** What extract noticed on the way (a list read from a fallback, an accession that failed). */
  warnings?: string[];
  /** Records known to be stored already and so not fetched (immutable EDGAR archives): counted unchanged. */
  alreadyStored?: number;
}

export interface Transformed {
  batches: Batch[];
  /** Parse notes for the item (repairs, skipped rows); shown on its first summary line. */
  warnings?: string[];
  /**
   * Inputs of a several-file item that were refused while the others went on (a NY Fed snapshot
   * repeating a day with other numbers): each becomes a failed summary naming it.
   */
  refused?: Array<{ label: string; error: unknown }>;
  /**
   * Batches read back from scratch tables inside the write's transaction, one at a time, after
   * `batches` (a streamed file import: only one series' rows are in memory at once).
   */
  more?: (tx: Db) => AsyncIterable<Batch>;
  /** Drops the item's scratch tables once it is written or refused. */
  done?: () => Promise<void>;
}

export interface SourceItem<Q> {
  /** The item as a person names it in progress lines and summaries. */
  label: string;
  query: Q;
}

/** What planning may read: the store (resume dates, watchlists), never write. */
export interface PlanContext {
  store: Store;
  http: Http;
  only?: string[];
  from?: string;
  today: string;
}

/** What extract may use besides Http: the store, read-only, to skip what is stored already. */
export interface ExtractContext {
  store: Store;
  today: string;
  from?: string;
  /** State a source keeps across the items of one run (an exchange client whose markets load once). */
  session?: Map<string, unknown>;
}

/** `tidewatch import <source> FILE...`: the same transform over bytes whose origin is a file. */
export interface FileImport<FQ> {
  /** Source name of the import's run and summaries ('fred-file'). */
  source: string;
  /** The import's options (`--symbol`, `--cik`, …), validated before any file is read. */
  query: z.ZodType<FQ>;
  /**
   * Files that belong together and form one item (a cover page with its information table).
   * Default: each file is its own item.
   */
  group?(files: Array<{ file: string; text: string }>, query: FQ): string[][];
  /** Bytes of one item's files → batches (the source's transform, given a file origin). */
  transform?(inputs: RawBytes[], query: FQ): Transformed;
  /**
   * Instead of `transform`: files read in pieces (src/update/files.ts openStreamedFile), never
   * whole; rows may be staged in scratch (temp) tables of `db` and read back by `more`.
   */
  stream?: FileStream<FQ>;
}

export interface FileStream<FQ> {
  /** All files given form one item (a NY Fed snapshot folder); otherwise each file is its own. */
  together?: boolean;
  transform(files: StreamedFile[], query: FQ, db: Db): Promise<Transformed>;
}

export interface SourceDefinition<Q = unknown, P = undefined, FQ = unknown> {
  name: string;
  describe: string;
  query: z.ZodType<Q>;
  plan(ctx: PlanContext): Promise<Array<SourceItem<Q>>>;
  extract(http: Http, query: Q, ctx: ExtractContext): Promise<Extracted<P>>;
  transform(extracted: Extracted<P>, query: Q): Transformed;
  /**
   * 'item' (default): every batch of an item is written in one transaction, so a refusal leaves
   * the item as it was. 'batch': each batch on its own and a refused batch is a warning of the
   * item (13F: one bad filing must not keep a filer's other quarters out).
   */
  atomic?: 'item' | 'batch';
  /** Progress-bar label (default the source name). */
  progressLabel?: string;
  /** The failure reason of a thrown value (default `kind: message`). */
  reason?(e: unknown): string;
  files?: FileImport<FQ>;
}

/** Declare a source: the contract above, checked by the type system. */
export function defineSource<Q, P = undefined, FQ = unknown>(
  def: SourceDefinition<Q, P, FQ>,
): SourceDefinition<Q, P, FQ> {
  return def;
}
