import { TidewatchError } from './errors.js';
import { parseJsonWhole } from './wholeness.js';

/**
 * The items of a JSON document given in pieces, one at a time: the elements of a root array,
 * each parsed by JSON.parse on its own, so a 200 MB array of records never exists as one string
 * or one parsed tree. The scanner only finds where each element ends (brackets outside strings);
 * JSON.parse still checks every element, and the document must close its array with nothing but
 * whitespace after it — a cut document never passes. Any error is reported as parseJsonWhole
 * words it for the whole text (`whole()` is read only then), so messages are the same as before.
 *
 * A root that is not an array (one object, `{refRates: [...]}`) is parsed whole and yielded once
 * with index -1: those are single API answers, not bulk files.
 */
export function* jsonItems(
  pieces: Iterable<string>,
  origin: string,
  whole: () => string,
): Generator<{ value: unknown; index: number }> {
  const fail = (why: string): never => {
    parseJsonWhole(whole(), origin);
    throw new TidewatchError('bad-input', `${origin}: not valid JSON (${why}); cut short or not JSON`);
  };
  const it = pieces[Symbol.iterator]();
  let piece = '';
  let i = 0;
  // Find the root's first character.
  for (;;) {
    while (i < piece.length && /\s/.test(piece[i]!)) i++;
    if (i < piece.length) break;
    const next = it.next();
    if (next.done) fail('Unexpected end of JSON input');
    piece = next.value as string;
    i = 0;
  }
  if (piece[i] !== '[') {
    const parts = [piece.slice(i)];
    for (let n = it.next(); !n.done; n = it.next()) parts.push(n.value);
    yield { value: parseJsonWhole(parts.join(''), origin), index: -1 };
    return;
  }
  i++;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let start = i;
  let index = 0;
  let closed = false;
  const element = (end: number, last: boolean): { value: unknown; index: number } | null => {
    parts.push(piece.slice(start, end));
    const text = parts.join('').trim();
    parts = [];
    start = end + 1;
    // `[]` is an empty array; an empty element anywhere else is a syntax error.
    if (text === '' && last && index === 0) return null;
    if (text === '') fail('an empty element');
    try {
      return { value: JSON.parse(text), index: index++ };
    } catch (e) {
      return fail((e as Error).message);
    }
  };
  for (;;) {
    const n = piece.length;
    for (; i < n; i++) {
      const c = piece.charCodeAt(i);
      if (closed) {
        if (c !== 32 && c !== 10 && c !== 13 && c !== 9) fail(`text after the closing bracket`);
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) inString = false;
        continue;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if ((c === 125 || c === 93) && depth > 0) depth--;
      else if (depth === 0 && (c === 44 || c === 93)) {
        const got = element(i, c === 93);
        if (got) yield got;
        if (c === 93) closed = true;
      }
    }
    if (!closed) parts.push(piece.slice(start));
    const next = it.next();
    if (next.done) break;
    piece = next.value as string;
    i = 0;
    start = 0;
  }
  if (!closed) fail('Unexpected end of JSON input');
}
