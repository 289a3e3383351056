import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.js';
import { dataFile } from '../../test/shared-data.js';
import { parseThirteenF } from '../sources/sec/thirteenf/filing.js';
import { normaliseFiling } from '../sources/sec/thirteenf/normalise.js';
import { contentHash, saveFiling } from '../sources/sec/thirteenf/repository.js';
import { withStore } from '../store/memory.testkit.js';
import { forTerminal, TERMINAL_CONTROLS, table } from './context.js';

const hasControl = (s: string) => (s.match(TERMINAL_CONTROLS) ?? []).length > 0;

/**
 * Issue case 5: an issuer name "&#27;]0;…&#7;" decodes to ESC … BEL and retitled the terminal
 * (and "&#27;[2J" cleared the screen) from `13f holdings`. Every CLI text output goes through
 * forTerminal; JSON stays exact.
 */
describe('forTerminal (literal)', () => {
  it('C0 (but \\n and \\t), DEL and C1 controls become a visible \\xHH; other text is unchanged', () => {
    expect(forTerminal('\u001b]0;pwned\u0007')).toBe('\\x1b]0;pwned\\x07');
    expect(forTerminal('a\tb\nc')).toBe('a\tb\nc');
    expect(forTerminal('\r\u0000\u0008\u000b\u000c\u001f\u007f\u0080\u009b\u009f')).toBe(
      '\\x0d\\x00\\x08\\x0b\\x0c\\x1f\\x7f\\x80\\x9b\\x9f',
    );
    // the printable neighbours of each range stay as they are
    expect(forTerminal(' ~\u00a0S&P 500 — Ü')).toBe(' ~\u00a0S&P 500 — Ü');
  });
  it('table cells and headers are sanitized', () => {
    const t = table(['name\u001b[2J'], [['\u001b]0;x\u0007CVS']]);
    expect(hasControl(t)).toBe(false);
    expect(t).toContain('\\x1b]0;x\\x07CVS');
  });
});

describe('`13f holdings` on a filing with control characters in an issuer name', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-term-'));
  const DB = path.join(dir, 'tw.duckdb');
  const FILE = 'scion_13F-HR_20230630_0000905148-23-000689.txt';
  // the real filing, one issuer name rewritten with character references (a byte-level variant)
  const EVIL = '&#27;]0;pwned&#7;&#27;[2J&#155;31mCVS HEALTH CORP';
  beforeAll(async () => {
    const text = readFileSync(dataFile('sec', 'scion', FILE), 'utf8').replace(
      '<nameOfIssuer>CVS HEALTH CORP',
      `<nameOfIssuer>${EVIL}`,
    );
    expect(text).toContain(EVIL);
    await withStore(async (store) => {
      await saveFiling(store.db, normaliseFiling(parseThirteenF(text, { source: FILE })), contentHash(text));
    }, DB);
  });

  it('text output shows the controls escaped; no ESC, BEL or CSI reaches the terminal', () => {
    const r = runCli(['13f', 'holdings', '--period', '2023-06-30', '--as-of', '2023-08-14', '--db', DB]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\\x1b]0;pwned\\x07\\x1b[2J\\x9b31mCVS HEALTH CORP');
    expect(hasControl(r.stdout)).toBe(false);
    expect(hasControl('\u001b')).toBe(true);
  });

  it('JSON output keeps the exact decoded name', () => {
    const r = runCli([
      '13f',
      'holdings',
      '--period',
      '2023-06-30',
      '--as-of',
      '2023-08-14',
      '--json',
      '--db',
      DB,
    ]);
    const body = JSON.parse(r.stdout) as { positions: { issuer: string }[] };
    expect(body.positions.map((p) => p.issuer)).toContain(
      '\u001b]0;pwned\u0007\u001b[2J\u009b31mCVS HEALTH CORP',
    );
    expect(r.stdout).toContain('\\u001b]0;pwned\\u0007'); // JSON.stringify's own escapes
  });
});
