import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { TidewatchError } from '../../../core/errors.js';

/**
 * Reading a Form 13F data-set zip without trusting it. The zip's central directory is read
 * first (yauzl: random access, nothing inflated yet); only the entries we know by name are
 * inflated, one at a time, as a stream into a file of our own naming (a path inside the zip never
 * becomes a path on disk). Every other entry is skipped unread. An entry is refused before a byte
 * is inflated when its declared size or compression ratio is over the limits, and while
 * inflating when the bytes actually produced pass the declared size or the cap (yauzl checks the
 * declared size, the counter below the cap), so a zip bomb costs a stream buffer, never its
 * declared size, in memory or on disk.
 */
export interface ZipLimits {
  /** Largest uncompressed entry accepted, in bytes. */
  maxEntryBytes: number;
  /** Largest uncompressed/compressed ratio accepted (TSV text deflates ~5–15×; zeros ~1000×). */
  maxRatio: number;
}

/**
 * A quarter's INFOTABLE.tsv was ~350 MB in 2025 (bulk13f/PROVENANCE.md): 4 GiB leaves room for
 * growth; 100× is far above what tab-separated text reaches and far below a bomb.
 */
export const DATA_SET_LIMITS: ZipLimits = { maxEntryBytes: 4 * 1024 ** 3, maxRatio: 100 };

export interface ExtractedEntries {
  /** Wanted name as given (e.g. 'INFOTABLE.tsv') → extracted file path. */
  files: Map<string, string>;
  /** Entries present in the zip that were not read (by name, as stored). */
  ignored: string[];
}

const mib = (n: number) =>
  n < 1024 ** 2 ? `${n.toLocaleString('en-US')} bytes` : `${(n / 1024 ** 2).toFixed(1)} MiB`;

/**
 * Extract the entries whose base names are in `wanted` (case-insensitive) into `dir` under the
 * wanted spelling, checking each against `limits`. Entries in sub-folders count by base name;
 * two entries with the same wanted name are refused (which one would be the data set?). Names
 * are decoded here rather than by yauzl, which refuses a whole zip over one entry named like
 * '../x': such an entry is simply not wanted, and no entry name ever reaches the file system.
 */
export async function extractEntries(
  zipFile: string,
  wanted: string[],
  dir: string,
  limits: ZipLimits = DATA_SET_LIMITS,
): Promise<ExtractedEntries> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipFile, { lazyEntries: true, autoClose: false, decodeStrings: false });
  } catch (e) {
    throw new TidewatchError('bad-input', `${zipFile}: not a readable zip (${(e as Error).message})`, {
      cause: e,
    });
  }
  const files = new Map<string, string>();
  const ignored: string[] = [];
  try {
    const byUpper = new Map(wanted.map((w) => [w.toUpperCase(), w]));
    for await (const entry of zip.eachEntry()) {
      const raw = entry.fileName as unknown as Buffer | string;
      const name = typeof raw === 'string' ? raw : raw.toString('utf8');
      entry.fileName = name;
      if (name.endsWith('/')) continue;
      const want = byUpper.get(path.posix.basename(name.replace(/\\/g, '/')).toUpperCase());
      if (!want) {
        ignored.push(name);
        continue;
      }
      if (files.has(want))
        throw new TidewatchError('bad-input', `${zipFile}: two entries named ${want} (second: ${name})`);
      checkDeclared(zipFile, entry, limits);
      const out = path.join(dir, want);
      await inflateTo(zip, entry, out, zipFile, limits);
      files.set(want, out);
    }
  } catch (e) {
    if (e instanceof TidewatchError) throw e;
    throw new TidewatchError('bad-input', `${zipFile}: ${(e as Error).message}`, { cause: e });
  } finally {
    zip.close();
  }
  return { files, ignored };
}

function checkDeclared(zipFile: string, entry: yauzl.Entry, limits: ZipLimits): void {
  const where = `${zipFile}: entry ${entry.fileName}`;
  if (entry.isEncrypted()) throw new TidewatchError('bad-input', `${where} is encrypted`);
  if (entry.uncompressedSize > limits.maxEntryBytes)
    throw new TidewatchError(
      'bad-input',
      `${where} declares ${mib(entry.uncompressedSize)} uncompressed, over the ${mib(limits.maxEntryBytes)} cap; refused before inflating`,
    );
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (ratio > limits.maxRatio)
    throw new TidewatchError(
      'bad-input',
      `${where} declares a compression ratio of ${ratio.toFixed(0)}:1 (${mib(entry.compressedSize)} → ${mib(entry.uncompressedSize)}), over the ${limits.maxRatio}:1 cap for a data-set TSV; refused as a possible zip bomb`,
    );
}

/**
 * The inflater's output chunk: node's default (16 KiB) made inflating a 300 MB INFOTABLE cost
 * ~2× the CPU of inflating itself in per-chunk stream overhead (bench/thirteenf-scale.bench.ts).
 */
const INFLATE_CHUNK = 1 << 16;

async function inflateTo(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  out: string,
  zipFile: string,
  limits: ZipLimits,
): Promise<void> {
  let seen = 0;
  // Declared sizes can lie: count what inflating actually produces and stop at the first byte over.
  const declared = Math.max(entry.uncompressedSize, 0);
  const cap = Math.min(limits.maxEntryBytes, declared);
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > cap)
        cb(
          new TidewatchError(
            'bad-input',
            `${zipFile}: entry ${entry.fileName} inflates past ${mib(cap)} (its declared size${cap < entry.uncompressedSize ? ' or the cap' : ''}); stopped at ${mib(seen)}`,
          ),
        );
      else cb(null, chunk);
    },
    flush(cb) {
      // a cut entry inflates to less than it declares (or fails in the inflater, below)
      cb(
        seen < declared
          ? new TidewatchError(
              'bad-input',
              `${zipFile}: entry ${entry.fileName} inflates to ${mib(seen)}, short of its declared ${mib(declared)}; refused`,
            )
          : null,
      );
    },
  });
  // The stored bytes as they are (stored or deflated), inflated here with a larger chunk than
  // yauzl's own inflater uses; the counter above replaces yauzl's size check.
  const raw = await zip.openReadStreamPromise(entry, { decompress: false });
  const stages: NodeJS.ReadWriteStream[] =
    entry.compressionMethod === 8 ? [createInflateRaw({ chunkSize: INFLATE_CHUNK })] : [];
  if (entry.compressionMethod !== 8 && entry.compressionMethod !== 0)
    throw new TidewatchError(
      'bad-input',
      `${zipFile}: entry ${entry.fileName} uses compression method ${entry.compressionMethod} (only stored and deflate are read)`,
    );
  try {
    await pipeline([raw, ...stages, counter, createWriteStream(out, { highWaterMark: INFLATE_CHUNK })]);
  } catch (e) {
    if (e instanceof TidewatchError) throw e;
    throw new TidewatchError(
      'bad-input',
      `${zipFile}: entry ${entry.fileName} does not inflate (${(e as Error).message}); refused`,
      { cause: e },
    );
  }
}
