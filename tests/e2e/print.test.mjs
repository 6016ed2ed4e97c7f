// Printing an agreement (issue 13, point 7): what a municipality files or signs against.
// The example portal is built while a disturbance is ongoing (so its banner is on every
// page) and read in Chromium with print media emulated: the search form, the navigation,
// the skip link, the breadcrumbs and the banner are gone; every sheet carries the
// document's title, version, validity, permanent address and the date of printing (CSS
// margin boxes fed from data-print-* on <html>, once more in .print-head at the top);
// headings keep with their text; links read as text, web addresses written out. Then the
// page is printed to PDF, and where pdftotext (poppler-utils) is installed every sheet's
// text is read back.
//
// Run: npm test (in tests/e2e). Set INFOPORTAL_BIN to use a built binary instead of cargo.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launch, open } from './lib/browser.mjs';
import { checkViolations, SECURITY_HEADERS } from './lib/csp.mjs';
import { serve } from './lib/server.mjs';
import { buildPortal, portalBaseUrl } from './lib/site.mjs';

/** During the disturbance of 2026-09-08 (07:50–09:35), so the banner is shown. */
const BUILT = '2026-09-08T08:30:00+02:00';
const AGREEMENT = 'avtal/driftsavtal/';
const TITLE = 'SSBTEK – Driftsavtal, version 1.1';
const VALIDITY = 'gäller från 2024-03-01';

/** What is for finding one's way on screen, and must not be printed. */
const SCREEN_ONLY = {
  'search form': '.header-search',
  'main navigation': '.main-nav',
  'skip link': '.skip-link',
  'breadcrumbs': '.breadcrumbs',
  'disturbance banner': '.alerts',
};

let server;
let browser;
let tmp;
const sessions = [];

before(async () => {
  const basePath = new URL(portalBaseUrl()).pathname;
  server = await serve({ basePath, headers: SECURITY_HEADERS });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'infoportal-e2e-print-'));
  const site = path.join(tmp, 'site');
  buildPortal({ out: site, baseUrl: server.base, now: BUILT });
  server.setRoot(site);
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close();
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Opens `rel` with the browser's clock at the build's time. */
async function visit(rel, { javaScriptEnabled = true } = {}) {
  const s = await open(browser, server.origin, { javaScriptEnabled, time: BUILT });
  sessions.push(s);
  await s.page.goto(server.base + rel, { waitUntil: 'load' });
  return s;
}

/** Whether the first element matching `selector` takes up room on the page. */
const shown = (page, selector) => page.locator(selector).first().evaluate((el) => el.checkVisibility());

/** The custom property `name` of <html>, as the margin boxes read it. */
const rootProperty = (page, name) =>
  page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);

/** `text` without the quotes of a CSS string. */
const unquoted = (text) => text.replace(/^(["'])(.*)\1$/s, '$2');

describe('an agreement in print', () => {
  let page;
  let s;

  before(async () => {
    s = await visit(AGREEMENT);
    page = s.page;
  });

  test('on screen it has search, navigation, a skip link and the banner, and no print block', async () => {
    for (const [what, selector] of Object.entries(SCREEN_ONLY)) {
      assert.equal(await page.locator(selector).count(), 1, `${what} (${selector}) is on the page`);
    }
    assert.ok(await shown(page, '.alerts'), 'the disturbance banner is shown at the build\'s time');
    assert.ok(await shown(page, '.main-nav'), 'the navigation is shown');
    assert.equal(await shown(page, '.print-head'), false, 'the print block is not shown on screen');
  });

  test('in print they are gone', async () => {
    await page.emulateMedia({ media: 'print' });
    for (const [what, selector] of Object.entries(SCREEN_ONLY)) {
      assert.equal(await shown(page, selector), false, `${what} (${selector}) is not printed`);
    }
    assert.equal(await shown(page, 'form[role="search"]'), false, 'no search form is printed');
  });

  test('every sheet says what it is, which version, when it applies and where it stays', async () => {
    await page.emulateMedia({ media: 'print' });
    // The margin boxes of every sheet read these.
    assert.equal(unquoted(await rootProperty(page, '--print-title')), TITLE);
    assert.equal(unquoted(await rootProperty(page, '--print-validity')), VALIDITY);
    assert.equal(unquoted(await rootProperty(page, '--print-url')), `${server.base}${AGREEMENT}1.1/`);
    // The date of printing, from the reader's clock (print.js).
    assert.equal(unquoted(await rootProperty(page, '--print-date')), 'Utskriven 2026-09-08');
    // Once at the top too, for browsers without margin boxes.
    assert.ok(await shown(page, '.print-head'), 'the print block is printed');
    const head = (await page.locator('.print-head').innerText()).replace(/\s+/g, ' ');
    assert.match(head, new RegExp(`${TITLE}, ${VALIDITY}`));
    assert.match(head, new RegExp(`Permanent adress: ${server.base}${AGREEMENT}1\\.1/`));
    assert.match(head, /Utskriven 2026-09-08/);
  });

  test('headings keep with their text', async () => {
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.locator('main h2, main h3').evaluateAll((hs) =>
      hs.map((h) => getComputedStyle(h).breakAfter),
    );
    assert.ok(breaks.length > 10, `the agreement has headings: ${breaks.length}`);
    assert.deepEqual([...new Set(breaks)], ['avoid']);
  });

  test('term and section links read as text', async () => {
    await page.emulateMedia({ media: 'print' });
    const looks = await page.locator('main a.term, main a.section-ref, main a.doc-ref').evaluateAll((links) =>
      links.map((a) => {
        const style = getComputedStyle(a);
        const text = getComputedStyle(a.closest('p, li, td') ?? a.parentElement);
        return {
          line: style.textDecorationLine,
          sameColour: style.color === text.color,
          after: getComputedStyle(a, '::after').content,
        };
      }),
    );
    assert.ok(looks.length > 20, `the agreement links terms and sections: ${looks.length}`);
    for (const look of looks) {
      assert.deepEqual(look, { line: 'none', sameColour: true, after: 'none' });
    }
  });

  test('the page is printed without a Content-Security-Policy violation', async () => {
    await page.waitForTimeout(100);
    const csp = checkViolations(s.csp);
    assert.ok(csp.ok, csp.report);
  });
});

describe('a web address in print', () => {
  test('is written out after its link', async () => {
    const { page } = await visit('tillganglighetsredogorelse/');
    await page.emulateMedia({ media: 'print' });
    const after = await page
      .locator('main a[href="https://www.digg.se/tdosanmalan"]')
      .evaluate((a) => getComputedStyle(a, '::after').content);
    assert.equal(after, '" (https://www.digg.se/tdosanmalan)"');
  });
});

describe('without JavaScript', () => {
  test('the top of the first sheet says when the site was built', async () => {
    const { page } = await visit(AGREEMENT, { javaScriptEnabled: false });
    await page.emulateMedia({ media: 'print' });
    assert.equal(unquoted(await rootProperty(page, '--print-date')), '');
    assert.match(await page.locator('.print-head').innerText(), /Uppdaterad 2026-09-08 08:30/);
  });
});

describe('the PDF', () => {
  let pdf;

  before(async () => {
    const { page } = await visit(AGREEMENT);
    pdf = await page.pdf({ preferCSSPageSize: true });
  });

  test('is A4 and has several sheets', () => {
    const sheets = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    assert.ok(sheets.length > 3, `${sheets.length} sheets`);
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    assert.ok(box, 'a media box');
    // A4 is 595 × 842 points.
    assert.deepEqual([Math.round(Number(box[1])), Math.round(Number(box[2]))], [595, 842]);
  });

  test('every sheet carries the title, validity, address, date and page number', (t) => {
    const probe = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
    if (probe.error) {
      t.skip('pdftotext is not installed (apt-get install poppler-utils); the margin boxes are checked through their values above');
      return;
    }
    const file = path.join(tmp, 'avtal.pdf');
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    const sheets = text.split('\f').filter((p) => p.trim());
    assert.ok(sheets.length > 3, `${sheets.length} sheets`);
    sheets.forEach((sheet, i) => {
      const n = i + 1;
      assert.ok(sheet.includes(TITLE), `sheet ${n} names the document and version:\n${sheet}`);
      assert.ok(sheet.includes(VALIDITY), `sheet ${n} says when it applies`);
      assert.ok(sheet.includes(`${server.base}${AGREEMENT}1.1/`), `sheet ${n} gives the permanent address`);
      assert.ok(sheet.includes('Utskriven 2026-09-08'), `sheet ${n} is dated`);
      assert.ok(sheet.includes(`Sida ${n} av ${sheets.length}`), `sheet ${n} is numbered`);
      assert.ok(!sheet.includes('Sök på webbplatsen') && !sheet.includes('Pågående störning'), `sheet ${n} has no search or banner`);
    });
  });
});
