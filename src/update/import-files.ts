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
  // Inputs the transform refused (one file of several) fail alone, naming the file.
  const written = async (label: string, group: ReadFile[], t: Transformed) => {
    const refused = (t.refused ?? []).map((r) => failed(imp.source, r.label, r.error));
    const accepted = group.filter((f) => !t.refused?.some((r) => r.label === f.file));
    if (!t.batches.length && refused.length) return refused;
    const summaries = await writeItem(t, {
      ...base,
      label,
      inputs: accepted.map((f) => f.raw),
      warnings: [...group.flatMap((f) => f.warnings), ...(t.warnings ?? [])],
    });
    return [...summaries, ...refused];
  };

  if (imp.stream) return importStreamed(imp.stream, files, query, opts, base, archiveDir);

  if (!imp.group) {
    // One file at a time, in order: only one file's bytes and rows are held at once.
    const out: SeriesSummary[] = [];
    for (const file of files) {
      opts.onFile?.(file);
      let f: ReadFile;
      try {
        f = readOne(file, archiveDir);
      } catch (e) {
        out.push(failed(imp.source, file, e));
        continue;
      }
      const t = transformed(file, [f]);
      out.push(...('batches' in t ? await written(file, [f], t) : [t]));
    }
    return out;
  }

  // Files that belong together: all are read (and checked) before anything is written.
  const failures: SeriesSummary[] = [];
  const read: ReadFile[] = [];
  for (const file of files) {
    opts.onFile?.(file);
    try {
      read.push(readOne(file, archiveDir));
    } catch (e) {
      failures.push(failed(imp.source, file, e));
    }
  }
  const byFile = new Map(read.map((r) => [r.file, r]));
  const out: SeriesSummary[] = [];
  for (const g of imp.group(
    read.map((r) => ({ file: r.file, text: r.text })),
    query,
  )) {
    const group = g.map((f) => byFile.get(f)!);
    const label =
      g.length === 1
        ? g[0]!
        : g.length === 2
          ? g.map((f) => path.basename(f)).join('+')
          : `${g.length} ${imp.source} files`;
    const t = transformed(label, group);
    out.push(...('batches' in t ? await written(label, group, t) : [t]));
  }
  return [...out, ...failures];
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
  base: Omit<ItemWrite, 'label' | 'inputs' | 'warnings'>,
  archiveDir: string | null,
): Promise<SeriesSummary[]> {
  const source = base.source;
  const out: SeriesSummary[] = [];
  const one = async (label: string, group: StreamedFile[]) => {
    let t: Transformed | undefined;
    try {
      t = await stream.transform(group, query, base.store.db);
      const refused = (t.refused ?? []).map((r) => failed(source, r.label, r.error));
      const accepted = group.filter((f) => !t!.refused?.some((r) => r.label === f.file));
      if (!t.batches.length && !t.more && refused.length) return refused;
      const summaries = await writeItem(t, {
        ...base,
        label,
        inputs: accepted.map(streamedRaw),
        warnings: [...group.flatMap((f) => f.warnings), ...(t.warnings ?? [])],
      });
      return [...summaries, ...refused];
    } catch (e) {
      return [failed(source, label, e)];
    } finally {
      await t?.done?.();
    }
  };
  const opened: StreamedFile[] = [];
  const failures: SeriesSummary[] = [];
  for (const file of files) {
    opts.onFile?.(file);
    let f: StreamedFile;
    try {
      f = openStreamedFile(file, archiveDir);
    } catch (e) {
      (stream.together ? failures : out).push(failed(source, file, e));
      continue;
    }
    if (stream.together) opened.push(f);
    else out.push(...(await one(file, [f])));
  }
  if (opened.length) {
    const label =
      opened.length === 1
        ? opened[0]!.file
        : opened.length === 2
          ? opened.map((f) => path.basename(f.file)).join('+')
          : `${opened.length} ${source} files`;
    out.push(...(await one(label, opened)));
  }
  return [...out, ...failures];
}
