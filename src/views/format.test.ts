import { describe, expect, it } from 'vitest';
import { formatUsd, formatValue, MINUS } from '../core/format.js';
import { emptyView } from './model.js';
import { renderTable, renderText } from './text.js';

describe('one formatting for every surface', () => {
  it('money scales to T/B/M with one minus sign', () => {
    expect(formatValue(5_625_087e6, 'usd')).toBe('$5.625T');
    expect(formatValue(-157.7e9, 'usd')).toBe(`${MINUS}$157.7B`);
    expect(formatValue(77.7e9, 'usd-change')).toBe('+$77.7B');
    expect(formatValue(972_000, 'usd')).toBe('$972,000');
    expect(formatValue(84129.55, 'price')).toBe('$84,129.55');
    // the shorthand the ledger and alerts use in sentences is the same spelling
    expect(formatUsd(-157.7e9)).toBe(`${MINUS}$157.7B`);
    expect(formatUsd(null)).toBe('—');
  });
  it('fractions are percent, differences of percentages are pp, spreads are bp', () => {
    expect(formatValue(-0.326, 'fraction')).toBe(`${MINUS}32.6 %`);
    expect(formatValue(0.042, 'fraction-change')).toBe('+4.2 %');
    expect(formatValue(59.3, 'pp')).toBe('+59.3 pp');
    expect(formatValue(16, 'bp')).toBe('+16 bp');
    expect(formatValue(4.31, 'percent')).toBe('4.31 %');
  });
  it('large counts are humanised, never scientific', () => {
    expect(formatValue(9.7e12, 'count')).toBe('9.7T');
    expect(formatValue(1.3e15, 'count')).toBe('1.3Q');
    expect(formatValue(985, 'count')).toBe('985');
    expect(formatValue(31.8, 'multiple')).toBe('31.8×');
  });
  it('missing and non-finite values are an em dash', () => {
    expect(formatValue(null, 'usd')).toBe('—');
    expect(formatValue(Number.NaN, 'fraction')).toBe('—');
  });
});

describe('text rendering', () => {
  it('tables align numbers right and format each column once', () => {
    const t = renderTable({
      id: 't',
      columns: [
        { key: 'id', label: 'series', format: 'text' },
        { key: 'v', label: 'value', format: 'usd' },
      ],
      rows: [
        { id: 'WALCL', v: 6_580_462e6 },
        { id: 'RRPONTSYD', v: 1.559e9 },
      ],
    });
    expect(t.split('\n')).toEqual([
      'series       value',
      '─────────  ───────',
      'WALCL      $6.580T',
      'RRPONTSYD    $1.6B',
    ]);
  });
  it('control characters from data never reach the terminal', () => {
    const v = emptyView('x', 'X', '2025-01-01', null);
    v.headline = 'issuer \u001b[2J';
    expect(renderText(v)).toBe('issuer \\x1b[2J');
  });
});
