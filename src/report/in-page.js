// Runs inside the dashboard page that `tidewatch report` opened (/?asOf=D&print=1, every panel
// ready) and turns it into one self-contained document: each chart becomes a PNG <img> with a
// data: URL, each control the state it shows as text, the stylesheets one inline <style>, and
// scripts, hidden elements and links to the server are dropped. It reads only what every panel
// shares (canvases, <details>, form controls, links), never one panel's own markup.
// Plain JavaScript read as text and evaluated in the page (src/report/capture.ts): a compiled
// function would carry the compiler's helpers, which do not exist in the page.
// biome-ignore lint/correctness/noUnusedVariables: called by the expression capture.ts evaluates
async function tidewatchSnapshot() {
  const problems = [];
  const paint = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

  // A report shows everything: folded sections open (charts inside them size themselves on open).
  for (const d of document.querySelectorAll('details')) d.open = true;
  await paint();

  // Charts: the chart library draws one chart as several stacked canvases (panes, axes, the
  // crosshair layer) inside one root element; they are composited into one image at the
  // device pixel ratio, placed where the browser laid each canvas out.
  const roots = new Set();
  for (const c of document.querySelectorAll('canvas')) roots.add(c.closest('.tv-lightweight-charts') ?? c);
  let charts = 0;
  const ratio = window.devicePixelRatio || 1;
  for (const root of roots) {
    const box = root.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) {
      root.remove();
      continue;
    }
    const out = document.createElement('canvas');
    out.width = Math.round(box.width * ratio);
    out.height = Math.round(box.height * ratio);
    const ctx = out.getContext('2d');
    const layers = root instanceof HTMLCanvasElement ? [root] : [...root.querySelectorAll('canvas')];
    for (const c of layers) {
      const r = c.getBoundingClientRect();
      if (r.width < 1 || r.height < 1 || c.width === 0 || c.height === 0) continue;
      ctx.drawImage(
        c,
        (r.left - box.left) * ratio,
        (r.top - box.top) * ratio,
        r.width * ratio,
        r.height * ratio,
      );
    }
    const img = document.createElement('img');
    img.className = 'chart-image';
    img.src = out.toDataURL('image/png');
    img.width = Math.round(box.width);
    img.height = Math.round(box.height);
    const holder = root.parentElement;
    const caption = holder?.closest('figure')?.querySelector('figcaption')?.textContent;
    img.alt = `chart: ${caption || holder?.id || 'chart'}`;
    root.replaceWith(img);
    // The chart's container keeps a fixed screen height; the image brings its own.
    if (holder && holder.children.length === 1) holder.style.height = 'auto';
    charts++;
  }

  // Controls show their state as text: the chosen option, the pressed button, the entered value.
  const asText = (el, text) => {
    const span = document.createElement('span');
    span.className = 'control-state';
    span.textContent = text;
    el.replaceWith(span);
  };
  for (const s of document.querySelectorAll('select')) asText(s, s.selectedOptions[0]?.textContent ?? '');
  for (const b of document.querySelectorAll('button')) {
    if (b.getAttribute('aria-pressed') === 'true') asText(b, b.textContent ?? '');
    else b.remove();
  }
  for (const i of document.querySelectorAll('input, textarea')) {
    if (i.type === 'hidden' || i.type === 'checkbox' || i.type === 'radio') i.remove();
    else asText(i, i.value);
  }

  // What the page does not show (the header and picker of the live dashboard) is not in the file.
  for (const el of [...document.body.querySelectorAll('*')]) {
    if (el.isConnected && getComputedStyle(el).display === 'none') el.remove();
  }

  // Links: jumps inside the report stay; a link to the server would go nowhere offline and a link
  // elsewhere is kept as its text, with the address as a tooltip.
  for (const a of document.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    if (href.startsWith('#')) continue;
    const span = document.createElement('span');
    span.append(...a.childNodes);
    const url = new URL(href, location.href);
    if (url.origin !== location.origin && /^https?:$/.test(url.protocol)) span.title = url.href;
    a.replaceWith(span);
  }

  // Stylesheets inline (all served by this origin, so their rules are readable), scripts out.
  const css = [];
  for (const sheet of document.styleSheets) {
    try {
      css.push([...sheet.cssRules].map((r) => r.cssText).join('\n'));
    } catch (e) {
      problems.push(`stylesheet ${sheet.href ?? '(inline)'} could not be read: ${e}`);
    }
  }
  for (const el of document.querySelectorAll(
    'script, noscript, style, link[rel~="stylesheet"], link[rel="modulepreload"], link[rel="preload"]',
  ))
    el.remove();
  const style = document.createElement('style');
  style.textContent = css.join('\n');
  document.head.append(style);

  return { html: `<!doctype html>\n${document.documentElement.outerHTML}\n`, charts, problems };
}
