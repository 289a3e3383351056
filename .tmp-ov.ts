import { startServer } from './src/cli/commands/serve.js';
import { openStore } from './src/store/store.js';
import { launchChromium } from './test/browser.js';
const store = await openStore('/tmp/vmk.duckdb');
const server = await startServer(store, { host: '127.0.0.1', port: 0 });
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
await page.goto(`${server.url}?asOf=2026-02-28`);
await page.waitForSelector('body[data-ready="1"]', { timeout: 300_000 });
const wide = await page.evaluate(() => {
  const W = window.innerWidth;
  const out: string[] = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > W + 1) {
      const p = el.parentElement; const pr = p?.getBoundingClientRect();
      if (pr && pr.right <= W + 1 && !el.closest("nav")) out.push(`${el.tagName}#${el.id}.${el.className} right=${Math.round(r.right)} in ${p!.tagName}#${p!.id}.${p!.className} panel=${el.closest('section')?.id}`);
    }
  }
  return out;
});
console.log(wide.slice(0, 30).join("\n")); console.log("overflow", await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth));
await browser.close(); server.close(); await store.close();
