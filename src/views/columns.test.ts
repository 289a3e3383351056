import { describe, expect, it } from 'vitest';
import { cells, col, tableOf } from './columns.js';

describe('tableOf (literal)', () => {
  const T = tableOf('t', 'A table', { date: 'date', value: col('adj close', 'price', 4) });

  it('declares the columns once and builds tables with the keys in their usual order', () => {
    expect(T.columns).toEqual([
      { key: 'date', label: 'date', format: 'date' },
      { key: 'value', label: 'adj close', format: 'price', digits: 4 },
    ]);
    const t = T.of([cells(T.columns, { date: '2025-11-14', value: 1.5, other: 3 })], { textLast: 2 });
    expect(JSON.stringify(t)).toBe(
      JSON.stringify({
        id: 't',
        title: 'A table',
        columns: T.columns,
        rows: [{ date: '2025-11-14', value: 1.5 }],
        textLast: 2,
      }),
    );
    expect(Object.keys(T.of([]))).toEqual(['id', 'title', 'columns', 'rows']);
  });
});
