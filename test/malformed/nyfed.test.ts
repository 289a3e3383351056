import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';
import { importNyfedFiles } from '../../src/update/import/nyfed.js';
import { dataFile } from '../shared-data.js';
import { expectRefused, storeHash, writeCase } from './kit.js';
import { latin1, realText, replaceOnce, withBom } from './make.js';

/**
 * `tidewatch import nyfed` against broken copies of the real read-endpoint snapshots (one
 * object per file; SOFR 2025-10-31: 4.22 %, $3,211bn). The store holds all ten snapshots.
 */
const TODAY = '2026-06-30';
const DIR = dataFile('nyfed', 'sofr-read-endpoint-snapshots');
const SNAPSHOTS = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => path.join(DIR, f));
const oct31 = () => realText('nyfed', 'sofr-read-endpoint-snapshots', 'sofr_2025-10-31.json');

const cases: Array<{ name: string; file: string; bytes: () => string | Uint8Array; reason: RegExp[] }> = [
  {
    // Case 4 of the brief: Latin-1 bytes used to become U+FFFD and six junk series NYFED:SOFR�.
    name: 'Latin-1 byte in the rate name',
    file: 'sofr_2025-10-31.json',
    bytes: () => latin1(oct31().replace('"SOFR"', '"SOFR\u00e9"')),
    reason: [/\[0\]/, /refRateType/, /"SOFRé"/],
  },
  {
    name: 'the same day twice in one file, with another rate',
    file: 'sofr_2025-10-31.json',
    bytes: () =>
      oct31().replace(/\]\s*$/, `,${JSON.stringify({ ...JSON.parse(oct31())[0], dailyRate: 4.25 })}]`),
    reason: [
      /SOFR 2025-10-31/,
      /4\.22 \(.*sofr_2025-10-31\.json\[0\]\)/,
      /4\.25 \(.*sofr_2025-10-31\.json\[1\]\)/,
    ],
  },
  {
    name: 'cut in half',
    file: 'sofr_2025-10-31.json',
    bytes: () => oct31().slice(0, 120),
    reason: [/at the end|line \d+/, /cut short or not JSON/],
  },
  {
    name: 'rate 1e999',
    file: 'sofr_2025-10-31.json',
    bytes: () => replaceOnce(oct31(), '"dailyRate": 4.22', '"dailyRate": 1e999'),
    reason: [/\[0\]/, /dailyRate/, /Infinity/],
  },
  {
    name: 'rate "NaN"',
    file: 'sofr_2025-10-31.json',
    bytes: () => replaceOnce(oct31(), '"dailyRate": 4.22', '"dailyRate": "NaN"'),
    reason: [/\[0\]/, /dailyRate/, /"NaN"/],
  },
  {
    name: 'rate in basis points (422)',
    file: 'sofr_2025-10-31.json',
    bytes: () => replaceOnce(oct31(), '"dailyRate": 4.22', '"dailyRate": 422'),
    reason: [/\[0\]/, /value 422 /, /above the plausible maximum 50/],
  },
  {
    name: 'year 1',
    file: 'sofr_0001-10-31.json',
    bytes: () => replaceOnce(oct31(), '2025-10-31', '0001-10-31'),
    reason: [/\[0\]/, /0001-10-31/, /before 1954-07-01/],
  },
  {
    name: 'negative volume',
    file: 'sofr_2025-10-31.json',
    bytes: () => replaceOnce(oct31(), '"tradingVolume": 3211', '"tradingVolume": -3211'),
    reason: [/\[0\]/, /-3211000000000/, /not positive/],
  },
  {
    name: 'mixed encodings',
    file: 'sofr_2025-10-31.json',
    bytes: () => Buffer.concat([Buffer.from(oct31().replace('"SOFR"', '"SOFR\u00e9"')), latin1(' \u00e9')]),
    reason: [/0xE9/, /mixed encodings/],
  },
];

describe('import nyfed: malformed copies of the real snapshots are refused, the store unchanged', () => {
  let store: Store;
  let before: string;

  beforeAll(async () => {
    store = await openStore(':memory:');
    const got = await importNyfedFiles(store, SNAPSHOTS, { runId: null, today: TODAY });
    expect(got.every((s) => s.status === 'ok')).toBe(true);
    before = await storeHash(store.db);
  });

  it.each(cases)('$name', async (c) => {
    const file = writeCase(c.name, c.file, c.bytes());
    const summaries = await importNyfedFiles(store, [file], { runId: null, today: TODAY });
    expectRefused(summaries, file, { reason: c.reason });
    expect(await storeHash(store.db)).toBe(before);
  });

  it('the same day in two files of one import with different rates: the second file is refused naming both', async () => {
    const a = writeCase('two-files', 'sofr_2025-10-31.json', oct31());
    const b = writeCase(
      'two-files',
      'sofr_copy_2025-10-31.json',
      replaceOnce(oct31(), '"dailyRate": 4.22', '"dailyRate": 4.25'),
    );
    const summaries = await importNyfedFiles(store, [a, b], { runId: null, today: TODAY });
    expectRefused(summaries, b, {
      reason: [
        /SOFR 2025-10-31/,
        /4\.22 \(.*sofr_2025-10-31\.json\[0\]\)/,
        /4\.25 \(.*sofr_copy_2025-10-31\.json\[0\]\)/,
      ],
    });
    // The first file (identical to what is stored) went in; the stored fixing is unchanged.
    expect(await store.getObservations('NYFED:SOFR', { from: '2025-10-31', to: '2025-10-31' })).toEqual([
      { date: '2025-10-31', value: 4.22, knownFrom: '2025-11-03' },
    ]);
  });

  it('no series outside NYFED:[A-Z0-9_]+ exists (no U+FFFD ids)', async () => {
    const ids = (await store.listSeries()).map((s) => s.id);
    expect(ids.filter((id) => !/^NYFED:[A-Z0-9_]+$/.test(id))).toEqual([]);
  });

  it('a BOM is accepted (it used to fail: "Unexpected token") and the same day twice, identical, is collapsed', async () => {
    const bom = writeCase('bom', 'sofr_2025-10-31.json', withBom(oct31()));
    const twice = writeCase('twice', 'sofr_again_2025-10-31.json', oct31());
    const summaries = await importNyfedFiles(store, [bom, twice], { runId: null, today: TODAY });
    expect(summaries.map((s) => s.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(summaries.reduce((n, s) => n + s.newRows + s.revisedRows, 0)).toBe(0);
    expect(summaries[0]!.warnings).toContainEqual(
      expect.stringMatching(/sofr_again_2025-10-31\.json: 1 repeated identical fixing/),
    );
  });
});
