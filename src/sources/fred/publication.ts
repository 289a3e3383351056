import { addDays, addMonths, epochDay, fromEpochDay, type IsoDate } from '../../core/dates.js';

/**
 * When does a value become public? FRED CSV downloads carry no vintage, so each release gets a
 * documented lag rule; a value is never used before its publication day. "Known on day D" means
 * public by the end of day D (US Eastern). ALFRED vintages, when fetched, override these rules.
 *
 * Holidays are not modelled: a release due on a holiday is counted as public that day, which can
 * make a value usable one business day early around holidays (documented limitation).
 */
export type ReleaseRule =
  | 'h41' // H.4.1: Wednesday levels/averages published Thursday 4:30pm
  | 'same-day' // NY Fed ON RRP results (~1:15pm same day); FOMC-administered rates (announced beforehand)
  | 'next-business-day' // SOFR/EFFR (8am next business day), H.15 yields, VIX, ICE BofA spreads
  | 'nfci' // Chicago Fed NFCI: week ending Friday, released the following Wednesday
  | 'weekly-claims' // ICSA: week ending Saturday, released Thursday
  | 'monthly-h6' // M2: released about four weeks after the month ends
  | 'monthly-h3' // TOTRESNS monthly averages: about two weeks after the month ends
  | 'monthly-bls' // CPI / unemployment: about two weeks after the month ends
  | 'monthly-late' // PCE / sentiment: end of the following month
  | 'h8' // H.8 weekly bank data: Friday of the following week
  | 'market-close'; // closing prices: public at the close the same day

export function nextBusinessDay(d: IsoDate): IsoDate {
  const n = epochDay(d) + 1;
  const wd = (n + 4) % 7; // 0 = Sunday
  return fromEpochDay(n + (wd === 6 ? 2 : wd === 0 ? 1 : 0));
}

export function publicationDate(rule: ReleaseRule, date: IsoDate): IsoDate {
  switch (rule) {
    case 'h41':
      return addDays(date, 1);
    case 'same-day':
    case 'market-close':
      return date;
    case 'next-business-day':
      return nextBusinessDay(date);
    case 'nfci':
      return addDays(date, 5);
    case 'weekly-claims':
      return addDays(date, 5);
    case 'h8':
      return addDays(date, 9);
    case 'monthly-h6':
      return addDays(addMonths(date, 1), 26);
    case 'monthly-h3':
      return addDays(addMonths(date, 1), 14);
    case 'monthly-bls':
      return addDays(addMonths(date, 1), 14);
    case 'monthly-late':
      return addDays(addMonths(date, 1), 29);
  }
}
