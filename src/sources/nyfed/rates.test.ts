import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../test/shared-data.js';
import { readFredCsv } from '../../indicators/plumbing/testing/fred-csv.js';
import { parseRatesJson } from './rates.js';

const DIR = dataFile('nyfed', 'sofr-read-endpoint-snapshots');
const snap = (d: string) => {
  const f = path.join(DIR, `sofr_${d}.json`);
  return parseRatesJson(readFileSync(f, 'utf8'), f);
};

describe('NY Fed SOFR read-endpoint snapshots (real)', () => {
  it('all ten snapshots parse to one record each with no unknown-field warnings', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(10);
    for (const f of files) {
      const r = parseRatesJson(readFileSync(path.join(DIR, f), 'utf8'), f);
      expect(r.records).toHaveLength(1);
      expect(r.warnings).toEqual([]);
      expect(f).toContain(r.records[0]!.date);
    }
  });

  it('2021-06-01: negative 1st percentile (-0.03), jq-trimmed 0 for the 25th, volume $977bn', () => {
    expect(snap('2021-06-01').records[0]).toEqual({
      date: '2021-06-01',
      type: 'SOFR',
      rate: 0.01,
      p1: -0.03,
      p25: 0,
      p75: 0.01,
      p99: 0.15,
      volume: 977e9,
      revised: false,
      where: expect.stringMatching(/sofr_2021-06-01\.json\[0\]$/),
    });
  });

  it('dailyRate equals FRED SOFR on 2023-03-13 (4.55), 2025-10-31 (4.22), 2026-06-23 (3.62)', () => {
    const fred = readFredCsv('sofr3-2021-2026/SOFR.csv', 'percent');
    for (const d of ['2023-03-13', '2025-10-31', '2026-06-23']) {
      expect(snap(d).records[0]!.rate).toBe(fred.find((o) => o.date === d)!.value);
    }
  });
});

describe('Markets API shape (hand-written fixture) maps to the same record', () => {
  const f = path.join(import.meta.dirname, 'fixtures', 'sofr_api_2025-10-29_31.json');
  const api = parseRatesJson(readFileSync(f, 'utf8'), f);
  it('effectiveDate/percentRate/percentPercentileNN/volumeInBillions = refRateDt/dailyRate/…', () => {
    for (const d of ['2025-10-29', '2025-10-30', '2025-10-31']) {
      expect(api.records.find((r) => r.date === d)).toEqual({
        ...snap(d).records[0],
        where: expect.stringContaining('sofr_api_2025-10-29_31.json['),
      });
    }
  });
  it('unknown field ignored with a warning naming the field and source', () => {
    expect(api.warnings).toEqual([
      expect.stringMatching(/sofr_api_2025-10-29_31\.json\[2\]: unknown field 'unexpectedField'/),
    ]);
  });
});

describe('rates: literal edge cases', () => {
  it('missing rate is rejected naming the field and the URL', () => {
    const url = 'https://markets.newyorkfed.org/api/rates/secured/sofr/search.json?startDate=2025-01-01';
    expect(() => parseRatesJson('{"refRates":[{"effectiveDate":"2025-01-02","type":"SOFR"}]}', url)).toThrow(
      /search\.json\?startDate=2025-01-01\[0\]: required field 'percentRate' missing/,
    );
  });
  it('"null" strings are missing, string numbers parse, revision letter → revised', () => {
    const r = parseRatesJson(
      '{"refRates":[{"effectiveDate":"2025-01-02","percentRate":"4.31","percentPercentile99":"null","revisionIndicator":"R"}]}',
      'u',
    ).records[0]!;
    expect(r).toMatchObject({ rate: 4.31, p99: null, volume: null, revised: true });
  });
});
