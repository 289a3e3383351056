import { beforeAll, describe, expect, it } from 'vitest';
import { liquidityAsOf } from '../../src/loaders/liquidity.js';
import { openStore, type Store } from '../../src/store/store.js';
import { importFredFiles } from '../../src/update/import/fred.js';
import { dataFile } from '../shared-data.js';
import { expectRefused, storeHash, writeCase } from './kit.js';
import { dropTail, insertLineAfter, latin1, realBytes, realText, replaceOnce, withBom } from './make.js';

/**
 * `tidewatch import fred` against broken copies of the real WALCL/WTREGEN downloads. The store
 * already holds the real files, so every case is also a would-be revision of stored data.
 */
const TODAY = '2026-06-30';
const walcl = () => realText('fred', 'WALCL.csv');
const wtregen = () => realText('fred', 'WTREGEN.csv');

const cases: Array<{ name: string; file: string; bytes: () => string | Uint8Array; reason: RegExp[] }> = [
  {
    // Case 1 of the brief: `head -c -4 WALCL.csv` leaves `2025-11-12,6580`.
    name: 'cut inside the last value (head -c -4)',
    file: 'WALCL.csv',
    bytes: () => dropTail(realBytes('fred', 'WALCL.csv'), 4),
    reason: [/line 986/, /'6580'/, /cut short/],
  },
  {
    name: 'cut inside the last date',
    file: 'WALCL.csv',
    bytes: () => walcl().slice(0, 194),
    reason: [/line 11/, /'2007-03-0'/],
  },
  {
    name: 'cut right after the last comma',
    file: 'WALCL.csv',
    bytes: () => walcl().slice(0, -8),
    reason: [/line 986/, /value is empty/],
  },
  {
    name: 'zero Fed total assets',
    file: 'WALCL.csv',
    bytes: () => replaceOnce(walcl(), '2025-11-05,6572732', '2025-11-05,0'),
    reason: [/line 985/, /value 0 /, /not positive/],
  },
  {
    name: 'negative Fed total assets',
    file: 'WALCL.csv',
    bytes: () => replaceOnce(walcl(), '2020-03-04,4241507', '2020-03-04,-4241507'),
    reason: [/line 689/, /-4241507000000/, /not positive/],
  },
  {
    name: 'inf',
    file: 'WALCL.csv',
    bytes: () => replaceOnce(walcl(), '2020-03-04,4241507', '2020-03-04,inf'),
    reason: [/line 689/, /'inf'/],
  },
  {
    name: 'NaN',
    file: 'WALCL.csv',
    bytes: () => replaceOnce(walcl(), '2020-03-04,4241507', '2020-03-04,NaN'),
    reason: [/line 689/, /'NaN'/],
  },
  {
    name: 'Infinity by overflow (1e999)',
    file: 'WALCL.csv',
    bytes: () => replaceOnce(walcl(), '2020-03-04,4241507', '2020-03-04,1e999'),
    reason: [/line 689/, /'1e999'/],
  },
  {
    name: 'year 1',
    file: 'WALCL.csv',
    bytes: () =>
      replaceOnce(walcl(), 'observation_date,WALCL\n', 'observation_date,WALCL\n0001-01-03,874626\n'),
    reason: [/line 2/, /0001-01-03/, /before 1900-01-01/],
  },
  {
    name: 'year 9999',
    file: 'WALCL.csv',
    bytes: () => `${walcl()}9999-12-29,6580462\n`,
    reason: [/line 987/, /9999-12-29/, /dated after/],
  },
  {
    name: 'a revision by ×100 inside the range (TGA $374.5B → $3.7B)',
    file: 'WTREGEN.csv',
    bytes: () => replaceOnce(wtregen(), '2020-03-04,374515.000', '2020-03-04,3745.150'),
    reason: [/line 689/, /3745150000/, /would replace the stored 374515000000/],
  },
  {
    name: 'the same date twice with different values',
    file: 'WALCL.csv',
    bytes: () => insertLineAfter(walcl(), '2020-03-04,4241507', '2020-03-04,4241508'),
    reason: [/line 690/, /line 689/, /2020-03-04 is duplicated/],
  },
  {
    name: 'an HTML error page',
    file: 'WALCL.csv',
    bytes: () => '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>\n',
    reason: [/HTML instead of CSV/],
  },
  {
    name: 'a binary file (NUL bytes)',
    file: 'WALCL.csv',
    bytes: () => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(8)]),
    reason: [/line 1/, /NUL byte at offset 4/],
  },
  {
    name: 'mixed encodings (UTF-8 é and a Latin-1 byte)',
    file: 'WALCL.csv',
    bytes: () =>
      Buffer.concat([
        Buffer.from('observation_date,WALCL\n# é\n'),
        latin1('# \u00e9\n'),
        Buffer.from(walcl().split('\n').slice(1).join('\n')),
      ]),
    reason: [/line 3/, /0xE9/, /mixed encodings/],
  },
];

describe('import fred: malformed copies of the real files are refused, the store unchanged', () => {
  let store: Store;
  let before: string;

  beforeAll(async () => {
    store = await openStore(':memory:');
    const got = await importFredFiles(
      store,
      [dataFile('fred', 'WALCL.csv'), dataFile('fred', 'WTREGEN.csv')],
      { runId: null, today: TODAY },
    );
    expect(got.map((s) => s.status)).toEqual(['ok', 'ok']);
    before = await storeHash(store.db);
  });

  it.each(cases)('$name', async (c) => {
    const file = writeCase(c.name, c.file, c.bytes());
    const summaries = await importFredFiles(store, [file], { runId: null, today: TODAY });
    expectRefused(summaries, file, { reason: c.reason });
    expect(await storeHash(store.db)).toBe(before);
  });

  it('the real WALCL 2025-11-12 stays $6.580T and net liquidity on 2025-11-14 stays positive', async () => {
    const nl = await liquidityAsOf(store, '2025-11-14');
    expect(nl?.components.find((c) => c.id === 'WALCL')).toMatchObject({
      date: '2025-11-12',
      valueUsd: 6_580_462e6,
    });
  });

  it('whole files still import: the same bytes with a BOM, CRLF line ends, no final newline', async () => {
    const variants = {
      bom: withBom(walcl()),
      crlf: walcl().replace(/\n/g, '\r\n'),
      'no-final-newline': walcl().trimEnd(),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      const file = writeCase(`ok-${name}`, 'WALCL.csv', bytes);
      const [s] = await importFredFiles(store, [file], { runId: null, today: TODAY });
      expect(s, name).toMatchObject({ status: 'ok', newRows: 0, revisedRows: 0, unchanged: 985 });
    }
  });
});
