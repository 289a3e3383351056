import { describe, expect, it } from 'vitest';
import { printSummaries } from './summary.js';

describe('printSummaries', () => {
  it('lists failures with their reason and folds "host unreachable" skips into one line per source', () => {
    const lines: string[] = [];
    printSummaries(
      [
        {
          source: 'fred',
          series: 'WALCL',
          status: 'ok',
          newRows: 985,
          revisedRows: 0,
          unchanged: 0,
          missing: 0,
        },
        {
          source: 'fred',
          series: 'WTREGEN',
          status: 'failed',
          newRows: 0,
          revisedRows: 0,
          reason:
            'network: GET https://fred.stlouisfed.org/x failed: getaddrinfo ENOTFOUND fred.stlouisfed.org (ENOTFOUND)',
        },
        {
          source: 'fred',
          series: 'SOFR',
          status: 'failed',
          newRows: 0,
          revisedRows: 0,
          reason:
            'network: GET https://fred.stlouisfed.org/y skipped: fred.stlouisfed.org was unreachable earlier in this run (…)',
        },
        {
          source: 'fred',
          series: 'IORB',
          status: 'failed',
          newRows: 0,
          revisedRows: 0,
          reason:
            'network: GET https://fred.stlouisfed.org/z skipped: fred.stlouisfed.org was unreachable earlier in this run (…)',
        },
      ],
      (s) => lines.push(s),
    );
    const text = lines.join('\n');
    expect(text).toMatch(/WALCL\s+ok\s+985/);
    expect(text).toContain(
      'FAILED fred/WTREGEN: network: GET https://fred.stlouisfed.org/x failed: getaddrinfo ENOTFOUND',
    );
    expect(text).toContain('FAILED fred: 2 more skipped, fred.stlouisfed.org unreachable (SOFR, IORB)');
    expect(lines.at(-1)).toBe('1 ok, 3 failed; 985 new rows, 0 revised');
  });
});

describe('warnings: one counted line per source unless --verbose', () => {
  const summaries = [
    {
      source: 'sec-13f',
      series: 'a',
      status: 'ok' as const,
      newRows: 33,
      revisedRows: 0,
      warnings: ['values usd (implied-price)', 'row 4 repaired'],
    },
    {
      source: 'sec-13f',
      series: 'b',
      status: 'ok' as const,
      newRows: 12,
      revisedRows: 0,
      warnings: ['values thousands (implied-price)'],
    },
    {
      source: 'prices-file',
      series: 'AMZN',
      status: 'ok' as const,
      newRows: 7348,
      revisedRows: 0,
      warnings: ['dropped 2026-08-03: partial last day'],
    },
  ];
  it('folded: the counts per source, no warning text', () => {
    const lines: string[] = [];
    printSummaries(summaries, (s) => lines.push(s));
    expect(lines.filter((l) => l.includes('warning'))).toEqual([
      'sec-13f: 3 warnings (--verbose to list)',
      'prices-file: 1 warning (--verbose to list)',
    ]);
  });
  it('verbose: every warning on its own line', () => {
    const lines: string[] = [];
    printSummaries(summaries, (s) => lines.push(s), { verbose: true });
    expect(lines.filter((l) => l.startsWith('warning: '))).toHaveLength(4);
    expect(lines).toContain('warning: dropped 2026-08-03: partial last day');
  });
});
