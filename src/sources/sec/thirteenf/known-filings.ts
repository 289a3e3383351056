/**
 * 13F accession numbers known without asking EDGAR's submissions list, used when that list
 * cannot be fetched (offline replay has no submissions JSON for 13F filers). Each accession is
 * a real EDGAR filing documented in shared/data/sec/scion/PROVENANCE.md and 13f/PROVENANCE.md;
 * nothing here is invented. Scion's 2025 filings are deliberately absent (held out): the
 * product reports those quarters as data missing.
 */
export const KNOWN_13F_ACCESSIONS: Record<number, string[]> = {
  1649339: [
    '0001567619-22-003986',
    '0001567619-22-010747',
    '0001567619-22-015999',
    '0001567619-22-019784',
    '0000905148-23-000213',
    '0000905148-23-000408',
    '0000905148-23-000689',
    '0000905148-23-001400',
  ],
  1768021: ['0000905148-23-000687'],
  1336528: ['0001172661-22-000776', '0001172661-22-001013', '0001172661-23-004016'],
  1029160: ['0000902664-22-004896', '0000902664-23-005529'],
  1037389: ['0001037389-23-000124'],
  1018724: ['0001104659-23-109862'],
  1894188: ['0001894188-23-000007'],
};
