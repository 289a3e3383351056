import { TidewatchError } from '../../core/errors.js';
import { jsonItems } from '../../core/json-stream.js';
import type { Db } from '../../store/db.js';
import { Stage } from '../../store/stage.js';
import { readTextFile, type StreamedFile } from '../../update/files.js';
import { type Batch, observations } from '../batches.js';
import type { Transformed } from '../define.js';
import { rateBatches } from './ingest.js';
import { type RateRecord, ratesOfItem } from './rates.js';

/**
 * `tidewatch import nyfed FILE...` streamed: every file's records are read one JSON element at
 * a time (jsonItems) and staged in a scratch table; a publication repeated with other numbers —
 * within a file or against an earlier file of the same import — is found by SQL over the stage
 * and refuses that file alone, naming both places; identical repeats are collapsed with a note.
 * The series are then read back one rate type at a time inside the write's transaction, so only
 * one type's records are in memory at once (rateBatches builds its batches from them).
 */
const FIELDS = ['rate', 'p1', 'p25', 'p75', 'p99', 'volume'] as const;
const COLUMNS = [
  ['type', 'VARCHAR'],
  ['date', 'VARCHAR'],
  ...FIELDS.map((f) => [f, 'DOUBLE'] as const),
  ['revised', 'BOOLEAN'],
  ['file', 'INTEGER'],
  ['pos', 'BIGINT'],
] as const;

type StagedRate = Omit<RateRecord, 'where'> & { file: number; pos: number };

/** a occurs before b (an earlier file, or earlier in the same file) with the same (type, date). */
const EARLIER = (t: string) =>
  `${t} a WHERE a.type = b.type AND a.date = b.date AND (a.file < b.file OR (a.file = b.file AND a.pos < b.pos))`;
const DIFFERS = FIELDS.map((f) => `a.${f} IS DISTINCT FROM b.${f}`).join(' OR ');

export async function streamRateFiles(files: StreamedFile[], db: Db): Promise<Transformed> {
  const stage = await Stage.create(db, COLUMNS);
  const t = stage.table;
  const whereOf = (file: number, pos: number) => `${files[file]!.file}[${pos}]`;
  const warnings: string[] = [];
  const refused: Array<{ label: string; error: unknown }> = [];
  try {
    for (const [fi, f] of files.entries()) {
      const fileWarnings: string[] = [];
      try {
        for (const item of jsonItems(f.pieces(), f.file, () => readTextFile(f.file))) {
          for (const { record: r, index } of ratesOfItem(item, f.file, fileWarnings)) {
            await stage.add([
              r.type,
              r.date,
              r.rate,
              r.p1,
              r.p25,
              r.p75,
              r.p99,
              r.volume,
              r.revised,
              fi,
              index,
            ]);
          }
        }
        await stage.flush();
        // Most files repeat nothing: one aggregate over (type, date) says so, and the joins
        // that find and name a repeat (each holding a hash table of every staged row) are skipped.
        const [{ repeats }] = (await db.all<{ repeats: number }>(
          `SELECT count(*) AS repeats FROM (SELECT 1 FROM ${t} GROUP BY type, date HAVING count(*) > 1 AND bool_or(file = $1)) r`,
          [fi],
        )) as [{ repeats: number }];
        if (Number(repeats) === 0) {
          for (const w of fileWarnings) warnings.push(`${f.file}: ${w}`);
          continue;
        }
        const [clash] = await db.all<{
          type: string;
          date: string;
          ar: number;
          af: number;
          ap: number;
          br: number;
          bp: number;
        }>(
          `SELECT b.type, b.date, a.rate AS ar, a.file AS af, a.pos AS ap, b.rate AS br, b.pos AS bp
             FROM ${t} b JOIN ${t} a ON a.type = b.type AND a.date = b.date
                                    AND (a.file < b.file OR (a.file = b.file AND a.pos < b.pos))
            WHERE b.file = $1 AND (${DIFFERS})
            ORDER BY b.pos, a.file, a.pos LIMIT 1`,
          [fi],
        );
        if (clash) {
          throw new TidewatchError(
            'bad-input',
            `${clash.type} ${clash.date} is given twice with different values: rate ${clash.ar} (${whereOf(clash.af, clash.ap)}) and ${clash.br} (${whereOf(fi, clash.bp)})`,
            { hint: 'keep one publication per day (a revised fixing replaces the old file)' },
          );
        }
        const [{ n }] = (await db.all<{ n: number }>(
          `SELECT count(*) AS n FROM ${t} b WHERE b.file = $1 AND EXISTS (SELECT 1 FROM ${EARLIER(t)})`,
          [fi],
        )) as [{ n: number }];
        if (Number(n)) {
          await db.run(`DELETE FROM ${t} b WHERE b.file = $1 AND EXISTS (SELECT 1 FROM ${EARLIER(t)})`, [fi]);
          fileWarnings.push(`${n} repeated identical fixing(s) collapsed`);
        }
        for (const w of fileWarnings) warnings.push(`${f.file}: ${w}`);
      } catch (error) {
        await stage.flush().catch(() => undefined);
        await db.run(`DELETE FROM ${t} WHERE file = $1`, [fi]);
        refused.push({ label: f.file, error });
      }
    }
  } catch (e) {
    await stage.drop();
    throw e;
  }
  if (refused.length === files.length) {
    await stage.drop();
    return { batches: [], warnings, refused };
  }
  const origin = files.length === 1 ? files[0]!.file : `${files.length} NY Fed files`;
  async function* more(tx: Db): AsyncIterable<Batch> {
    // Rate types in the order they first appear, as the records were read.
    const types = await tx.all<{ type: string }>(
      `SELECT type FROM ${t} GROUP BY type ORDER BY min(file), min(pos)`,
    );
    for (const { type: ty } of types) {
      const rows = await tx.all<StagedRate>(
        `SELECT type, date, ${FIELDS.join(', ')}, revised, file, pos FROM ${t} WHERE type = $1 ORDER BY file, pos`,
        [ty],
      );
      const records: RateRecord[] = rows.map((r) => ({
        date: r.date,
        type: r.type,
        rate: r.rate,
        p1: r.p1,
        p25: r.p25,
        p75: r.p75,
        p99: r.p99,
        volume: r.volume,
        revised: r.revised,
        where: whereOf(Number(r.file), Number(r.pos)),
      }));
      for (const b of rateBatches(records, origin)) yield observations(b);
    }
  }
  return { batches: [], warnings, refused, more, done: () => stage.drop() };
}
