/**
 * Inline-XBRL transformation formats (ixt: registry 2015/2020, ixt-sec:) for ix:nonFraction.
 * Returns the value as a plain decimal string ('63645', '1.25'), or null when the format is not
 * one we know: the caller then skips the fact with a warning instead of guessing.
 */
const WORDS: Record<string, number> = {
  no: 0,
  none: 0,
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

function words(text: string): string | null {
  const parts = text
    .toLowerCase()
    .replace(/-/g, ' ')
    .split(/\s+/)
    .filter((w) => w && w !== 'and');
  if (parts.length === 0) return null;
  let total = 0;
  let current = 0;
  for (const w of parts) {
    if (w === 'hundred') current = (current || 1) * 100;
    else if (w === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else if (w in WORDS) current += WORDS[w]!;
    else return null;
  }
  return String(total + current);
}

const DECIMAL = /^\d+(\.\d+)?$/;

export function applyFormat(format: string | undefined, rawText: string): string | null {
  const text = rawText.trim();
  const local = (format ?? '').replace(/^[\w-]+:/, '').toLowerCase();
  switch (local) {
    case '': {
      // No format: the content must already be an xs:decimal lexical value.
      const t = text.replace(/\s+/g, '');
      return DECIMAL.test(t) ? t : null;
    }
    case 'num-dot-decimal':
    case 'numdotdecimal':
    case 'numcommadot':
    case 'numspacedot': {
      const t = text.replace(/[,\s\u00a0]/g, '');
      if (t === '' || /^[-\u2014\u2013]$/.test(t)) return '0'; // a dash in a number cell means nil/zero
      return DECIMAL.test(t) ? t : null;
    }
    case 'num-comma-decimal':
    case 'numcommadecimal':
    case 'numdotcomma':
    case 'numspacecomma': {
      const t = text.replace(/[.\s\u00a0]/g, '').replace(',', '.');
      return DECIMAL.test(t) ? t : null;
    }
    case 'fixed-zero':
    case 'fixedzero':
    case 'zerodash':
      return '0';
    case 'numwordsen':
    case 'num-word-en':
      return words(text);
    default:
      return null;
  }
}

/**
 * Applies the `scale` attribute (value × 10^scale) by moving the decimal point in the string,
 * so "8.2" at scale 6 is exactly 8200000 (8.2 * 1e6 is 8199999.999999999 in binary floating
 * point). This is the XBRL definition of scale, not a unit conversion.
 */
export function shiftDecimal(decimal: string, scale: number): number {
  if (!Number.isInteger(scale) || scale === 0) return Number(decimal);
  const [intPart = '0', frac = ''] = decimal.split('.');
  let digits = intPart + frac;
  let point = intPart.length + scale;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits = digits + '0'.repeat(point - digits.length);
  }
  return Number(`${digits.slice(0, point)}.${digits.slice(point) || '0'}`);
}
