import { describe, expect, it } from 'vitest';
import { chromiumAvailable, openPage, screenshotPath, useServedDashboard } from '../../../test/browser.js';
import { scionStore } from '../../analytics/thirteenf/scion-store.testkit.js';

/**
 * The dashboard's 13F panel and the scorecard (theses panel) as of the page's as-of picker, in
 * real Chromium through web/app.js: `?asOf=D` must reach both (issue case 2), so at 2020-03-20 no
 * Scion filing of 2021–2023 shows, and at 2023-07-31 neither the 2023-06-30 quarter nor its
 * SPY/QQQ puts (filed 2023-08-14) do.
 */
describe.runIf(chromiumAvailable())('13F panel and scorecard follow the as-of picker (Chromium)', () => {
  const dash = useServedDashboard(() => scionStore());

  const panelText = async (asOf: string) => {
    const { page, errors } = await openPage(dash.browser, `${dash.url}?asOf=${asOf}`);
    const thirteenf = (await page.locator('#panel-thirteenf').textContent()) ?? '';
    const scorecard = (await page.locator('#panel-theses #scorecard').textContent()) ?? '';
    // other panels may lack data in this store (e.g. /api/duration): only these two are judged
    const mine = errors.filter((e) => /13f|scorecard|theses|thirteenf/.test(e));
    expect(`${thirteenf}${scorecard}`).not.toContain('could not render');
    return { page, errors: mine, thirteenf, scorecard };
  };
  const datesAfter = (text: string, d: string) =>
    [...new Set(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [])].filter((x) => x > d);

  it('2020-03-20: no Scion filing public yet', async () => {
    const { errors, thirteenf, scorecard } = await panelText('2020-03-20');
    expect(thirteenf).toContain('No 13F of this filer was public by 2020-03-20');
    expect(datesAfter(thirteenf, '2020-03-20')).toEqual([]);
    expect(scorecard).toContain('Famous-shorts scorecard (thesis 5), as of 2020-03-20');
    expect(datesAfter(scorecard, '2020-03-20')).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('2023-07-31: latest quarter 2023-03-31; the Q2-2023 puts are not shown or counted', async () => {
    const { page, errors, thirteenf, scorecard } = await panelText('2023-07-31');
    expect(thirteenf).toContain('Latest filing (period 2023-03-31)');
    expect(thirteenf).not.toContain('2023-06-30');
    expect(datesAfter(thirteenf, '2023-07-31')).toEqual([]);
    expect(scorecard).not.toContain('SPDR S&P 500 ETF');
    expect(datesAfter(scorecard, '2023-07-31')).toEqual([]);
    await page.locator('#panel-thirteenf').screenshot({ path: screenshotPath('thirteenf-panel-2023-07-31') });
    expect(errors).toEqual([]);
  });

  it('2026-01-10: the Q2-2023 puts, and the thesis 5 PLTR premium with its assumptions', async () => {
    const { errors, thirteenf, scorecard } = await panelText('2026-01-10');
    expect(thirteenf).toContain('Largest put book on file: 2023-06-30');
    expect(thirteenf).toContain('Thesis 5: the PLTR puts');
    expect(thirteenf).toContain('risk-free rate');
    expect(scorecard).toContain('SPDR S&P 500 ETF');
    expect(errors).toEqual([]);
  });
});
