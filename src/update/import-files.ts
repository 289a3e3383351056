import path from 'node:path';
import { TidewatchError } from '../core/errors.js';
import { archiveBytes, archiveDirFromEnv, sha256 } from '../http/archive.js';
import {
  type FileImport,
  type FileStream,
  type RawBytes,
  type Transformed,
  textOf,
} from '../sources/define.js';
import type { Store } from '../store/store.js';
import { openStreamedFile, readFileBytes, type StreamedFile } from './files.js';
import { failed, type ItemWrite, writeItem } from './job.js';
import type { SeriesSummary } from './types.js';

/**
 * `tidewatch import <source> FILE...`: a file is bytes with a file origin. Each is read whole,
 * kept in the raw archive (content-addressed, like every HTTP response), decoded by the one
 * decoder and handed to the source's transform; its batches are written through the same writers
 * as an update, with the file as their provenance. A file that cannot be read or parsed is one
 * failed item naming it, and the other files still import.
 */
export interface ImportOptions<FQ> {
  runId: number | null;
  today: string;
  query: FQ;
  onFile?: ((file: string) => void) | undefined;
  /** Archive folder (default $TIDEWATCH_ARCHIVE_DIR or ./data/archive; null: do not archive). */
  archiveDir?: string | null;
}

/** A file's bytes as the trace records them: hashed, archived, its path as given. */
export function fileBytes(file: string, archiveDir: string | null, bytes = readFileBytes(file)): RawBytes {
  const sha = sha256(bytes);
  return {
    origin: file,
    originKind: 'file',
    bytes,
    sha256: sha,
    archivePath: archiveDir ? archiveBytes(archiveDir, sha, bytes) : null,
    readAt: new Date().toISOString(),
  };
}

interface ReadFile {
  file: string;
  raw: RawBytes;
  text: string;
  warnings: string[];
}

function readOne(file: string, archiveDir: string | null): ReadFile {
  const raw = fileBytes(file, archiveDir);
  const decoded = textOf(raw);
  return { file, raw, text: decoded.text, warnings: decoded.warnings };
}

type ItemBase = Omit<ItemWrite, 'label' | 'inputs' | 'warnings'>;

/**
 * `tidewatch import <source> FILE...` for a source whose file import takes no options: the files
 * through importFiles with the run's id and day (its query schema decides what `{}` means).
 */
export function importerOf<FQ>(imp: FileImport<FQ>) {
  return (
    store: Store,
    files: string[],
    opts: { runId: number | null; today: string; onFile?: (file: string) => void },
  ): Promise<SeriesSummary[]> =>
    importFiles(store, imp, files, {
      runId: opts.runId,
      today: opts.today,
      onFile: opts.onFile,
      query: {} as FQ,
    });
}

/** How a group of files is named in summaries: the file, the two names, or a count. */
function groupLabel(files: readonly string[], source: string): string {
  if (files.length === 1) return files[0]!;
  if (files.length === 2) return files.map((f) => path.basename(f)).join('+');
  return `${files.length} ${source} files`;
}

/**
 * Writes an item's batches with the inputs the transform accepted as provenance; inputs it refused
 * (one file of several) fail alone, naming the file.
 */
async function writeAccepted<F extends { file: string; warnings: string[] }>(
  t: Transformed,
  label: string,
  group: readonly F[],
  rawOf: (f: F) => RawBytes,
  base: ItemBase,
): Promise<SeriesSummary[]> {
  const refused = (t.refused ?? []).map((r) => failed(base.source, r.label, r.error));
  const accepted = group.filter((f) => !t.refused?.some((r) => r.label === f.file));
  if (!t.batches.length && !t.more && refused.length) return refused;
  const summaries = await writeItem(t, {
    ...base,
    label,
    inputs: accepted.map(rawOf),
    warnings: [...group.flatMap((f) => f.warnings), ...(t.warnings ?? [])],
  });
  return [...summaries, ...refused];
}

export async function importFiles<FQ>(
  store: Store,
  imp: FileImport<FQ>,
  files: readonly string[],
  opts: ImportOptions<FQ>,
): Promise<SeriesSummary[]> {
  const parsedQuery = imp.query.safeParse(opts.query);
  if (!parsedQuery.success) {
    const issue = parsedQuery.error.issues[0];
    throw new TidewatchError(
      'bad-input',
      `import ${imp.source}: ${issue?.path.join('.') || 'option'}: ${issue?.message}`,
    );
  }
  const query = parsedQuery.data;
  const archiveDir = opts.archiveDir === undefined ? archiveDirFromEnv() : opts.archiveDir;
  const base = {
    store,
    source: imp.source,
    ctx: { today: opts.today, runId: opts.runId },
    atomic: 'item' as const,
  };
  const transformed = (label: string, group: ReadFile[]): Transformed | SeriesSummary => {
    try {
      if (!imp.transform) throw new TidewatchError('config', `import ${imp.source}: no file transform`);
      return imp.transform(
        group.map((f) => f.raw),
        query,
      );
    } catch (e) {
      return failed(imp.source, label, e);
    }
  };
  const written = (label: string, group: ReadFile[], t: Transformed) =>
    writeAccepted(t, label, group, (f) => f.raw, base);

  if (imp.stream) return importStreamed(imp.stream, files, query, opts, base, archiveDir);

  if (!imp.group) {
    // One file at a time, in order: only one file's bytes and rows are held at once.
    const out: SeriesSummary[] = [];
    for (const r of openEach(files, (file) => readOne(file, archiveDir), imp.source, opts)) {
      if ('failure' in r) {
        out.push(r.failure);
        continue;
      }
      const t = transformed(r.file, [r.opened]);
      out.push(...('batches' in t ? await written(r.file, [r.opened], t) : [t]));
    }
    return out;
  }

  // Files that belong together: all are read (and checked) before anything is written.
  const failures: SeriesSummary[] = [];
  const read: ReadFile[] = [];
  for (const r of openEach(files, (file) => readOne(file, archiveDir), imp.source, opts)) {
    if ('failure' in r) failures.push(r.failure);
    else read.push(r.opened);
  }
  const byFile = new Map(read.map((r) => [r.file, r]));
  const out: SeriesSummary[] = [];
  for (const g of imp.group(
    read.map((r) => ({ file: r.file, text: r.text })),
    query,
  )) {
    const group = g.map((f) => byFile.get(f)!);
    const label = groupLabel(g, imp.source);
    const t = transformed(label, group);
    out.push(...('batches' in t ? await written(label, group, t) : [t]));
  }
  return [...out, ...failures];
}

/**
 * The files in order, each opened by `open` when its turn comes (after `onFile`); one that cannot
 * be read or opened is its failed summary and the rest carry on. Lazy, so a caller that writes
 * each file before taking the next holds one file at a time.
 */
function* openEach<F>(
  files: readonly string[],
  open: (file: string) => F,
  source: string,
  opts: { onFile?: ((file: string) => void) | undefined },
): Generator<{ file: string; opened: F } | { file: string; failure: SeriesSummary }> {
  for (const file of files) {
    opts.onFile?.(file);
    let opened: F;
    try {
      opened = open(file);
    } catch (e) {
      yield { file, failure: failed(source, file, e) };
      continue;
    }
    yield { file, opened };
  }
}

/** A streamed file as the trace records it: its hash, archive entry and size, no bytes held. */
function streamedRaw(f: StreamedFile): RawBytes {
  return {
    origin: f.file,
    originKind: 'file',
    bytes: new Uint8Array(0),
    size: f.size,
    sha256: f.sha256,
    archivePath: f.archivePath,
    readAt: f.readAt,
  };
}

/**
 * Files read in pieces (see FileStream): each file — or all of them, for a source whose files
 * belong together — is one item; its transform may stage rows in scratch tables, which are
 * dropped once the item is written or refused.
 */
async function importStreamed<FQ>(
  stream: FileStream<FQ>,
  files: readonly string[],
  query: FQ,
  opts: ImportOptions<FQ>,
  base: ItemBase,
  archiveDir: string | null,
): Promise<SeriesSummary[]> {
  const source = base.source;
  const out: SeriesSummary[] = [];
  const one = async (label: string, group: StreamedFile[]) => {
    let t: Transformed | undefined;
    try {
      t = await stream.transform(group, query, base.store.db);
      return await writeAccepted(t, label, group, streamedRaw, base);
    } catch (e) {
      return [failed(source, label, e)];
    } finally {
      await t?.done?.();
    }
  };
  const opened: StreamedFile[] = [];
  const failures: SeriesSummary[] = [];
  for (const r of openEach(files, (file) => openStreamedFile(file, archiveDir), source, opts)) {
    if ('failure' in r) (stream.together ? failures : out).push(r.failure);
    else if (stream.together) opened.push(r.opened);
    else out.push(...(await one(r.file, [r.opened])));
  }
  if (opened.length) {
    const label = groupLabel(
      opened.map((f) => f.file),
      source,
    );
    out.push(...(await one(label, opened)));
  }
  return [...out, ...failures];
}
