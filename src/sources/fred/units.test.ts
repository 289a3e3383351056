import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { catalogEntry } from './catalog.js';
import { parseFredCsv } from './csv.js';
import { decideUnit } from './units.js';

const wtregen = catalogEntry('WTREGEN')!;

describe('decideUnit: FRED changed WTREGEN/WRESBAL from billions to millions', () => {
  const legacy = parseFredCsv(
    readFileSync(dataFile('fred/legacy-DATE-header/WTREGEN.csv'), 'utf8'),
    'legacy',
  );
  const current = parseFredCsv(readFileSync(dataFile('fred/WTREGEN.csv'), 'utf8'), 'current');

  it("PEERS: WTREGEN's unit changed between downloads (billions vs millions) — the 2023 download (billions) is detected by magnitude alone when nothing is stored", () => {
    const d = decideUnit('legacy', wtregen, 'usd_millions', legacy.rows, new Map());
    expect(d.unit).toBe('usd_billions');
    expect(d.rule).toBe('magnitude-range');
    expect(d.warning).toMatch(/read as usd_billions/);
  });

  it('against stored millions the ×1000 overlap ratio decides (2022-06-01: 789.532 vs 789532.000)', () => {
    const stored = new Map(current.rows.map((r) => [r.date, r.value * 1e6]));
    expect(stored.get('2022-06-01')).toBe(789532e6);
    const d = decideUnit('legacy', wtregen, 'usd_millions', legacy.rows, stored);
    expect(d).toMatchObject({ unit: 'usd_billions', rule: 'overlap-ratio' });
  });

  it('the current download in millions is accepted as is', () => {
    expect(decideUnit('current', wtregen, 'usd_millions', current.rows, new Map()).unit).toBe('usd_millions');
  });

  it('WRESBAL 1984-2024 download is in billions (3808.042 on 2021-06-23)', () => {
    const f = parseFredCsv(
      readFileSync(dataFile('fred/legacy-DATE-header/WRESBAL_1984-2024.csv'), 'utf8'),
      'w',
    );
    expect(f.rows.find((r) => r.date === '2021-06-23')?.value).toBe(3808.042);
    expect(decideUnit('w', catalogEntry('WRESBAL')!, 'usd_millions', f.rows, new Map()).unit).toBe(
      'usd_billions',
    );
  });

  it('refuses an ambiguous factor instead of guessing', () => {
    const stored = new Map(current.rows.map((r) => [r.date, r.value * 1e6 * 3.7]));
    expect(() => decideUnit('odd.csv', wtregen, 'usd_millions', current.rows, stored)).toThrow(
      /odd.csv: WTREGEN disagrees with stored values by a median factor of 3.700/,
    );
  });
});
