import type { Browser } from 'playwright-core';
import { TidewatchError } from '../core/errors.js';
import { VIEWPORT } from './capture.js';

/** A4 at these margins leaves 190 mm × 269 mm, about 718 CSS px across. */
const MARGIN = { top: '12mm', bottom: '14mm', left: '10mm', right: '10mm' };
const PRINTABLE_PX = (190 / 25.4) * 96;
/** The page prints at the width it was laid out on (VIEWPORT): the same wrapping as the HTML file. */
export const PDF_SCALE = Math.round((PRINTABLE_PX / VIEWPORT.width) * 1000) / 1000;

/**
 * Print a self-contained report (the HTML of capture.ts) to PDF with Chromium. The page is
 * loaded with every request refused, so the PDF shows exactly what the HTML file holds; a
 * request it tried to make is an error (the file would not be whole offline).
 */
export async function printPdf(browser: Browser, html: string, asOf: string): Promise<Buffer> {
  const context = await browser.newContext({ viewport: { width: VIEWPORT.width, height: VIEWPORT.height } });
  try {
    const page = await context.newPage();
    const requested: string[] = [];
    await page.route('**/*', (route) => {
      requested.push(route.request().url());
      return route.abort();
    });
    await page.setContent(html, { waitUntil: 'load' });
    if (requested.length)
      throw new TidewatchError(
        'bad-input',
        `the report asks for ${requested.length} outside resource(s), first ${requested[0]}: it would not be whole offline`,
      );
    return await page.pdf({
      format: 'A4',
      margin: MARGIN,
      scale: PDF_SCALE,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font: 8px system-ui, sans-serif; color: #56606b; width: 100%; padding: 0 10mm; display: flex; justify-content: space-between;"><span>tidewatch report as of ${asOf}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    });
  } finally {
    await context.close();
  }
}
