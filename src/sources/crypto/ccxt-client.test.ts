import { describe, expect, it } from 'vitest';
import { TidewatchError } from '../../core/errors.js';
import type { Http } from '../../http/types.js';
import { createCcxtClient } from './ccxt-client.js';

/** An Http that records URLs and answers like replay mode with nothing recorded. */
function recordingHttp(urls: string[]): Http {
  return {
    async get(url) {
      urls.push(url);
      throw new TidewatchError('replay-miss', `replay: no recorded response for GET ${url}`);
    },
  };
}

describe('ccxt adapter: the exchange talks only through our Http', () => {
  it('binance fetchOHLCV goes to our Http (replay miss surfaces), never to the network', async () => {
    const urls: string[] = [];
    const ex = await createCcxtClient('binance', recordingHttp(urls));
    await expect(ex.fetchOHLCV('BTC/USDT', '1d', 0, 10)).rejects.toMatchObject({ kind: 'replay-miss' });
    expect(urls.length).toBeGreaterThan(0);
    expect(urls[0]).toMatch(/^https:\/\/[a-z0-9.]*binance\.com\//);
  });
  it('an unknown exchange id is a config error', async () => {
    await expect(createCcxtClient('nosuchexchange', recordingHttp([]))).rejects.toThrow(
      /ccxt has no exchange 'nosuchexchange'/,
    );
  });
});
