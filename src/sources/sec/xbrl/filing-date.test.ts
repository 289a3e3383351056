import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataFile } from '../../../../test/shared-data.js';
import { withStore } from '../../../store/memory.testkit.js';
import { deadlineFilingDate, filingDateFromName, withFilingDate } from './filing-date.js';
import { parseXbrlDocument } from './parse.js';
import { documentId, loadXbrlFacts, saveXbrlDocument } from './repository.js';

const amznText = readFileSync(dataFile('sec', 'xbrl', 'amzn-20241231_10-K_ixbrl.htm'), 'utf8');

describe('filing date of a saved 10-K/10-Q document', () => {
  it('from an EDGAR-tool file name when it has one (the form word must match)', () => {
    expect(filingDateFromName('amzn-10-k-2025-02-07.html', '10-K')).toBe('2025-02-07');
    expect(filingDateFromName('nvda-10-q-2025-08-27.html', '10-Q')).toBe('2025-08-27');
    expect(filingDateFromName('nvda-10-q-2025-08-27.html', '10-K')).toBeNull();
    expect(filingDateFromName('amzn-20241231_10-K_ixbrl.htm', '10-K')).toBeNull();
    expect(filingDateFromName('x-10-k-2025-02-30.html', '10-K')).toBeNull();
  });

  it('else the large-filer deadline: 10-K period end + 60 days, 10-Q + 40; amendments have none', () => {
    expect(deadlineFilingDate('10-K', '2024-12-31')).toBe('2025-03-01');
    expect(deadlineFilingDate('10-Q', '2024-08-31')).toBe('2024-10-10');
    expect(deadlineFilingDate('10-K/A', '2024-12-31')).toBeNull();
    expect(deadlineFilingDate('10-K', null)).toBeNull();
  });

  it('AMZN FY2024 10-K (no date in the document): every fact dated 2025-03-01, with a warning saying why', () => {
    const doc = parseXbrlDocument(amznText, 'amzn-20241231_10-K_ixbrl.htm');
    expect(new Set(doc.facts.map((f) => f.filed))).toEqual(new Set(['2025-03-01']));
    expect(doc.warnings.at(-1)).toBe(
      'amzn-20241231_10-K_ixbrl.htm: no filing date in the document or given with --filed: 2025-03-01 used (period end 2024-12-31 + 60 days, the 10-K deadline for large accelerated filers)',
    );
  });

  it('a date given on import wins and adds no warning', () => {
    const doc = parseXbrlDocument(amznText, 'amzn.htm', { filed: '2025-02-07' });
    expect(new Set(doc.facts.map((f) => f.filed))).toEqual(new Set(['2025-02-07']));
    expect(doc.warnings.some((w) => /filing date/.test(w))).toBe(false);
  });

  it('a document of unknown form stays undated, and says so', () => {
    const doc = parseXbrlDocument(amznText, 'amzn.htm');
    const undated = withFilingDate({
      ...doc,
      documentType: null,
      facts: doc.facts.map((f) => ({ ...f, filed: null })),
    });
    expect(undated.facts.every((f) => f.filed === null)).toBe(true);
    expect(undated.warnings.at(-1)).toMatch(
      /no filing date \(give --filed\): its figures are left out of as-of queries$/,
    );
  });

  it('facts stored undated by an earlier import get the date when the same file is imported again', async () => {
    await withStore(async (store) => {
      const doc = parseXbrlDocument(amznText, 'amzn-20241231_10-K_ixbrl.htm');
      const id = documentId(amznText);
      const old = { ...doc, facts: doc.facts.map((f) => ({ ...f, filed: null })) };
      expect(await saveXbrlDocument(store.db, old, id)).toMatchObject({
        inserted: doc.facts.length,
        filedAdded: 0,
      });
      expect(await saveXbrlDocument(store.db, doc, id)).toEqual({
        cik: 1018724,
        inserted: 0,
        unchanged: 0,
        filedAdded: doc.facts.length,
      });
      const capex = (
        await loadXbrlFacts(store.db, { concepts: ['PaymentsToAcquireProductiveAssets'] })
      ).filter((f) => f.dims === '' && f.end === '2024-12-31');
      expect(capex.map((f) => [f.value, f.filed])).toEqual([[82_999e6, '2025-03-01']]);
      expect(await saveXbrlDocument(store.db, doc, id)).toMatchObject({
        unchanged: doc.facts.length,
        filedAdded: 0,
      });
    });
  });
});
