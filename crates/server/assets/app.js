// storyline web UI: a hash-routed single page over the JSON API, in plain JavaScript.
//
// Article text is untrusted. The DOM is built with createElement and text nodes only (never
// innerHTML), links go only to this app's own routes or to http(s) URLs, and the server's
// Content-Security-Policy forbids inline script, so a document containing markup shows it as
// text.
'use strict';

const app = document.getElementById('app');
const SVG_NS = 'http://www.w3.org/2000/svg';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const EVENTS_PAGE = 20;
const SEARCH_PAGE = 10;
const TIMELINE_SHOWN = 10;

// ---------------------------------------------------------------------------------------------
// DOM helpers

/// Only this app's routes, the API, and absolute http(s) URLs are ever made links.
function safeHref(href) {
  const s = String(href);
  if (s.startsWith('#/') || s.startsWith('/api/')) return s;
  if (/^https?:\/\//i.test(s)) return s;
  return '#/';
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c)); // strings become text nodes
  }
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'href') el.setAttribute('href', safeHref(v));
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  return el;
}

function h(tag, attrs, ...children) {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

function svg(tag, attrs, ...children) {
  return append(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : (many || one + 's')}`;
}

function badge(text, cls) {
  return h('span', { class: 'badge' + (cls ? ' ' + cls : '') }, text);
}

/// The first `keep` items as they are, the rest behind a "Show N more" disclosure, so long
/// lists don't bury the sections after them. `wrap` builds the list element around items.
function collapsible(items, keep, wrap, one, many) {
  if (items.length <= keep + 2) return wrap(items);
  const rest = items.length - keep;
  return [wrap(items.slice(0, keep)),
    h('details', { class: 'more' }, h('summary', null, `Show ${plural(rest, one, many)} more`), wrap(items.slice(keep)))];
}

// ---------------------------------------------------------------------------------------------
// Links and dates

const enc = encodeURIComponent;
const link = {
  events: (params) => '#/' + query(params),
  event: (id) => '#/events/' + enc(id),
  storyline: (id) => '#/storylines/' + enc(id),
  doc: (id, span) => '#/documents/' + enc(id) + (span ? `?start=${span.start}&end=${span.end}` : ''),
  search: (params) => '#/search' + query(params),
};

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/// `YYYY-MM-DD…` → [y, m, d]; the date as written, not shifted into the viewer's time zone.
function ymd(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s || '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function fmtDate(s) {
  const d = ymd(s);
  return d ? `${d[2]} ${MONTHS[d[1] - 1]} ${d[0]}` : (s || 'undated');
}

function fmtRange(first, last) {
  const a = ymd(first);
  const b = ymd(last);
  if (!a && !b) return 'undated';
  if (!a || !b) return fmtDate(first || last);
  if (a.join() === b.join()) return fmtDate(first);
  if (a[0] === b[0] && a[1] === b[1]) return `${a[2]}–${b[2]} ${MONTHS[b[1] - 1]} ${b[0]}`;
  if (a[0] === b[0]) return `${a[2]} ${MONTHS[a[1] - 1]} – ${b[2]} ${MONTHS[b[1] - 1]} ${b[0]}`;
  return `${fmtDate(first)} – ${fmtDate(last)}`;
}

/// Timeline values are TimeML: a full date reads as one; partial values are shown as they are.
function fmtTimeML(v) {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? fmtDate(v) : v.replace(/^XXXX-/, '');
}

// ---------------------------------------------------------------------------------------------
// Byte spans: the API's offsets are UTF-8 byte offsets, so text is sliced as bytes.

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/// A char boundary in UTF-8 is any byte that is not a continuation byte (10xxxxxx).
function isBoundary(bytes, i) {
  return i === 0 || i === bytes.length || (i > 0 && i < bytes.length && (bytes[i] & 0xc0) !== 0x80);
}

/// `text` as nodes, with each valid, non-overlapping span wrapped in a <mark>.
function highlighted(text, spans, markAttrs) {
  const bytes = utf8.encode(text);
  const nodes = [];
  let at = 0;
  const sorted = [...spans].sort((x, y) => x.start - y.start);
  for (const s of sorted) {
    if (s.start < at || s.end <= s.start || !isBoundary(bytes, s.start) || !isBoundary(bytes, s.end)) continue;
    if (s.start > at) nodes.push(fromUtf8.decode(bytes.subarray(at, s.start)));
    nodes.push(h('mark', markAttrs || null, fromUtf8.decode(bytes.subarray(s.start, s.end))));
    at = s.end;
  }
  if (at < bytes.length) nodes.push(fromUtf8.decode(bytes.subarray(at)));
  return nodes;
}

// ---------------------------------------------------------------------------------------------
// API

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch (_) {
    throw new ApiError(`${res.status} ${res.statusText}`, res.status);
  }
  if (!res.ok) throw new ApiError((body && body.error) || res.statusText, res.status);
  return body;
}

// ---------------------------------------------------------------------------------------------
// Pages. Each returns { title, nodes, after? }.

async function eventsPage(params) {
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const filters = { outlet: params.get('outlet'), storyline: params.get('storyline') };
  const [page, volume, storylines, health] = await Promise.all([
    api('/api/events' + query({ offset, limit: EVENTS_PAGE, ...filters })),
    api('/api/volume'),
    api('/api/storylines'),
    api('/api/health'),
  ]);
  const filtered = filters.outlet || filters.storyline;
  const nodes = [
    h('div', { class: 'page-head' },
      h('h1', null, 'Events'),
      h('p', { class: 'meta' },
        `${plural(health.events, 'event')} from ${plural(health.documents, 'document')}`,
        health.storylines ? ` · ${plural(health.storylines, 'storyline')}` : '')),
  ];
  if (!filtered && offset === 0 && volume.days.length) {
    nodes.push(h('section', { class: 'card chart-card' },
      h('h2', null, 'Story volume'),
      volumeChart(volume)));
  }
  if (filtered) {
    nodes.push(h('p', { class: 'filters' }, 'Showing events ',
      filters.outlet ? ['reported by ', h('strong', null, filters.outlet), ' '] : '',
      filters.storyline ? ['of storyline ', h('strong', null, filters.storyline), ' '] : '',
      h('a', { href: link.events() }, 'show all')));
  }
  const storylineTitles = new Map(storylines.storylines.map((s) => [s.id, s.title]));
  const list = h('ol', { class: 'event-list', id: 'event-list' });
  for (const e of page.events) list.append(eventItem(e, storylineTitles));
  nodes.push(h('section', null,
    filtered ? null : h('h2', { class: 'visually-hidden' }, 'Latest events'),
    page.events.length ? list : h('p', { class: 'empty' }, 'No events yet. Add documents with POST /api/documents or storyline ingest.'),
    pager(page.total, offset, EVENTS_PAGE, (o) => link.events({ ...filters, offset: o || null }), 'Newer', 'Older')));
  if (!filtered && storylines.storylines.length) {
    nodes.push(h('section', { class: 'storylines' },
      h('h2', null, 'Storylines'),
      h('ul', { class: 'plain-list' }, storylines.storylines.map((s) =>
        h('li', null,
          h('a', { href: link.storyline(s.id) }, s.title),
          h('span', { class: 'meta' }, ` · ${plural(s.events.length, 'event')} · ${fmtRange(s.first_published, s.last_published)}`))))));
  }
  return { title: 'Events', nodes };
}

function eventItem(e, storylineTitles) {
  return h('li', { class: 'event-item' },
    h('a', { class: 'event-title', href: link.event(e.id) }, e.title),
    e.lead ? h('p', { class: 'lead' }, e.lead) : null,
    h('p', { class: 'meta' },
      h('time', { datetime: e.first_published || null }, fmtRange(e.first_published, e.last_published)),
      ' ',
      badge(plural(e.outlets.length, 'outlet'), 'outlets'),
      ' ',
      badge(plural(e.documents, 'document')),
      e.storyline ? [' ', h('a', { class: 'storyline-tag', href: link.storyline(e.storyline), title: 'Storyline' },
        '↳ ' + (storylineTitles.get(e.storyline) || 'storyline'))] : null));
}

function pager(total, offset, size, href, prevLabel, nextLabel) {
  if (total <= size) return null;
  const from = offset + 1;
  const to = Math.min(total, offset + size);
  return h('nav', { class: 'pager' },
    offset > 0 ? h('a', { href: href(Math.max(0, offset - size)) }, '← ' + prevLabel) : h('span'),
    h('span', { class: 'meta' }, `${from}–${to} of ${total}`),
    to < total ? h('a', { href: href(offset + size) }, nextLabel + ' →') : h('span'));
}

/// Documents per day as bars, every day of the range shown (empty days too), with the busiest
/// day's count on the y axis and the first of each month (or the range's ends) on the x axis.
function volumeChart(volume) {
  const counts = new Map(volume.days.map((d) => [d.date, d.documents]));
  const first = ymd(volume.days[0].date);
  const last = ymd(volume.days[volume.days.length - 1].date);
  const start = Date.UTC(first[0], first[1] - 1, first[2]);
  const end = Date.UTC(last[0], last[1] - 1, last[2]);
  const DAY = 86400000;
  const days = [];
  for (let t = start; t <= end; t += DAY) {
    const iso = new Date(t).toISOString().slice(0, 10);
    days.push({ date: iso, n: counts.get(iso) || 0 });
  }
  const max = Math.max(...days.map((d) => d.n));
  const W = 720, H = 180, L = 34, R = 8, T = 12, B = 28;
  const slot = (W - L - R) / days.length;
  const bar = Math.max(1, Math.min(18, slot * 0.72));
  const y = (n) => T + (H - T - B) * (1 - n / max);
  const chart = svg('svg', {
    class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': `Documents per day, ${fmtDate(days[0].date)} to ${fmtDate(days[days.length - 1].date)}; busiest day ${max}`,
  });
  // Whole-number gridlines, at most five.
  const step = Math.max(1, Math.ceil(max / 4));
  for (let n = 0; n <= max; n += step) {
    chart.append(
      svg('line', { class: 'grid', x1: L, x2: W - R, y1: y(n), y2: y(n) }),
      svg('text', { class: 'axis', x: L - 6, y: y(n) + 4, 'text-anchor': 'end' }, String(n)));
  }
  days.forEach((d, i) => {
    const x = L + i * slot + (slot - bar) / 2;
    if (d.n > 0) {
      chart.append(svg('a', { href: link.search({ from: d.date, to: d.date }) },
        svg('rect', { class: 'bar', x, y: y(d.n), width: bar, height: H - B - y(d.n), rx: 1.5 },
          svg('title', null, `${fmtDate(d.date)}: ${plural(d.n, 'document')}`))));
    }
    const [yy, mm, dd] = ymd(d.date);
    const firstOfMonth = dd === 1;
    if (i === 0 || firstOfMonth) {
      const label = i === 0 && !firstOfMonth ? `${dd} ${MONTHS[mm - 1]} ${yy}` : `${MONTHS[mm - 1]} ${yy}`;
      // A label that would run off the right edge ends at its tick instead.
      const nearEnd = L + i * slot + label.length * 6.5 > W - R;
      chart.append(svg('text', { class: 'axis', x: L + i * slot, y: H - 8, 'text-anchor': nearEnd ? 'end' : 'start' }, label));
      if (i > 0) chart.append(svg('line', { class: 'tick', x1: L + i * slot, x2: L + i * slot, y1: H - B, y2: H - B + 5 }));
    }
  });
  chart.append(svg('line', { class: 'baseline', x1: L, x2: W - R, y1: H - B, y2: H - B }));
  const note = volume.undated ? h('p', { class: 'meta' }, `${plural(volume.undated, 'undated document')} not shown.`) : null;
  return [chart, note];
}

async function eventPage(id) {
  const { event: e, storyline, documents } = await api('/api/events/' + enc(id));
  const docs = new Map(documents.map((d) => [d.id, d]));
  const docLabel = (docId) => {
    const d = docs.get(docId);
    return d ? [d.outlet || 'unknown outlet', d.title].filter(Boolean).join(': ') : docId;
  };

  // Sources are numbered by document in order of first citation, like footnotes; each marker
  // links to the cited span itself.
  const numbers = new Map();
  const cite = (c) => {
    if (!numbers.has(c.doc)) numbers.set(c.doc, numbers.size + 1);
    return h('sup', { class: 'cite' }, h('a', { href: link.doc(c.doc, c), title: docLabel(c.doc) }, `[${numbers.get(c.doc)}]`));
  };

  const nodes = [
    h('nav', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'),
      storyline ? [' › ', h('a', { href: link.storyline(storyline.id) }, storyline.title)] : null),
    h('div', { class: 'page-head' },
      h('h1', null, e.title),
      h('p', { class: 'meta' },
        fmtRange(e.first_published, e.last_published), ' ',
        badge(plural(e.outlets.length, 'outlet'), 'outlets'), ' ',
        badge(plural(e.documents.length, 'document'))),
      h('p', { class: 'outlets' }, e.outlets.map((o) =>
        h('a', { class: 'chip', href: link.events({ outlet: o }) }, o)))),
  ];

  if (e.summary.length) {
    nodes.push(h('section', { class: 'card summary', id: 'summary' },
      h('h2', null, 'Summary'),
      h('p', null, e.summary.map((s) => [
        h('span', { class: 'sentence', title: 'Stated by ' + s.outlets.join(', ') }, s.text),
        s.citations.map(cite), ' ']))));
  }

  if (e.quotes.length) {
    nodes.push(h('section', { id: 'quotes' },
      h('h2', null, 'Quotes'),
      collapsible(e.quotes.map((q) => h('figure', { class: 'quote' },
        h('blockquote', null, '“' + q.text + '”'),
        h('figcaption', null,
          q.speaker ? h('span', { class: 'speaker' }, q.speaker)
            : h('span', { class: 'meta' }, 'Speaker not identified' + (q.credited ? ' (credited to “' + q.credited + '”)' : '')),
          h('span', { class: 'meta' }, ' · ', q.outlets.join(', ')),
          q.documents.length ? [' ', h('a', { class: 'source', href: link.doc(q.documents[0]) }, 'source')] : null))),
      6, (items) => h('div', { class: 'quotes' }, items), 'quote')));
  }

  if (e.exclusives.length) {
    const byOutlet = new Map();
    for (const x of e.exclusives) {
      if (!byOutlet.has(x.outlet)) byOutlet.set(x.outlet, []);
      byOutlet.get(x.outlet).push(x);
    }
    nodes.push(h('section', { id: 'exclusives' },
      h('h2', null, 'What each outlet says that others don’t'),
      [...byOutlet].map(([outlet, items]) => h('div', { class: 'exclusive' },
        h('h3', null, outlet),
        collapsible(items.map((x) => h('li', null, x.text, cite(x.citation))), 3, (li) => h('ul', null, li), 'statement')))));
  }

  if (e.timeline.length) {
    nodes.push(h('section', { id: 'timeline' },
      h('h2', null, 'Timeline'),
      collapsible(e.timeline.map((t, i) => h('li', null,
        // A date is written once for the statements under it.
        h('span', { class: 'when' }, i > 0 && i !== TIMELINE_SHOWN && e.timeline[i - 1].date === t.date ? '' : fmtTimeML(t.date)),
        h('span', { class: 'what' }, t.text, ' ',
          h('a', { class: 'source', href: link.doc(t.doc), title: docLabel(t.doc) }, (docs.get(t.doc) || {}).outlet || 'source')))),
      TIMELINE_SHOWN, (li) => h('ol', { class: 'timeline' }, li), 'entry', 'entries')));
  }

  if (e.entities.length) {
    const kinds = [['person', 'People'], ['organization', 'Organizations'], ['place', 'Places'], ['other', 'Other']];
    nodes.push(h('section', { id: 'entities' },
      h('h2', null, 'Who and where'),
      h('dl', { class: 'entities' }, kinds.map(([kind, label]) => {
        const items = e.entities.filter((x) => x.kind === kind);
        if (!items.length) return null;
        return [h('dt', null, label), h('dd', null, items.map((x) =>
          h('a', {
            class: 'chip', href: link.search({ entity: x.name }),
            title: x.aliases.length ? 'Also: ' + x.aliases.join(', ') : null,
          }, x.name, h('span', { class: 'count' }, String(x.mentions)))))];
      }))));
  }

  if (e.attributions.length) {
    nodes.push(h('section', { id: 'agencies' },
      h('h2', null, 'Wire agencies cited'),
      h('ul', { class: 'plain-list' }, e.attributions.map((a) => h('li', { class: 'agency' },
        h('strong', null, a.agency),
        h('span', { class: 'meta' }, ` · cited in ${plural(a.documents.length, 'document')}`),
        h('ul', { class: 'cited-in' }, a.documents.map((d) => h('li', null,
          h('span', { class: 'outlet' }, (docs.get(d) || {}).outlet || ''), ' ',
          h('a', { href: link.doc(d) }, (docs.get(d) || {}).title || d)))))))));
  }

  nodes.push(h('section', { id: 'documents' },
    h('h2', null, 'Coverage'),
    h('ul', { class: 'doc-list' }, documents.map((d) => h('li', null,
      h('span', { class: 'outlet' }, d.outlet || 'unknown outlet'),
      h('span', null, h('a', { href: link.doc(d.id) }, d.title || d.id),
        d.duplicate_of ? [' ', badge('copy of ' + ((docs.get(d.duplicate_of) || {}).outlet || d.duplicate_of), 'dup')] : null),
      h('span', { class: 'date' }, fmtDate(d.published)))))));

  if (numbers.size) {
    nodes.push(h('section', { id: 'sources', class: 'sources' },
      h('h2', null, 'Sources'),
      h('ol', null, [...numbers].map(([doc, n]) => h('li', { value: n },
        h('a', { href: link.doc(doc) }, docLabel(doc)))))));
  }
  return { title: e.title, nodes };
}

async function storylinePage(id) {
  const s = await api('/api/storylines/' + enc(id));
  return {
    title: s.title,
    nodes: [
      h('nav', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'), ' › Storyline'),
      h('div', { class: 'page-head' },
        h('h1', null, s.title),
        h('p', { class: 'meta' }, plural(s.events.length, 'event'),
          s.events.length ? ' · ' + fmtRange(s.events[0].first_published, s.events[s.events.length - 1].last_published) : '')),
      h('ol', { class: 'storyline-events' }, s.events.map((e) => h('li', null,
        h('span', { class: 'when' }, fmtRange(e.first_published, e.last_published)),
        h('div', null,
          h('a', { class: 'event-title', href: link.event(e.id) }, e.title),
          e.lead ? h('p', { class: 'lead' }, e.lead) : null,
          h('p', { class: 'meta' }, badge(plural(e.outlets.length, 'outlet'), 'outlets'), ' ',
            badge(plural(e.documents, 'document'))))))),
    ],
  };
}

async function documentPage(id, params) {
  const d = await api('/api/documents/' + enc(id));
  const bytes = utf8.encode(d.text);
  const start = Number(params.get('start'));
  const end = Number(params.get('end'));
  const asked = params.has('start') && params.has('end');
  const valid = asked && Number.isInteger(start) && Number.isInteger(end) && start < end &&
    end <= bytes.length && isBoundary(bytes, start) && isBoundary(bytes, end);
  const url = d.url && /^https?:\/\//i.test(d.url)
    ? h('a', { href: d.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, d.url)
    : (d.url ? h('span', { class: 'raw-url' }, d.url) : null);
  const nodes = [
    h('nav', { class: 'crumbs' }, h('a', { href: '#/' }, 'Events'),
      d.event ? [' › ', h('a', { href: link.event(d.event.id) }, d.event.title)] : null),
    h('div', { class: 'page-head' },
      h('h1', null, d.title || d.id),
      h('p', { class: 'meta' },
        h('strong', null, d.outlet || 'unknown outlet'), ' · ', fmtDate(d.published),
        d.author ? ' · ' + d.author : ''),
      url ? h('p', { class: 'meta url' }, url) : null,
      d.duplicate_of ? h('p', { class: 'note' }, 'A copy of ', h('a', { href: link.doc(d.duplicate_of) }, d.duplicate_of), '.') : null,
      asked && !valid ? h('p', { class: 'note warn' }, 'The cited span does not fall within this document’s text.') : null),
    h('article', { class: 'doc-text', id: 'doc-text' },
      valid ? highlighted(d.text, [{ start, end }], { id: 'cited' }) : d.text),
  ];
  return {
    title: d.title || d.id,
    nodes,
    after: () => {
      const mark = document.getElementById('cited');
      if (mark) mark.scrollIntoView({ block: 'center' });
    },
  };
}

async function searchPage(params) {
  const q = params.get('q') || '';
  const filters = { outlet: params.get('outlet'), entity: params.get('entity'), from: params.get('from'), to: params.get('to') };
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const state = { q, ...filters };
  const form = h('form', { class: 'search-form', role: 'search', onsubmit: (ev) => {
    ev.preventDefault();
    const data = new FormData(ev.target);
    location.hash = link.search({ ...filters, q: data.get('q') });
  } },
  h('input', { type: 'search', name: 'q', value: q, placeholder: 'Words, "a phrase", title:word, -word', 'aria-label': 'Search query' }),
  h('button', { type: 'submit' }, 'Search'));
  const chips = Object.entries(filters).filter(([, v]) => v).map(([k, v]) =>
    h('a', { class: 'chip active', href: link.search({ ...state, [k]: null }), title: 'Remove this filter' }, `${k}: ${v}`, h('span', { class: 'x' }, '×')));
  const nodes = [h('div', { class: 'page-head' }, h('h1', null, 'Search'), form,
    chips.length ? h('p', { class: 'filters' }, chips) : null)];
  if (!q && !Object.values(filters).some(Boolean)) {
    nodes.push(h('p', { class: 'empty' }, 'Search titles and article texts. All words must occur; use quotes for a phrase.'));
    return { title: 'Search', nodes, after: () => form.querySelector('input').focus() };
  }
  const r = await api('/api/search' + query({ ...state, limit: SEARCH_PAGE, offset: offset || null }));
  const results = h('div', { class: 'results', id: 'results' },
    h('p', { class: 'meta' }, `${plural(r.total_documents, 'document')} in ${plural(r.total_events, 'event')}`),
    r.events.length && offset === 0 ? h('section', null, h('h2', null, 'Events'),
      h('ol', { class: 'hits' }, r.events.map((e) => h('li', { class: 'hit' },
        h('a', { class: 'hit-title', href: link.event(e.id) }, e.title),
        h('p', { class: 'meta' }, fmtRange(e.first_published, e.last_published), ' · ',
          `${e.matched_documents} of ${plural(e.documents, 'document')} match`),
        snippet(e.snippet))))) : null,
    r.documents.length ? h('section', null, h('h2', null, 'Documents'),
      h('ol', { class: 'hits' }, r.documents.map((d) => h('li', { class: 'hit' },
        h('a', { class: 'hit-title', href: link.doc(d.id) }, d.title || d.id),
        h('p', { class: 'meta' }, d.outlet || 'unknown outlet', ' · ', fmtDate(d.published),
          d.event ? [' · ', h('a', { href: link.event(d.event) }, 'event')] : null),
        snippet(d.snippet)))),
      pager(r.total_documents, offset, SEARCH_PAGE, (o) => link.search({ ...state, offset: o || null }), 'Previous', 'Next'))
      : h('p', { class: 'empty' }, 'Nothing matches.'));
  const facet = (title, key, items) => items.length ? h('section', null, h('h2', null, title),
    h('ul', { class: 'facet' }, items.map((f) => h('li', null,
      h('a', { href: link.search({ ...state, [key]: f.name }), class: filters[key] === f.name ? 'active' : null }, f.name),
      h('span', { class: 'count' }, String(f.count)))))) : null;
  nodes.push(h('div', { class: 'search-layout' }, results,
    h('aside', { class: 'facets' }, facet('Outlets', 'outlet', r.facets.outlets), facet('Entities', 'entity', r.facets.entities))));
  return { title: q ? `${q} – search` : 'Search', nodes };
}

function snippet(s) {
  return s && s.text ? h('p', { class: 'snippet' }, highlighted(s.text, s.highlights)) : null;
}

// ---------------------------------------------------------------------------------------------
// Routing

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const qi = raw.indexOf('?');
  const path = qi < 0 ? raw : raw.slice(0, qi);
  const params = new URLSearchParams(qi < 0 ? '' : raw.slice(qi + 1));
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch (_) {
      return p; // a malformed escape is looked up as written, and simply not found
    }
  });
  return { parts, params };
}

function route() {
  const { parts, params } = parseHash();
  const [head, ...rest] = parts;
  // Ids may contain '/': take the rest of the path, encoded or not.
  const id = rest.join('/');
  if (!head) return eventsPage(params);
  if (head === 'events' && id) return eventPage(id);
  if (head === 'storylines' && id) return storylinePage(id);
  if (head === 'documents' && id) return documentPage(id, params);
  if (head === 'search') return searchPage(params);
  throw new ApiError('No such page.', 404);
}

let rendering = 0;

async function render() {
  const ticket = ++rendering;
  app.setAttribute('aria-busy', 'true');
  let page;
  try {
    page = await route();
  } catch (e) {
    page = {
      title: 'Not found',
      nodes: [h('div', { class: 'error', role: 'alert' },
        h('h1', null, e.status === 404 ? 'Not found' : 'Something went wrong'),
        h('p', null, e.message || String(e)),
        h('p', null, h('a', { href: '#/' }, 'Back to events')))],
    };
  }
  if (ticket !== rendering) return; // a newer navigation won
  app.replaceChildren(...page.nodes.flat(Infinity).filter(Boolean));
  app.removeAttribute('aria-busy');
  document.title = page.title ? `${page.title} · storyline` : 'storyline';
  const section = parseHash().parts[0] === 'search' ? '#/search' : '#/';
  for (const a of document.querySelectorAll('header nav a')) {
    a.classList.toggle('current', a.getAttribute('href') === section);
  }
  if (page.after) page.after();
  else window.scrollTo(0, 0);
}

document.getElementById('quick-search').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const input = ev.target.elements.q;
  location.hash = link.search({ q: input.value });
  input.value = '';
  input.blur();
});
window.addEventListener('hashchange', render);
render();
