/**
 * References in an HTML document to anything outside it: `src`, `href`, `srcset`, `poster`,
 * `data` and `action` attributes and CSS `url(…)` / `@import` that are neither a `data:` URL nor a
 * jump inside the page (`#…`). A self-contained report has none; each one found is returned as
 * written, for the error that refuses the file.
 */
export function externalReferences(html: string): string[] {
  const found: string[] = [];
  const attr = /\s(?:src|href|srcset|poster|data|action)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
  for (const m of html.matchAll(attr)) {
    const value = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (!value.startsWith('data:') && !value.startsWith('#')) found.push(m[0].trim());
  }
  const css = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\)|@import\s+["']([^"']+)["']/gi;
  for (const m of html.matchAll(css)) {
    const value = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
    if (m[4] !== undefined || (!value.startsWith('data:') && !value.startsWith('#'))) found.push(m[0]);
  }
  return found;
}
