import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { TidewatchError } from '../../../core/errors.js';

/**
 * Naming the lines behind a refused data set. DuckDB's read_csv does the import without line
 * numbers; when a check fails, the TSV is read once more here, line by line (streamed, only on
 * that error path), to quote each offending line with its number and values.
 */
export interface TsvLine {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  cells: string[];
}

export async function findLines(
  file: string,
  match: (get: (column: string) => string | undefined) => boolean,
  max: number,
): Promise<{ header: string[]; lines: TsvLine[] }> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: string[] = [];
  const lines: TsvLine[] = [];
  let n = 0;
  try {
    for await (const text of rl) {
      n++;
      const cells = text.split('\t');
      if (n === 1) header = cells;
      else if (match((c) => cells[header.indexOf(c)])) {
        lines.push({ line: n, cells });
        if (lines.length >= max) break;
      }
    }
  } finally {
    rl.close();
  }
  return { header, lines };
}

const finite = (s: string | undefined) => s !== undefined && s.trim() !== '' && Number.isFinite(Number(s));

function describe(header: string[], l: TsvLine, cols: string[]): string {
  const parts = cols.map((c) => `${c} ${JSON.stringify(l.cells[header.indexOf(c)] ?? '')}`);
  return `line ${l.line} (${parts.join(', ')})`;
}

/** VALUE / SSHPRNAMT that are missing, inf or NaN: an error quoting up to five lines. */
export async function badNumberError(file: string, where: string, count: number): Promise<TidewatchError> {
  const { header, lines } = await findLines(
    file,
    (get) => !finite(get('VALUE')) || !finite(get('SSHPRNAMT')),
    5,
  );
  const name = path.basename(file);
  const quoted = lines.map((l) =>
    describe(header, l, ['INFOTABLE_SK', 'ACCESSION_NUMBER', 'VALUE', 'SSHPRNAMT']),
  );
  return new TidewatchError(
    'bad-input',
    `${where}: ${name} has ${count} row(s) whose VALUE or SSHPRNAMT is not a finite number (inf, NaN or empty): ${quoted.join('; ')}; nothing was imported`,
  );
}

/** Repeated INFOTABLE_SK: an error quoting every line of up to three repeated keys. */
export async function repeatedKeyError(file: string, where: string, keys: number[]): Promise<TidewatchError> {
  const want = new Set(keys.map(String));
  const { header, lines } = await findLines(file, (get) => want.has(String(Number(get('INFOTABLE_SK')))), 50);
  const sk = header.indexOf('INFOTABLE_SK');
  const name = path.basename(file);
  const groups = keys.map((k) => {
    const ls = lines.filter((l) => Number(l.cells[sk]) === k);
    const same = ls.every((l) => l.cells.join('\t') === ls[0]?.cells.join('\t'));
    return `INFOTABLE_SK ${k} on ${ls.map((l) => describe(header, l, ['ACCESSION_NUMBER', 'CUSIP', 'VALUE', 'SSHPRNAMT'])).join(' and ')}${same ? ' (identical lines)' : ' (different values)'}`;
  });
  return new TidewatchError(
    'bad-input',
    `${where}: ${name} repeats its row key: ${groups.join('; ')}; nothing was imported`,
  );
}
