/**
 * The companies and the XBRL concepts each metric is read from.
 *
 * Why per-company lists: companies tag the same line differently and switch tags over time.
 * NVIDIA used PaymentsToAcquirePropertyPlantAndEquipment up to the period ending 2020-07-26
 * and PaymentsToAcquireProductiveAssets from then on; Amazon tags capex only as
 * PaymentsToAcquireProductiveAssets; Microsoft's 2015 filings tag operating cash flow as
 * ...ContinuingOperations. A first-match lookup over one synonym list returns stale facts
 * (edgartools #892: 4.7× and 6× too low), so the lists are used PER PERIOD: for every
 * reporting period the first concept in the list that has that period wins (see periods.ts).
 */
export type Metric = 'capex' | 'operatingIncome' | 'operatingCashFlow' | 'debtProceeds';

export const METRICS: Metric[] = ['capex', 'operatingIncome', 'operatingCashFlow', 'debtProceeds'];

const DEFAULT_CONCEPTS: Record<Metric, string[]> = {
  capex: ['PaymentsToAcquirePropertyPlantAndEquipment', 'PaymentsToAcquireProductiveAssets'],
  operatingIncome: ['OperatingIncomeLoss'],
  operatingCashFlow: [
    'NetCashProvidedByUsedInOperatingActivities',
    'NetCashProvidedByUsedInOperatingActivitiesContinuingOperations',
  ],
  // Gross issuance of long-term debt (not net of repayments, not commercial paper): the
  // question is how much of the capex was paid for with newly borrowed money.
  debtProceeds: [
    'ProceedsFromIssuanceOfLongTermDebt',
    'ProceedsFromIssuanceOfSeniorLongTermDebt',
    'ProceedsFromIssuanceOfUnsecuredDebt',
    'ProceedsFromDebtNetOfIssuanceCosts',
    'ProceedsFromIssuanceOfDebt',
    'ProceedsFromDebtMaturingInMoreThanThreeMonths',
  ],
};

export interface Company {
  ticker: string;
  cik: number;
  name: string;
  /** Month (1–12) the fiscal year ends in; 52/53-week years end near it (NVIDIA: late January). */
  fiscalYearEndMonth: number;
  /** A hyperscaler counts in the aggregate; NVIDIA is shown per company (it sells the capex). */
  hyperscaler: boolean;
  concepts: Record<Metric, string[]>;
}

function withOverrides(over: Partial<Record<Metric, string[]>>): Record<Metric, string[]> {
  return { ...DEFAULT_CONCEPTS, ...over };
}

export const COMPANIES: Company[] = [
  {
    ticker: 'MSFT',
    cik: 789019,
    name: 'Microsoft',
    fiscalYearEndMonth: 6,
    hyperscaler: true,
    concepts: withOverrides({}),
  },
  {
    ticker: 'GOOGL',
    cik: 1652044,
    name: 'Alphabet',
    fiscalYearEndMonth: 12,
    hyperscaler: true,
    concepts: withOverrides({}),
  },
  {
    ticker: 'AMZN',
    cik: 1018724,
    name: 'Amazon',
    fiscalYearEndMonth: 12,
    hyperscaler: true,
    // Amazon's cash-flow line "Purchases of property and equipment" is tagged ProductiveAssets.
    concepts: withOverrides({
      capex: ['PaymentsToAcquireProductiveAssets', 'PaymentsToAcquirePropertyPlantAndEquipment'],
    }),
  },
  {
    ticker: 'META',
    cik: 1326801,
    name: 'Meta Platforms',
    fiscalYearEndMonth: 12,
    hyperscaler: true,
    concepts: withOverrides({}),
  },
  {
    ticker: 'ORCL',
    cik: 1341439,
    name: 'Oracle',
    fiscalYearEndMonth: 5,
    hyperscaler: true,
    concepts: withOverrides({}),
  },
  {
    ticker: 'NVDA',
    cik: 1045810,
    name: 'NVIDIA',
    fiscalYearEndMonth: 1,
    hyperscaler: false,
    concepts: withOverrides({
      capex: ['PaymentsToAcquireProductiveAssets', 'PaymentsToAcquirePropertyPlantAndEquipment'],
      // NVIDIA's debt-proceeds tags in companyfacts repeat the 2016 note issuance (1,980 M)
      // in FY2018–FY2020 contexts where no debt was issued (a footnote figure, not the cash-flow
      // line); rather than report invented borrowing, its debt-funded share is not computed.
      debtProceeds: [],
    }),
  },
];

export function companyByTicker(ticker: string): Company | undefined {
  const t = ticker.toUpperCase();
  return COMPANIES.find((c) => c.ticker === t || (t === 'GOOG' && c.ticker === 'GOOGL'));
}

export function companyByCik(cik: number): Company | undefined {
  return COMPANIES.find((c) => c.cik === cik);
}

/** A company we have no entry for (an imported filing): default lists, fiscal year end inferred. */
export function genericCompany(
  cik: number,
  name: string,
  fiscalYearEndMonth: number,
  ticker?: string,
): Company {
  return {
    ticker: ticker ?? `CIK${cik}`,
    cik,
    name,
    fiscalYearEndMonth,
    hyperscaler: false,
    concepts: withOverrides({}),
  };
}

/** Every concept any metric may read (to filter companyfacts before storing or deriving). */
export function allConcepts(): Set<string> {
  const s = new Set<string>();
  for (const c of COMPANIES) for (const m of METRICS) for (const x of c.concepts[m]) s.add(x);
  return s;
}
