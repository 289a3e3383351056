/**
 * The one terminal sanitizer: C0 controls (but \n and \t), DEL and C1 controls become a visible
 * `\xHH`. Text from files (an issuer name "&#27;]0;…&#7;" decodes to ESC … BEL) would otherwise
 * retitle the terminal or clear the screen. Every text printer goes through it; JSON is written
 * exactly (JSON.stringify escapes C0 already, and a JSON reader wants the real value).
 */
export function forTerminal(s: string): string {
  return s.replace(TERMINAL_CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** What forTerminal replaces: C0 but \t and \n, DEL, C1. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
