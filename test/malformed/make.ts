import { readFileSync } from 'node:fs';
import { dataFile } from '../shared-data.js';

/**
 * Malformed inputs built from the real files in ../shared/data, the way a careful data team
 * breaks them: cut short, one cell changed, a row repeated, re-encoded. Every builder returns
 * bytes; nothing here is hand-typed data except the single edited cell.
 */
export const realBytes = (...parts: string[]): Buffer => readFileSync(dataFile(...parts));
export const realText = (...parts: string[]): string => realBytes(...parts).toString('utf8');

/** The first `n` bytes (a download or copy cut short). */
export const cutBytes = (b: Buffer, n: number): Buffer => b.subarray(0, n);
/** Drop the last `n` bytes (`head -c -n`). */
export const dropTail = (b: Buffer, n: number): Buffer => b.subarray(0, b.length - n);

/** Cut the text right after the first occurrence of `marker` (which must exist). */
export function cutAfter(text: string, marker: string): string {
  const i = text.indexOf(marker);
  if (i < 0) throw new Error(`marker '${marker}' not in the file`);
  return text.slice(0, i + marker.length);
}

/** Replace the first occurrence of `from` (which must exist) by `to`. */
export function replaceOnce(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  if (i < 0) throw new Error(`'${from}' not in the file`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** Insert `extra` as a new line right after the line that contains `marker`. */
export function insertLineAfter(text: string, marker: string, extra: string): string {
  const i = text.indexOf(marker);
  if (i < 0) throw new Error(`marker '${marker}' not in the file`);
  const eol = text.indexOf('\n', i);
  const nl = text[eol - 1] === '\r' ? '\r\n' : '\n';
  return `${text.slice(0, eol + 1)}${extra}${nl}${text.slice(eol + 1)}`;
}

/** The line holding `marker`, without its line end. */
export function lineWith(text: string, marker: string): string {
  const i = text.indexOf(marker);
  if (i < 0) throw new Error(`marker '${marker}' not in the file`);
  const start = text.lastIndexOf('\n', i) + 1;
  const end = text.indexOf('\n', i);
  return text.slice(start, end < 0 ? undefined : end).replace(/\r$/, '');
}

/** 1-based line number of the first line holding `marker`. */
export function lineNumberOf(text: string, marker: string): number {
  const i = text.indexOf(marker);
  if (i < 0) throw new Error(`marker '${marker}' not in the file`);
  let n = 1;
  for (let k = 0; k < i; k++) if (text.charCodeAt(k) === 10) n++;
  return n;
}

/** Text encoded as windows-1252/Latin-1 bytes (characters above U+00FF are not used here). */
export function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

export const withBom = (text: string): Buffer =>
  Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
