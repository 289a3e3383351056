import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/** A decoded image as one luminance byte (0 black … 255 white) per pixel. */
export interface GrayImage {
  width: number;
  height: number;
  gray: Uint8Array;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Decode an 8-bit, non-interlaced PNG (what pdftoppm and Chromium write) to luminance: enough to
 * measure ink on a rendered page without an image library. Anything else is refused by name.
 */
export function readPngGray(file: string): GrayImage {
  const buf = readFileSync(file);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error(`${file}: not a PNG`);
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const body = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      colorType = body[9]!;
      if (body[8] !== 8 || body[12] !== 0)
        throw new Error(
          `${file}: only 8-bit non-interlaced PNGs are read (bit depth ${body[8]}, interlace ${body[12]})`,
        );
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  const channels = CHANNELS[colorType];
  if (!channels) throw new Error(`${file}: PNG colour type ${colorType} is not read here`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const prev = new Uint8Array(stride);
  const line = new Uint8Array(stride);
  const gray = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const filter = raw[start]!;
    for (let i = 0; i < stride; i++) {
      const x = raw[start + 1 + i]!;
      const a = i >= channels ? line[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      let v: number;
      if (filter === 0) v = x;
      else if (filter === 1) v = x + a;
      else if (filter === 2) v = x + b;
      else if (filter === 3) v = x + ((a + b) >> 1);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else throw new Error(`${file}: bad PNG filter ${filter} on row ${y}`);
      line[i] = v & 0xff;
    }
    for (let px = 0; px < width; px++) {
      const o = px * channels;
      gray[y * width + px] =
        channels >= 3 ? Math.round(0.299 * line[o]! + 0.587 * line[o + 1]! + 0.114 * line[o + 2]!) : line[o]!;
    }
    prev.set(line);
  }
  return { width, height, gray };
}

/** Share of pixels darker than `below` (0 … 1). */
export function inkShare(img: GrayImage, below: number): number {
  let n = 0;
  for (const v of img.gray) if (v < below) n++;
  return n / img.gray.length;
}
