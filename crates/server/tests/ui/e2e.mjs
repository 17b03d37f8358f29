// End-to-end test of the storyline web UI in headless Chromium.
//
//   node e2e.mjs <base-url> [screenshot-dir]
//
// Run by crates/server/tests/ui.rs against a server over examples/corpus. Walks the UI as a
// reader would: the events list, an event, a citation to its highlighted source sentence,
// a search; then stores a hostile document through the API and checks it renders as inert
// text. Exits non-zero on the first failed check. Screenshots are written only when a
// directory is given.

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, shotDir] = process.argv.slice(2);
if (!base) {
  console.error('usage: node e2e.mjs <base-url> [screenshot-dir]');
  process.exit(2);
}

const HOSTILE = {
  id: 'hostile/xss-probe.txt',
  title: 'Probe <script>window.__pwned=1</script> headline',
  outlet: 'Probe <b>Gazette</b>',
  published: '2026-06-20',
  url: 'javascript:window.__pwned=1',
  text: 'Testers filed this probe on Saturday to check the archive viewer.\n\n' +
    'It embeds markup: <script>window.__pwned=1</script> and ' +
    '<img src=x onerror="window.__pwned=1"> and <a href="javascript:window.__pwned=1">a link</a>.\n\n' +
    'A reader should see every character of that markup as plain text.',
};

let step = 0;
function ok(what) {
  step += 1;
  console.log(`ok ${step} - ${what}`);
}
function check(cond, what, detail) {
  if (!cond) throw new Error(`${what}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`);
  ok(what);
}

async function getJson(path) {
  const res = await fetch(base + path);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/// The UTF-8 byte span [start, end) of `text`, as the API defines citation offsets.
function byteSlice(text, start, end) {
  return Buffer.from(text, 'utf8').subarray(start, end).toString('utf8');
}

const browser = await chromium.launch({
  timeout: 60000,
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const problems = [];
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 860 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(15000);
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog opened: ${d.message()}`); d.dismiss(); });
  if (shotDir) mkdirSync(shotDir, { recursive: true });
  const shot = async (name, fullPage) => {
    if (shotDir) await page.screenshot({ path: join(shotDir, `${name}.png`), fullPage });
  };

  // The events list, newest first.
  await page.goto(base + '/');
  await page.locator('#event-list > li').first().waitFor();
  const items = page.locator('#event-list > li');
  check(await items.count() === 6, 'events list shows the 6 events of the corpus', await items.count());
  const api = await getJson('/api/events');
  const titles = await page.locator('#event-list .event-title').allTextContents();
  check(JSON.stringify(titles) === JSON.stringify(api.events.map((e) => e.title)),
    'events are listed in the API order, newest first', titles);
  check(await page.locator('svg.chart rect.bar').count() > 0, 'volume chart has bars');
  await shot('events', true);

  // An event page.
  await page.getByRole('link', { name: /Floods and landslide/ }).click();
  await page.locator('#summary').waitFor();
  const eventId = decodeURIComponent(new URL(page.url()).hash.replace(/^#\/events\//, ''));
  const detail = await getJson('/api/events/' + encodeURIComponent(eventId));
  check(/flood/i.test(detail.event.title), 'opened the flood event', detail.event.title);
  check(await page.locator('h1').textContent() === detail.event.title, 'event page shows its title');
  for (const section of ['#quotes', '#timeline', '#entities', '#agencies', '#documents']) {
    check(await page.locator(section).count() === 1, `event page has ${section}`);
  }
  await shot('event', false);

  // Follow the first citation to its source sentence.
  const citation = detail.event.summary[0].citations[0];
  const source = await getJson('/api/documents/' + encodeURIComponent(citation.doc));
  const cited = byteSlice(source.text, citation.start, citation.end);
  check(cited === detail.event.summary[0].text, 'first citation spans the summary sentence in its source', cited);
  await page.locator('#summary sup.cite a').first().click();
  const mark = page.locator('mark#cited');
  await mark.waitFor();
  check(await mark.textContent() === cited, 'document page highlights exactly the cited sentence',
    await mark.textContent());
  check(await mark.isVisible() && await mark.evaluate((m) => {
    const r = m.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }), 'the highlighted sentence is scrolled into view');
  check(await page.locator('#doc-text').textContent() === source.text, 'document page shows the full extracted text');
  await shot('document', false);

  // Search from the header.
  await page.locator('#quick-search input').fill('landslide');
  await page.locator('#quick-search input').press('Enter');
  await page.locator('#results .hit').first().waitFor();
  const marks = await page.locator('#results .snippet mark').allTextContents();
  check(marks.length > 0 && marks.every((m) => /landslide/i.test(m)), 'search results highlight the query term', marks);
  check(await page.locator('.facets .facet li').count() > 0, 'search shows facets');
  await shot('search', false);

  // A storyline page.
  const storylines = await getJson('/api/storylines');
  if (storylines.storylines.length) {
    await page.goto(base + '/#/storylines/' + encodeURIComponent(storylines.storylines[0].id));
    await page.locator('.storyline-events li').first().waitFor();
    check(await page.locator('.storyline-events li').count() === storylines.storylines[0].events.length,
      'storyline page lists its events');
    await shot('storyline', false);
  }

  // A hostile document, stored through the API, is shown as text and runs nothing.
  const posted = await fetch(base + '/api/documents', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(HOSTILE),
  });
  const ingested = await posted.json();
  check(posted.status === 201 && ingested.added.length === 1, 'hostile document is ingested', ingested);
  await page.goto(base + '/#/documents/' + encodeURIComponent(ingested.added[0]));
  await page.locator('#doc-text').waitFor();
  const shown = await page.locator('#doc-text').textContent();
  check(shown.includes('<script>window.__pwned=1</script>') && shown.includes('onerror="window.__pwned=1"'),
    'markup in the article text is shown literally', shown);
  check((await page.locator('h1').textContent()).includes('<script>'), 'markup in the title is shown literally');
  check(await page.locator('#app script, #app img, #doc-text a, #app [onerror]').count() === 0,
    'no element was created from document content');
  check(await page.locator('a[href^="javascript:" i]').count() === 0, 'the javascript: URL is not a link');
  check(await page.locator('.raw-url').textContent() === HOSTILE.url, 'the javascript: URL is shown as text');
  await page.goto(base + '/#/search?q=pwned');
  await page.locator('#results .hit').first().waitFor();
  await page.goto(base + '/#/');
  await page.locator('#event-list > li').first().waitFor();
  check(await page.locator('#event-list > li').count() === 7, 'the new document shows up as a new event');
  check(await page.evaluate(() => window.__pwned) === undefined, 'no script from the document ran');

  check(problems.length === 0, 'no console errors, page errors or dialogs', problems);
} catch (e) {
  failed = true;
  console.error(`not ok - ${e.message}`);
  if (problems.length) console.error(problems.join('\n'));
} finally {
  await browser.close();
}
console.log(`${step} passed, ${failed ? 1 : 0} failed`);
process.exit(failed ? 1 : 0);
