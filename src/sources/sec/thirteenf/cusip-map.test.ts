import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../../http/types.js';
import { makeResolver, NameMatcher, nameKey, parseCompanyTickers, parseUserMapping } from './cusip-map.js';
import { mapCusipsOpenFigi, type Poster } from './openfigi.js';
import { secText } from './test-files.js';

const companies = () =>
  parseCompanyTickers(JSON.parse(secText('reference', 'company_tickers.json')), 'company_tickers.json');

describe('CUSIP → ticker', () => {
  it('company_tickers.json: 9,610 entries; 13F issuer names of Scion holdings match by core words', () => {
    const c = companies();
    expect(c).toHaveLength(9610);
    const m = new NameMatcher(c);
    expect(m.match('SPDR S&P 500 ETF TR')?.ticker).toBe('SPY');
    expect(m.match('INVESCO QQQ TR')?.ticker).toBe('QQQ');
    expect(m.match('BOOKING HOLDINGS INC')?.ticker).toBe('BKNG');
    expect(m.match('CHARTER COMMUNICATIONS INC N')?.ticker).toBe('CHTR');
    expect(m.match('GEO GROUP INC NEW')?.ticker).toBe('GEO');
    // many iShares ETFs share the title "iShares Trust": ambiguous, so left unmapped
    expect(m.match('ISHARES TR')).toBeNull();
  });

  it('user file wins over the name match; bad lines name file and line', () => {
    const user = parseUserMapping(
      'cusip,ticker,name\n# iShares semiconductor ETF\n464287523,SOXX,ISHARES SEMICONDUCTOR ETF\n',
      'map.csv',
    );
    const r = makeResolver({ user, names: new NameMatcher(companies()) });
    expect(r.resolve('464287523', 'ISHARES TR')).toEqual({
      ticker: 'SOXX',
      name: 'ISHARES SEMICONDUCTOR ETF',
      source: 'user-file',
    });
    expect(r.resolve('78462F103', 'SPDR S&P 500 ETF TR')?.source).toBe('name-match');
    expect(() => parseUserMapping('123,SPY', 'map.csv')).toThrow(
      "map.csv:1: expected 'cusip,ticker[,name]' with a 9-character CUSIP, got '123,SPY'",
    );
    expect(nameKey('CHARTER COMMUNICATIONS, INC. /MO/')).toBe('CHARTER COMMUNICATIONS');
  });

  it('OpenFIGI connector (responses hand-written from the provider documentation)', async () => {
    const sent: string[] = [];
    const poster: Poster = {
      async post(_url, body, opts) {
        sent.push(body);
        expect(opts.headers['X-OPENFIGI-APIKEY']).toBe('k');
        const text = JSON.stringify([
          {
            data: [
              { ticker: 'PLTR', name: 'PALANTIR TECHNOLOGIES INC-A', exchCode: 'UN' },
              { ticker: 'PLTR', name: 'PALANTIR TECHNOLOGIES INC-A', exchCode: 'US' },
            ],
          },
          { warning: 'No identifier found.' },
        ]);
        return { json: <T>() => JSON.parse(text) as T, text: () => text } as HttpResponse;
      },
    };
    const m = await mapCusipsOpenFigi(poster, ['69608A108', '000000000'], { OPENFIGI_API_KEY: 'k' });
    expect(JSON.parse(sent[0]!)).toEqual([
      { idType: 'ID_CUSIP', idValue: '69608A108' },
      { idType: 'ID_CUSIP', idValue: '000000000' },
    ]);
    expect([...m]).toEqual([
      ['69608A108', { ticker: 'PLTR', name: 'PALANTIR TECHNOLOGIES INC-A', source: 'openfigi' }],
    ]);
    await expect(mapCusipsOpenFigi(poster, ['x'], {})).rejects.toMatchObject({ kind: 'config' });
  });
});
