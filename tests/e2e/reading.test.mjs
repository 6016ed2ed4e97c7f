// Reading an agreement and its changes in Chromium (issue 13, items 2 and 4), on the
// example portal: at 1280 px the contents stand beside the text and stay in view while
// reading, with the section being read marked (and still in view without JavaScript); at
// 375 px they are folded above the text, which starts within two screens, and open from the
// keyboard (without JavaScript they show their top level only); at 320 px every wide table scrolls inside a named region that the keyboard reaches and
// scrolls, with shadows saying there is more; the change view keeps a deletion and its
// replacement apart on screen and for screen readers, links each changed heading to the
// section, folds the unchanged ones, and compares any two versions. axe-core runs on the
// states the portal suite does not load (opened history, the comparison of two versions
// that are not neighbours).
//
// Run: npm test (in tests/e2e), or node --test reading.test.mjs. Set INFOPORTAL_BIN to use
// a built binary instead of cargo.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launch, open } from './lib/browser.mjs';
import { checkReflow, runAxe } from './lib/checks.mjs';
import { checkViolations, SECURITY_HEADERS } from './lib/csp.mjs';
import { serve } from './lib/server.mjs';
import { buildPortal, NOW, portalBaseUrl } from './lib/site.mjs';

let server;
let browser;
let tmp;
const sessions = [];

before(async () => {
  const basePath = new URL(portalBaseUrl()).pathname;
  server = await serve({ basePath, headers: SECURITY_HEADERS });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'infoportal-e2e-reading-'));
  const site = path.join(tmp, 'site');
  buildPortal({ out: site, baseUrl: server.base });
  server.setRoot(site);
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close();
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function visit(rel, options = {}) {
  const s = await open(browser, server.origin, { time: NOW, ...options });
  sessions.push(s);
  await s.page.goto(server.base + rel, { waitUntil: 'load' });
  return s;
}

/** Where an element is in the window: its bounding rectangle. */
const box = (locator) => locator.evaluate((el) => el.getBoundingClientRect().toJSON());

/** Waits until the contents mark `href` as the section being read. */
async function marked(page, href) {
  await page.waitForFunction(
    (h) => document.querySelector('nav.toc a[aria-current="location"]')?.getAttribute('href') === h,
    href,
    { timeout: 5000 },
  );
}

describe('the agreement at 1280 px: contents beside the text, in view while reading', () => {
  test('the text starts near the top; the contents stand beside it and list every level', async () => {
    const { page } = await visit('avtal/driftsavtal/');
    const body = await box(page.locator('.document-body'));
    const toc = await box(page.locator('nav.toc'));
    assert.ok(body.top < 800, `the text starts ${Math.round(body.top)} px down, in the first screen`);
    assert.ok(toc.left >= body.right, 'the contents are to the right of the text');
    assert.ok(Math.abs(toc.top - body.top) < 40, 'and start where it starts');
    const entries = await page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const id of ['#punkt-5', '#punkt-5.2', '#punkt-5.2.1', '#punkt-5.5.1', '#punkt-11.1']) {
      assert.ok(entries.includes(id), `${id} in the contents: ${entries.join(' ')}`);
    }
    // The history and the list of documents are one line each until opened.
    for (const summary of ['details.history > summary', '.listed summary']) {
      assert.equal(await page.locator(summary).locator('xpath=..').getAttribute('open'), null);
    }
  });

  test('scrolling down, the contents stay in view and mark the section being read', async () => {
    const s = await visit('avtal/driftsavtal/');
    const { page } = s;
    await page.locator('#punkt-5\\.3').evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 10));
    await marked(page, '#punkt-5.3');
    const toc = await box(page.locator('nav.toc'));
    assert.ok(toc.top >= 0 && toc.top < 40, `the contents are at the top of the window (${Math.round(toc.top)} px)`);
    assert.ok(toc.bottom <= 800 + 1, 'and fit in it');
    const current = page.locator('nav.toc a[aria-current="location"]');
    assert.equal(await current.count(), 1, 'one entry marked');
    const link = await box(current);
    assert.ok(link.top >= toc.top && link.bottom <= toc.bottom, 'the marked entry is visible in the contents');
    // Following an entry marks it too; going back up marks the earlier section.
    await page.locator('nav.toc a[href="#punkt-9.2"]').click();
    await marked(page, '#punkt-9.2');
    await page.locator('#punkt-2\\.1').evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 10));
    await marked(page, '#punkt-2.1');
    // At the very end, the last section is the one being read, however short.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await marked(page, await page.locator('nav.toc a').last().getAttribute('href'));
    await page.waitForTimeout(100);
    const csp = checkViolations(s.csp);
    assert.ok(csp.ok, csp.report);
  });

  test('without JavaScript the contents still stay in view', async () => {
    const { page } = await visit('avtal/driftsavtal/', { javaScriptEnabled: false });
    await page.locator('#punkt-7').evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY));
    const toc = await box(page.locator('nav.toc'));
    assert.ok(toc.top >= 0 && toc.top < 40, `the contents are at the top of the window (${Math.round(toc.top)} px)`);
    assert.equal(await page.locator('nav.toc a[aria-current]').count(), 0, 'nothing marked');
  });

  test('opened, the history and the document list pass axe-core', async () => {
    const { page } = await visit('avtal/driftsavtal/');
    await page.locator('details.history > summary').click();
    await page.locator('.listed summary').click();
    assert.ok(await page.locator('details.history table').isVisible());
    assert.ok(await page.locator('.listed-documents').isVisible());
    const axe = await runAxe(page);
    assert.ok(axe.ok, axe.report);
  });
});

describe('the agreement at 375 px: the contents folded above the text', () => {
  const PHONE = { width: 375, height: 667 };

  test('the text starts within the first two screens; the contents are one line', async () => {
    const { page } = await visit('avtal/driftsavtal/', PHONE);
    const body = await box(page.locator('.document-body'));
    assert.ok(body.top < 2 * PHONE.height, `the text starts ${Math.round(body.top)} px down`);
    assert.equal(await page.locator('details.toc-fold').getAttribute('open'), null, 'folded');
    assert.ok(await page.locator('nav.toc h2').isVisible(), 'its heading shows');
    assert.equal(await page.locator('nav.toc a').first().isVisible(), false);
    const axe = await runAxe(page);
    assert.ok(axe.ok, axe.report);
  });

  test('the keyboard opens the contents, and every level is in them', async () => {
    const { page } = await visit('avtal/driftsavtal/', PHONE);
    const summary = page.locator('details.toc-fold > summary');
    let tabs = 0;
    while (!(await summary.evaluate((el) => el === document.activeElement))) {
      await page.keyboard.press('Tab');
      tabs += 1;
      assert.ok(tabs < 60, 'the contents are reached by Tab');
    }
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('details.toc-fold').getAttribute('open'), '');
    await page.keyboard.press('Tab');
    const first = page.locator('nav.toc a').first();
    assert.ok(await first.evaluate((el) => el === document.activeElement), 'Tab goes on to the first entry');
    assert.ok(await page.locator('nav.toc a[href="#punkt-5.2.1"]').isVisible(), 'every level shows once opened');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#punkt-1$/);
    const axe = await runAxe(page);
    assert.ok(axe.ok, axe.report);
    const reflow = await checkReflow(page);
    assert.ok(reflow.ok, reflow.report);
  });

  test('a link to a section lands on it, with the contents folded above', async () => {
    const { page } = await visit('avtal/driftsavtal/#punkt-5.3', PHONE);
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(100);
    const heading = await box(page.locator('[id="punkt-5.3"]'));
    assert.ok(heading.top >= 0 && heading.top < 100, `the section is at the top (${Math.round(heading.top)} px)`);
    assert.equal(await page.locator('details.toc-fold').getAttribute('open'), null);
  });

  test('the contents open when the window becomes wide, and fold again', async () => {
    const { page } = await visit('avtal/driftsavtal/', PHONE);
    const fold = page.locator('details.toc-fold');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForFunction(() => document.querySelector('details.toc-fold').open);
    assert.ok(await page.locator('nav.toc a[href="#punkt-5.2.1"]').isVisible());
    await page.setViewportSize(PHONE);
    await page.waitForFunction(() => !document.querySelector('details.toc-fold').open);
    assert.equal(await fold.getAttribute('open'), null);
  });

  test('without JavaScript the contents stay open with their top level only', async () => {
    const s = await visit('avtal/driftsavtal/', { ...PHONE, javaScriptEnabled: false });
    const { page } = s;
    assert.equal(await page.locator('details.toc-fold').getAttribute('open'), '');
    assert.ok(await page.locator('nav.toc a[href="#punkt-5"]').isVisible());
    assert.equal(await page.locator('nav.toc a[href="#punkt-5.2"]').isVisible(), false);
    const body = await box(page.locator('.document-body'));
    assert.ok(body.top < 2.5 * PHONE.height, `the text starts ${Math.round(body.top)} px down`);
    // The reader can still fold them.
    await page.locator('details.toc-fold > summary').click();
    assert.equal(await page.locator('details.toc-fold').getAttribute('open'), null);
    await page.waitForTimeout(100);
    const csp = checkViolations(...sessions.map((x) => x.csp));
    assert.ok(csp.ok, csp.report);
  });
});

describe('at 320 px wide tables show that they scroll and the keyboard scrolls them', () => {
  for (const rel of ['avtal/driftsavtal/', 'personuppgifter/']) {
    test(`/${rel}`, async () => {
      const { page } = await visit(rel, { width: 320, height: 640 });
      // The history opens from the keyboard like any control.
      if (await page.locator('details.history').count()) {
        await page.locator('details.history > summary').focus();
        await page.keyboard.press('Enter');
        assert.equal(await page.locator('details.history').getAttribute('open'), '');
      }
      const regions = page.locator('.table-scroll');
      const wide = [];
      for (let i = 0; i < (await regions.count()); i += 1) {
        const r = regions.nth(i);
        if (!(await r.isVisible())) continue;
        if (await r.evaluate((el) => el.scrollWidth > el.clientWidth + 1)) wide.push(r);
      }
      assert.ok(wide.length > 0, 'the page has a table wider than 320 px');
      for (const r of wide) {
        const what = await r.evaluate((el) => el.outerHTML.slice(0, 120));
        // A named region in the tab order.
        assert.equal(await r.getAttribute('role'), 'region', what);
        assert.equal(await r.getAttribute('tabindex'), '0', what);
        const name = await r.evaluate((el) => {
          const by = el.getAttribute('aria-labelledby');
          return (el.getAttribute('aria-label') || (by && document.getElementById(by)?.textContent) || '').trim();
        });
        assert.ok(name, `the region has a name: ${what}`);
        // The cue: shadows that stay at the edges while covers scroll with the table.
        const bg = await r.evaluate((el) => {
          const cs = getComputedStyle(el);
          return { image: cs.backgroundImage, attachment: cs.backgroundAttachment };
        });
        assert.equal((bg.image.match(/radial-gradient/g) || []).length, 2, `edge shadows: ${bg.image}`);
        assert.match(bg.attachment, /local.*scroll|scroll.*local/, `covers scroll, shadows stay: ${bg.attachment}`);
        // Reached and scrolled by the keyboard.
        await r.focus();
        assert.ok(await r.evaluate((el) => document.activeElement === el), `focusable: ${what}`);
        const before = await r.evaluate((el) => el.scrollLeft);
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction((el) => el.scrollLeft > 0, await r.elementHandle(), { timeout: 2000 });
        assert.ok((await r.evaluate((el) => el.scrollLeft)) > before, `ArrowRight scrolls ${what}`);
      }
      // The page itself does not scroll sideways: only the tables do.
      const reflow = await checkReflow(page);
      assert.ok(reflow.ok, reflow.report);
      const axe = await runAxe(page);
      assert.ok(axe.ok, axe.report);
    });
  }

  test('a table in an agreement body scrolls in its own named region', async () => {
    const { page } = await visit('avtal/driftsavtal/', { width: 320, height: 640 });
    const region = page.locator('.document-body .table-scroll').first();
    assert.match(await region.getAttribute('aria-label'), /^Tabell 1: 1\.3 Kontaktpersoner/);
    assert.ok(await region.evaluate((el) => el.scrollWidth > el.clientWidth), 'wider than the window');
    assert.equal(await region.getAttribute('tabindex'), '0');
  });
});

describe('the change view', () => {
  test('a deletion and its replacement are apart on screen and announced as such', async () => {
    const { page } = await visit('avtal/driftsavtal/1.1/andringar/');
    const pairs = await page.locator('.diff del').evaluateAll((dels) =>
      dels
        .filter((d) => d.nextElementSibling?.tagName === 'INS' && d.nextSibling !== d.nextElementSibling)
        .map((d) => {
          const ins = d.nextElementSibling;
          const a = d.getClientRects();
          const b = ins.getClientRects();
          return {
            between: d.nextSibling.textContent,
            gap: b[0].left - a[a.length - 1].right,
            sameLine: Math.abs(b[0].top - a[a.length - 1].top) < 2,
            del: d.textContent,
            ins: ins.textContent,
          };
        }),
    );
    assert.ok(pairs.length > 0, 'the view has a word replaced by another');
    for (const p of pairs) {
      assert.match(p.between, /^\s+$/, `space between ${p.del} and ${p.ins}`);
      if (p.sameLine) assert.ok(p.gap >= 2, `${p.del} / ${p.ins}: ${p.gap} px apart on screen`);
      assert.match(p.del, /^Borttaget: /);
      assert.match(p.ins, /^Tillagt: /);
    }
    // What a screen reader gets: the words that say which is which, in the accessible
    // text, though not on screen.
    const aria = await page.locator('.change-changed .diff').first().ariaSnapshot();
    assert.match(aria, /Borttaget: 81/, aria);
    assert.match(aria, /Tillagt: 82/, aria);
    assert.equal(await page.locator('.diff .visually-hidden').first().isVisible(), true, 'in the page (clipped, not display: none)');
    const hidden = await box(page.locator('.diff .visually-hidden').first());
    assert.ok(hidden.width <= 1 && hidden.height <= 1, 'but not on screen');
  });

  test('changed headings lead to the section; unchanged sections are folded', async () => {
    const { page } = await visit('avtal/driftsavtal/1.1/andringar/');
    assert.equal(await page.getByText('(oförändrat)').count(), 0);
    const folded = page.locator('details.change-unchanged');
    assert.ok((await folded.count()) > 0);
    assert.match(await folded.first().locator('summary').innerText(), /^\d+ avsnitt oförändrade?$/);
    assert.equal(await folded.first().getAttribute('open'), null);
    const heading = page.locator('.change-changed h3 a').first();
    const href = await heading.getAttribute('href');
    assert.match(href, /\/avtal\/driftsavtal\/1\.1\/#punkt-[\d.]+$/);
    await heading.click();
    await page.waitForURL((u) => u.href.endsWith(href.slice(href.indexOf('#'))));
    const id = decodeURIComponent(href.slice(href.indexOf('#') + 1));
    const target = await box(page.locator(`[id="${id}"]`));
    assert.ok(target.top >= 0 && target.top < 100, `the section's heading is at the top (${Math.round(target.top)} px)`);
  });

  test('any two versions: the view of two that are not neighbours, reached by a link', async () => {
    const s = await visit('avtal/definitioner/2.0/andringar/');
    const { page } = s;
    const other = page.locator('nav.compare a', { hasText: '1.0' }).first();
    await other.click();
    await page.waitForURL(/\/avtal\/definitioner\/2\.0\/andringar\/sedan-1\.0\/$/);
    assert.match(await page.locator('h1').innerText(), /ändringar i version 2\.0 sedan version 1\.0/);
    assert.equal(await page.locator('nav.compare [aria-current="page"]').innerText(), '1.0');
    const axe = await runAxe(page);
    assert.ok(axe.ok, axe.report);
    const phone = await visit('avtal/definitioner/2.0/andringar/sedan-1.0/', { width: 320, height: 640 });
    const reflow = await checkReflow(phone.page);
    const phoneAxe = await runAxe(phone.page);
    assert.ok(reflow.ok && phoneAxe.ok, `${reflow.report}\n${phoneAxe.report}`);
    await page.waitForTimeout(100);
    const csp = checkViolations(s.csp, phone.csp);
    assert.ok(csp.ok, csp.report);
  });
});
