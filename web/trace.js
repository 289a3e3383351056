import { createApi, formatValue, h } from './lib.js';

// The trace drawer: a figure that carries a trace reference (src/views/model.ts TraceRef) is drawn
// by view.js as a link to `#trace=WHAT&date=D`; this module opens a dialog on that hash, asks
// `/api/trace` for it as of the page's day and shows what the figure was read from — the
// observations used with their known_from, the ingest run, the source URL or file, the archived
// bytes' sha256 and path. The hash makes a trace a link a person can share (`?asOf=D#trace=…`).
// Everything from the answer is put on the page as text (h() never parses HTML).

/** The hash that opens the trace of `ref` ({ what, date }). */
export function traceHash(ref) {
  return `#${new URLSearchParams({ trace: ref.what, date: ref.date })}`;
}

/** The reference in a location hash, or null when the hash names no trace. */
function refOfHash(hash) {
  if (!hash.startsWith('#trace=')) return null;
  const q = new URLSearchParams(hash.slice(1));
  const what = q.get('trace');
  const date = q.get('date');
  return what && date ? { what, date } : null;
}

const ARCHIVE_TEXT = {
  present: 'archived copy present (same sha256)',
  changed: 'archived copy CHANGED since it was read',
  missing: 'archived copy missing',
  'not-archived': 'no archived copy kept',
};

function valueText(v, unit) {
  if (unit === 'usd') return formatValue(v, 'usd');
  if (unit === 'bp') return formatValue(v, 'bp');
  if (unit === 'percent') return formatValue(v, 'percent', { digits: 2 });
  return `${formatValue(v, 'number')}${unit ? ` ${unit}` : ''}`;
}

/** A term and its description (the drawer's facts are a definition list). */
function facts(pairs) {
  return h(
    'dl',
    { class: 'trace-facts' },
    pairs
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );
}

function bytesBlock(bytes) {
  if (!bytes.length)
    return h('p', { class: 'sub', 'data-bytes': '0' }, 'No bytes recorded for this figure by the as-of day.');
  return h(
    'ul',
    { class: 'trace-bytes' },
    bytes.map((b) =>
      h(
        'li',
        { 'data-sha256': b.sha256, 'data-archive': b.archive },
        facts([
          [
            b.originKind === 'url' ? 'URL' : b.originKind === 'replay' ? 'URL (replayed recording)' : 'file',
            h('code', {}, b.origin),
          ],
          ['sha256', h('code', { class: 'sha' }, b.sha256)],
          ['archived at', b.archivePath ? h('code', {}, b.archivePath) : '—'],
          [
            'archive',
            h(
              'span',
              { class: b.archive === 'present' ? 'tone-good' : 'tone-warn' },
              ARCHIVE_TEXT[b.archive] ?? b.archive,
            ),
          ],
          ['size', `${formatValue(b.bytes, 'count')} bytes`],
          ['read', `${b.readAt}${b.runId !== null ? ` by run ${b.runId}` : ''} (${b.source})`],
        ]),
      ),
    ),
  );
}

function seriesBlock(t) {
  const vintages =
    t.vintages.length > 1
      ? h(
          'ol',
          { class: 'trace-vintages' },
          t.vintages.map((v) =>
            h(
              'li',
              {},
              `${valueText(v.value, t.unit)} known from ${v.knownFrom}${v.runId !== null ? ` (run ${v.runId})` : ''}`,
            ),
          ),
        )
      : null;
  return h(
    'section',
    { class: 'trace-series', 'data-series': t.series, 'data-known-from': t.knownFrom },
    h('h4', {}, `${t.series}${t.title ? ` — ${t.title}` : ''}`),
    facts([
      ['observation', `${t.date}: ${valueText(t.value, t.unit)}`],
      ['known from', t.knownFrom],
      [
        'ingest run',
        t.run ? `${t.run.id} (${t.run.source}, ${t.run.startedAt}, ${t.run.status})` : 'not recorded',
      ],
    ]),
    vintages ? h('p', { class: 'sub' }, 'Every vintage public by the as-of day (the last is used):') : null,
    vintages,
    bytesBlock(t.bytes),
    t.note ? h('p', { class: 'sub' }, t.note) : null,
  );
}

function body(r) {
  const t = r.trace;
  if (t.kind === 'series') return [seriesBlock(t)];
  if (t.kind === 'indicator')
    return [
      facts([
        ['value', `${valueText(t.value, t.unit)}${t.stale ? ' (stale)' : ''}`],
        ['formula', t.formula],
      ]),
      ...t.inputs.map((i) =>
        h(
          'section',
          { class: 'trace-input' },
          h('h4', {}, `${i.role}: ${valueText(i.value, i.unit)}`),
          i.note ? h('p', { class: 'sub' }, i.note) : null,
          i.trace
            ? seriesBlock(i.trace)
            : h('p', { class: 'sub' }, 'no stored observation behind this input'),
        ),
      ),
    ];
  if (t.kind === 'price')
    return [
      h(
        'section',
        { class: 'trace-series', 'data-known-from': t.date },
        facts([
          ['close', `${t.date}: ${formatValue(t.adjClose, 'price')} adjusted`],
          ['known from', `${t.date} (a close is public on its own day)`],
          ['source', t.source],
          ['re-based', t.factor !== 1 ? `× ${t.factor}` : 'no'],
          [
            'bar as stored',
            `close ${formatValue(t.bar.close, 'price')}, adjusted ${formatValue(t.bar.adjClose, 'price')} (${t.bar.closeBasis})`,
          ],
        ]),
        bytesBlock(t.bytes),
      ),
    ];
  return [
    facts([
      ['filer', `${t.filer ?? '—'} (CIK ${t.cik})`],
      ['position', `${t.issuer} ${t.cusip}${t.putCall ? ` ${t.putCall}` : ''}, quarter ${t.period}`],
      ['shares', formatValue(t.shares, 'count')],
      ['value', formatValue(t.valueUsd, 'usd')],
    ]),
    ...t.filings.map((f) =>
      h(
        'section',
        { class: 'trace-series', 'data-known-from': f.knownFrom },
        h('h4', {}, `${f.form} ${f.accession}`),
        facts([
          ['filed', f.filed ?? '—'],
          ['known from', f.knownFrom],
          ['role', f.action],
          [
            'rows',
            f.rows
              .map(
                (x) =>
                  `line ${x.line}: reported ${x.valueReported} → ${formatValue(x.valueUsd, 'usd')}, ${formatValue(x.shares, 'count')} shares`,
              )
              .join('; '),
          ],
        ]),
        bytesBlock(f.bytes),
      ),
    ),
  ];
}

/**
 * Wire the drawer into the page: `asOf()` gives the page's as-of day. Opens on a `#trace=` hash
 * (a click on a traced figure, a shared link, the back button) and clears the hash on close.
 */
export function initTraceDrawer(asOf) {
  const title = h('h3', { id: 'trace-title' }, 'Trace');
  const content = h('div', { class: 'trace-body', 'aria-live': 'polite' });
  const close = h('button', { type: 'button', class: 'trace-close', 'aria-label': 'Close the trace' }, '×');
  const dialog = h(
    'dialog',
    { id: 'trace-drawer', class: 'trace-drawer', 'aria-labelledby': 'trace-title' },
    h('div', { class: 'trace-head' }, title, close),
    content,
  );
  document.body.append(dialog);
  let opener = null;
  let asked = 0;

  async function open(ref) {
    const day = asOf() || new Date().toISOString().slice(0, 10);
    const n = ++asked;
    title.textContent = `Trace: ${ref.what} on ${ref.date}, as known on ${day}`;
    dialog.dataset.state = 'loading';
    content.replaceChildren(h('p', { class: 'sub' }, 'reading the trace…'));
    if (!dialog.open) {
      opener = document.activeElement;
      dialog.showModal();
    }
    try {
      const r = await createApi(day).get('/api/trace', { what: ref.what, date: ref.date, asOf: day });
      if (n !== asked) return;
      content.replaceChildren(
        h(
          'p',
          { class: 'sub' },
          'What this figure was read from, as the store knew it on the as-of day. Link to share: ',
          h('a', { href: location.href }, 'this trace'),
        ),
        ...body(r),
      );
      dialog.dataset.state = 'ready';
    } catch (e) {
      if (n !== asked) return;
      content.replaceChildren(h('p', { class: 'error' }, `trace unavailable: ${e.message}`));
      dialog.dataset.state = 'error';
    }
  }

  function sync() {
    const ref = refOfHash(location.hash);
    if (ref) open(ref);
    else if (dialog.open) dialog.close();
  }

  close.addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the drawer's box) closes it too.
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) {
      const r = dialog.getBoundingClientRect();
      if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom)
        dialog.close();
    }
  });
  dialog.addEventListener('close', () => {
    asked++;
    delete dialog.dataset.state;
    if (refOfHash(location.hash)) history.replaceState(null, '', location.pathname + location.search);
    if (opener?.isConnected) opener.focus();
    opener = null;
  });
  window.addEventListener('hashchange', sync);
  sync();
}
