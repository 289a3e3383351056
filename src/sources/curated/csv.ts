import { TidewatchError } from '../../core/errors.js';

/** Minimal RFC-4180 CSV reader (quoted fields, doubled quotes, CRLF) for the curated files. */
export function parseCsv(
  text: string,
  source: string,
): { header: string[]; rows: { line: number; cells: string[] }[] } {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cur = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const t = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (quoted) {
      if (ch === '"' && t[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cur += ch;
      }
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && t[i + 1] === '\n') i++;
      cells.push(cur);
      if (cells.some((c) => c !== '')) out.push({ line: rowLine, cells });
      cells = [];
      cur = '';
      line++;
      rowLine = line;
    } else cur += ch;
  }
  if (quoted) throw new TidewatchError('bad-input', `${source}: line ${rowLine}: unterminated quoted field`);
  cells.push(cur);
  if (cells.some((c) => c !== '')) out.push({ line: rowLine, cells });
  const head = out.shift();
  if (!head) throw new TidewatchError('bad-input', `${source}: empty file`);
  return { header: head.cells.map((h) => h.trim()), rows: out };
}
