import type { Page } from 'playwright-core';

/**
 * What a phone would have to scroll sideways for (≤ 0: nothing). Other panels are other
 * engineers' work and are checked by their own tests: this measures one panel with the header,
 * the as-of picker and the freshness chips, the rest removed.
 */
export async function overflowOf(page: Page, keep: string): Promise<number> {
  return page.evaluate((id) => {
    for (const s of Array.from(document.querySelectorAll('#panels > section'))) if (s.id !== id) s.remove();
    return document.documentElement.scrollWidth - window.innerWidth;
  }, keep);
}

/** Pick a day with the dashboard's as-of picker, as a person would, and wait for the redraw. */
export async function pickDay(page: Page, day: string): Promise<void> {
  await page.evaluate((d) => {
    const input = document.getElementById('asof') as HTMLInputElement;
    input.value = d;
    input.dispatchEvent(new Event('change'));
  }, day);
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60_000 });
}

/** The classes of key figure `kpi` in `panel` (its tone: tone-warn, tone-severe, …). */
export function kpiClass(page: Page, panel: string, kpi: string): Promise<string | null> {
  return page.locator(`${panel} .kpi[data-kpi="${kpi}"]`).getAttribute('class');
}
