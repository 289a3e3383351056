import { TidewatchError } from './errors.js';

/**
 * The one way bytes become text, for every file and response tidewatch reads.
 *
 * - A UTF-8 BOM is removed (Fiscal Data exports start with one; JSON.parse refuses it).
 * - A UTF-16 BOM (Excel "Unicode text") decodes as UTF-16.
 * - Otherwise the bytes must be UTF-8. Invalid UTF-8 is never turned into U+FFFD: a file whose
 *   bytes hold no valid multi-byte UTF-8 sequence at all was written in a single-byte code page
 *   (Latin-1 exports, `SOCIÉTÉ` as C9) and is decoded as windows-1252 with a warning; a file
 *   that mixes valid UTF-8 with invalid bytes cannot be decoded either way and is refused.
 * - A NUL byte means a binary file (a zip or spreadsheet saved as .csv): refused.
 */
export interface DecodedText {
  text: string;
  /** How the bytes were read, when that was not plain UTF-8 (printed with the import summary). */
  warnings: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * windows-1252 bytes 0x80–0x9F (Node's 'windows-1252' decoder reads them as the C1 controls of
 * ISO-8859-1; Excel and Windows exports mean these characters). Undefined bytes stay as is.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeCp1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const STEP = 8192;
  for (let i = 0; i < bytes.length; i += STEP) {
    let s = '';
    const end = Math.min(bytes.length, i + STEP);
    for (let k = i; k < end; k++) {
      const b = bytes[k]!;
      s += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
    }
    parts.push(s);
  }
  return parts.join('');
}

/** UTF-16 text of a CSV or JSON file is mostly ASCII, so every other byte is 0 near the start. */
function looksUtf16(bytes: Uint8Array, zeroAt: 0 | 1): boolean {
  if (bytes.length % 2 !== 0) return false;
  const n = Math.min(bytes.length, 202);
  for (let i = 2 + zeroAt; i < n; i += 2) if (bytes[i] === 0) return true;
  return false;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return line;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): { invalidAt: number; multiByte: boolean } {
  let multiByte = false;
  let invalidAt = -1;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte → number of continuation bytes and the allowed range of the first one
    // (excludes overlong forms and surrogates, as the WHATWG decoder does).
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    }
    let ok = need > 0 && i + need < n;
    if (ok) {
      const c1 = bytes[i + 1];
      ok = c1 !== undefined && c1 >= lo && c1 <= hi;
      for (let k = 2; ok && k <= need; k++) {
        const c = bytes[i + k];
        ok = c !== undefined && c >= 0x80 && c <= 0xbf;
      }
    }
    if (ok) {
      multiByte = true;
      i += need + 1;
    } else {
      if (invalidAt < 0) invalidAt = i;
      i++;
    }
  }
  return { invalidAt, multiByte };
}

/** Decode `bytes` from `origin` (a file name or URL, for messages). */
export function decodeText(bytes: Uint8Array, origin: string): DecodedText {
  // A UTF-16 byte order mark, confirmed by the zero bytes of ASCII text (Latin-1 'ÿþ' is not one).
  for (const [b0, b1, enc, zeroAt] of [
    [0xff, 0xfe, 'utf-16le', 1],
    [0xfe, 0xff, 'utf-16be', 0],
  ] as const) {
    if (bytes[0] === b0 && bytes[1] === b1 && looksUtf16(bytes, zeroAt)) {
      try {
        return {
          text: new TextDecoder(enc, { fatal: true }).decode(bytes.subarray(2)),
          warnings: [`${origin}: read as UTF-16 (byte order mark)`],
        };
      } catch {
        throw new TidewatchError(
          'bad-input',
          `${origin}: starts with a UTF-16 byte order mark but is not valid UTF-16`,
        );
      }
    }
  }
  const body =
    bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      ? bytes.subarray(3)
      : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    throw new TidewatchError(
      'bad-input',
      `${origin}: line ${lineAt(body, nul)}: NUL byte at offset ${nul}: a binary file, not text`,
      {
        hint: 'export the data as CSV or JSON text (a spreadsheet or zip cannot be read directly)',
      },
    );
  }
  try {
    return { text: utf8.decode(body), warnings: [] };
  } catch {
    const { invalidAt, multiByte } = firstInvalidUtf8(body);
    const where = `line ${lineAt(body, invalidAt)}, byte ${invalidAt} (0x${body[invalidAt]?.toString(16).toUpperCase().padStart(2, '0')})`;
    if (multiByte) {
      throw new TidewatchError(
        'bad-input',
        `${origin}: ${where}: not valid UTF-8, and the file also holds valid UTF-8 characters: mixed encodings, refusing to guess`,
        {
          hint: 'save the file as UTF-8 from the program that made it',
        },
      );
    }
    return {
      text: decodeCp1252(body),
      warnings: [`${origin}: not UTF-8 (first at ${where}); read as windows-1252 (Latin-1)`],
    };
  }
}
