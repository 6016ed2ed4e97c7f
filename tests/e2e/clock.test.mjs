// The portal is true on the day it is read, not only on the day it was built: a site built
// once (fixtures/clock/, at BUILT) is read in Chromium with the browser's clock set before
// and after the boundaries it knows of, and clock.js must show what holds then. Versions
// switch at midnight at the start of valid_from, Swedish time; notices move from upcoming
// to ongoing to the archive; the disturbance banner appears and disappears; a boundary that
// passes while the page is open is caught by the script's timer. Without JavaScript the
// page shows the build's state and says when it was built.
//
// Run: npm test (in tests/e2e). Set INFOPORTAL_BIN to use a built binary instead of cargo.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launch, open } from './lib/browser.mjs';
import { runAxe } from './lib/checks.mjs';
import { checkViolations, SECURITY_HEADERS } from './lib/csp.mjs';
import { serve } from './lib/server.mjs';
import { buildPortal, E2E_DIR, portalBaseUrl } from './lib/site.mjs';
import { runVnu } from './vnu.mjs';

const FIXTURE = path.join(E2E_DIR, 'fixtures', 'clock');
const BUILT = '2026-11-26T10:00:00+01:00';

let server;
let browser;
let tmp;
let site;
const sessions = [];

before(async () => {
  const basePath = new URL(portalBaseUrl(FIXTURE)).pathname;
  server = await serve({ basePath, headers: SECURITY_HEADERS });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'infoportal-e2e-clock-'));
  site = path.join(tmp, 'site');
  buildPortal({ root: FIXTURE, out: site, baseUrl: server.base, now: BUILT });
  server.setRoot(site);
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close();
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/**
 * Opens `rel` with the browser's clock at `time`: fixed (`fixed`, the default: Date.now()
 * says `time`, timers run as usual), or installed (`install`: time stands still until the
 * test moves it with page.clock.runFor, timers included).
 */
async function visit(rel, time, { mode = 'fixed', javaScriptEnabled = true } = {}) {
  const s = await open(browser, server.origin, { javaScriptEnabled });
  sessions.push(s);
  if (time && mode === 'fixed') await s.page.clock.setFixedTime(time);
  if (time && mode === 'install') await s.page.clock.install({ time });
  await s.page.goto(server.base + rel, { waitUntil: 'load' });
  return s;
}

/** The visible text of the first element matching `selector`, whitespace collapsed. */
async function shownText(page, selector) {
  const text = await page.locator(selector).first().innerText();
  return text.replace(/\s+/g, ' ').trim();
}

/** The visible texts of every element matching `selector`. */
async function allShown(page, selector) {
  return page.locator(selector).evaluateAll((els) =>
    els.filter((el) => el.checkVisibility()).map((el) => el.innerText.replace(/\s+/g, ' ').trim()),
  );
}

/** Opens the folded parts of a page (the revision history, the Handlingsförteckning). */
async function unfold(page) {
  await page.locator('details').evaluateAll((ds) => ds.forEach((d) => { d.open = true; }));
}

/** The status of a document or notice page, as shown. */
const status = (page) => allShown(page, '.document-meta dd .status, .notice-facts dd .status');

describe('versions switch at midnight of valid_from in the reader\'s browser', () => {
  test('the version in force announces the next until it applies, then says it is superseded and links it', async () => {
    const { page } = await visit('avtal/driftsavtal/', '2026-12-31T23:59:00+01:00');
    assert.deepEqual(await status(page), ['Gällande']);
    const banners = await allShown(page, '.banner');
    assert.deepEqual(banners, ['Ny version på väg. Version 1.1 gäller från 2027-01-01 – se ändringarna.']);
    assert.equal(await page.locator('.banner a', { hasText: 'se ändringarna' }).getAttribute('href'), `${new URL(server.base).pathname}avtal/driftsavtal/1.1/andringar/`);

    // Midnight in Stockholm is 23:00 UTC the day before.
    const next = await visit('avtal/driftsavtal/', '2026-12-31T23:00:00Z');
    assert.deepEqual(await status(next.page), ['Ersatt']);
    const after = await allShown(next.page, '.banner');
    assert.equal(after.length, 1, after.join('\n'));
    assert.match(after[0], /^Den här versionen är ersatt\. En senare version gäller och har företräde: Provavtal – Driftsavtal, version 1\.1\./);
    const link = next.page.locator('.banner-warning a');
    assert.ok(await link.isVisible());
    assert.equal(await link.getAttribute('href'), `${new URL(server.base).pathname}avtal/driftsavtal/1.1/`);
    // The revision history and the Handlingsförteckning agree (folded, as they are at
    // first, the summary says which version is in force; opened, the rows).
    assert.deepEqual(await allShown(next.page, '.history .summary-note'), ['2 versioner, version 1.1 gäller']);
    await unfold(next.page);
    assert.deepEqual(await allShown(next.page, '.history tbody th'), ['1.0 Ersatt', '1.1 Gällande']);
    // With the script, the statements are the reader's, so "Uppdaterad" is not shown.
    assert.deepEqual(await allShown(next.page, '.as-of'), []);
  });

  test('the upcoming version says so until it applies, then that it is in force', async () => {
    const before = await visit('avtal/driftsavtal/1.1/', '2026-12-31T22:59:59Z');
    assert.deepEqual(await status(before.page), ['Kommande']);
    assert.match((await allShown(before.page, '.banner')).join('\n'), /^Kommande version\. Den här versionen gäller från och med 2027-01-01\. Till dess gäller version 1\.0\.$/);
    const after = await visit('avtal/driftsavtal/1.1/', '2027-01-02T12:00:00+01:00');
    assert.deepEqual(await status(after.page), ['Gällande']);
    assert.deepEqual(await allShown(after.page, '.banner'), []);
  });

  test('a version valid from 1 July applies at midnight summer time, in lists too', async () => {
    const june = await visit('avtal/', '2027-06-30T21:59:59Z');
    const row = (page) => allShown(page, '.all-documents tbody tr');
    assert.deepEqual(await row(june.page), [
      'Definitioner 1.0 2021-07-01 Version 2.0 gäller från 2027-07-01',
      'Provavtal – Driftsavtal 1.1 2026-10-01 –',
    ]);
    assert.match((await allShown(june.page, '.hierarchy li')).join('\n'), /Definitioner version 1\.0, 2021-07-01/);
    const july = await visit('avtal/', '2027-06-30T22:00:00Z');
    assert.deepEqual(await row(july.page), [
      'Definitioner 2.0 2026-10-15 –',
      'Provavtal – Driftsavtal 1.1 2026-10-01 –',
    ]);
    assert.match((await allShown(july.page, '.hierarchy li')).join('\n'), /Definitioner version 2\.0, 2026-10-15/);
    // The agreement's own page lists its documents as of the reader's day too.
    const doc = await visit('avtal/driftsavtal/', '2027-07-01T08:00:00+02:00');
    await unfold(doc.page);
    assert.deepEqual(await allShown(doc.page, '.listed-documents li'), [
      'Provavtal – Driftsavtal (detta dokument) version 1.0, 2021-07-01',
      'Definitioner version 2.0, 2026-10-15',
    ]);
  });

  test('a boundary that passes while the page is open: one timer, and a polite announcement', async () => {
    const { page } = await visit('avtal/driftsavtal/', '2026-12-31T23:59:50+01:00', { mode: 'install' });
    assert.deepEqual(await status(page), ['Gällande']);
    const region = page.locator('[role="status"]');
    assert.equal(await region.count(), 1, 'one status region, there from the start');
    assert.equal(await region.textContent(), '', 'what the page says on load is not news');
    await page.clock.runFor(5000);
    assert.deepEqual(await status(page), ['Gällande'], 'not before midnight');
    await page.clock.runFor(6000);
    assert.deepEqual(await status(page), ['Ersatt']);
    assert.match(await region.textContent(), /uppdaterats/);
    assert.equal(await page.locator('[aria-live]').count(), 0, 'no aria-live region that reads load-time changes');
  });

  test('a clock before the build shows what held at the build, not nothing', async () => {
    const { page } = await visit('avtal/driftsavtal/', '2020-01-01T12:00:00+01:00');
    assert.deepEqual(await status(page), ['Gällande']);
    assert.deepEqual(await allShown(page, '.banner'), ['Ny version på väg. Version 1.1 gäller från 2027-01-01 – se ändringarna.']);
  });
});

describe('notices move with the reader\'s clock', () => {
  const title = 'Planerat underhåll söndag 17 januari 2027';
  const lists = async (page) => ({
    current: await allShown(page, '#drift-aktuella > li'),
    archive: await allShown(page, '#drift-arkivet > li'),
  });

  test('upcoming, then ongoing, then in the archive; the notice page agrees', async () => {
    const before = await visit('driftinformation/', '2027-01-17T05:59:59+01:00');
    let l = await lists(before.page);
    assert.equal(l.current.length, 1, l.current.join('\n'));
    assert.match(l.current[0], new RegExp(`^Kommande Planerat underhåll ${title}`));
    assert.ok(!l.archive.some((t) => t.includes(title)));

    const during = await visit('driftinformation/', '2027-01-17T06:00:00+01:00');
    l = await lists(during.page);
    assert.equal(l.current.length, 1, l.current.join('\n'));
    assert.match(l.current[0], new RegExp(`^Pågående Planerat underhåll ${title}`));
    const page = await visit('driftinformation/2027-01-17-underhall/', '2027-01-17T07:00:00+01:00');
    assert.deepEqual(await status(page.page), ['Pågående']);

    const done = await visit('driftinformation/', '2027-01-17T10:00:00+01:00');
    l = await lists(done.page);
    assert.deepEqual(l.current, []);
    assert.match(l.archive[0], new RegExp(`^2027-01-17 06:00 ${title}`), 'the newest first in the archive');
    assert.ok(await done.page.getByText('Det finns inga pågående störningar och inget planerat underhåll just nu.').isVisible());
    const ended = await visit('driftinformation/2027-01-17-underhall/', '2027-01-17T10:00:00+01:00');
    assert.deepEqual(await status(ended.page), ['Genomfört']);
  });

  test('the start page shows ongoing and upcoming notices, and drops its section when none is left', async () => {
    const before = await visit('', '2026-12-01T12:00:00+01:00');
    const items = await allShown(before.page, '#start-aktuella > li');
    assert.equal(items.length, 1, items.join('\n'));
    assert.match(items[0], /^Kommande/);
    const after = await visit('', '2027-01-17T10:00:00+01:00');
    assert.equal(await after.page.locator('.start-notices').isVisible(), false);
  });
});

describe('the disturbance banner on every page', () => {
  const banner = (page) => allShown(page, '.alerts p:not(.as-of)');

  test('shown while a disturbance is ongoing, gone when it has ended, back when the next begins', async () => {
    const now = await visit('avtal/', '2026-11-26T11:00:00+01:00');
    assert.deepEqual(await banner(now.page), ['Pågående störning: Långa svarstider i bastjänsten']);
    const later = await visit('avtal/', '2026-11-26T12:00:00+01:00');
    assert.equal(await later.page.locator('.alerts').isVisible(), false);
    const next = await visit('avtal/', '2026-11-27T08:30:00+01:00');
    assert.deepEqual(await banner(next.page), ['Pågående störning: Bastjänsten stängs under en felsökning']);
    const none = await visit('', '2026-11-27T09:00:00+01:00');
    assert.equal(await none.page.locator('.alerts').isVisible(), false);
  });

  test('it goes when the disturbance ends while the page is open', async () => {
    const { page } = await visit('', '2026-11-26T11:59:58+01:00', { mode: 'install' });
    assert.ok(await page.locator('.alerts').isVisible());
    await page.clock.runFor(3000);
    assert.equal(await page.locator('.alerts').isVisible(), false);
  });
});

describe('without JavaScript the page shows the build\'s state and says when that was', () => {
  test('every status says "Uppdaterad 2026-11-26 10:00"', async () => {
    const { page } = await visit('avtal/driftsavtal/', '2027-02-01T12:00:00+01:00', { javaScriptEnabled: false });
    assert.deepEqual(await status(page), ['Gällande']);
    const updated = await allShown(page, '.as-of');
    assert.ok(updated.length >= 3, updated.join('\n'));
    assert.ok(updated.every((t) => t === 'Uppdaterad 2026-11-26 10:00'), updated.join('\n'));
    assert.equal(await shownText(page, '.document-meta dd .as-of'), 'Uppdaterad 2026-11-26 10:00');
    const notices = await visit('driftinformation/', '2027-02-01T12:00:00+01:00', { javaScriptEnabled: false });
    assert.match(await shownText(notices.page, '.notices-current'), /^Pågående och kommande Uppdaterad 2026-11-26 10:00/);
    assert.match(await shownText(notices.page, '.alerts'), /Uppdaterad 2026-11-26 10:00/);
  });
});

describe('the switched pages stay valid, accessible and within the policy', () => {
  test('axe-core finds nothing on pages after their boundaries; no CSP violation', async () => {
    const visits = [
      await visit('avtal/driftsavtal/', '2027-01-02T12:00:00+01:00'),
      await visit('avtal/driftsavtal/1.0/', '2027-07-02T12:00:00+02:00'),
      await visit('avtal/', '2027-07-02T12:00:00+02:00'),
      await visit('driftinformation/', '2027-01-17T07:00:00+01:00'),
      await visit('', '2026-11-27T08:30:00+01:00'),
    ];
    for (const s of visits) {
      const axe = await runAxe(s.page);
      assert.ok(axe.ok, `${s.page.url()}\n${axe.report}`);
    }
    await visits[0].page.waitForTimeout(100);
    const csp = checkViolations(...visits.map((s) => s.csp));
    assert.ok(csp.ok, csp.report);
  });

  test('the Nu Html Checker finds no error in the built fixture', () => {
    const vnu = runVnu(site);
    assert.ok(vnu.ok, vnu.lines.join('\n'));
  });
});
