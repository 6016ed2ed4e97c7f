// The example portal in a real browser: every page type, with axe-core (WCAG 2.1 A/AA),
// the keyboard, 320 px and 1280 px widths, JavaScript off, no requests outside the site or
// storage in the browser, and no Content-Security-Policy violation under the header the
// README tells servers to send. Screenshots go to artifacts/.
//
// Run: npm test (in tests/e2e). Set INFOPORTAL_BIN to use a built binary instead of cargo.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launch, open } from './lib/browser.mjs';
import {
  checkKeyboard,
  checkPrivacy,
  checkReflow,
  checkTextSpacing,
  compareWithoutJs,
  mainText,
  runAxe,
} from './lib/checks.mjs';
import { checkViolations, HEADER_POLICY, META_POLICY, SECURITY_HEADERS } from './lib/csp.mjs';
import { serve } from './lib/server.mjs';
import { ARTIFACTS, buildPortal, NOW, portalBaseUrl } from './lib/site.mjs';
import { PAGES } from './pages.mjs';

const only = process.env.E2E_PAGES ? new Set(process.env.E2E_PAGES.split(',')) : null;
const pages = PAGES.filter((p) => !only || only.has(p.name));

let server;
let browser;
let tmp;

before(async () => {
  const basePath = new URL(portalBaseUrl()).pathname;
  server = await serve({ basePath, headers: SECURITY_HEADERS });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'infoportal-e2e-'));
  const site = path.join(tmp, 'site');
  buildPortal({ out: site, baseUrl: server.base });
  server.setRoot(site);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

for (const p of pages) {
  describe(`${p.title}: /${p.path}`, () => {
    let desktop;
    const others = [];
    const url = () => server.base + p.path;
    const load = async (page) => {
      const response = await page.goto(url(), { waitUntil: 'load' });
      if (p.ready) await p.ready(page);
      return response;
    };
    const fresh = async (options) => {
      const s = await open(browser, server.origin, { ...options, time: NOW });
      others.push(s);
      return s;
    };

    before(async () => {
      // The pages are read at the time they were built: clock.js changes nothing.
      desktop = await open(browser, server.origin, { width: 1280, time: NOW });
    });
    after(async () => {
      await desktop?.context.close();
      for (const s of others) await s.context.close();
    });

    test(`answers ${p.status ?? 200} with a page`, async () => {
      const response = await load(desktop.page);
      assert.equal(response.status(), p.status ?? 200);
      assert.ok(await desktop.page.locator('main h1').count(), 'the page has a <main> with an <h1>');
      const headers = response.headers();
      assert.equal(headers['content-security-policy'], HEADER_POLICY, 'served under the policy');
      assert.equal(headers['x-content-type-options'], 'nosniff');
      const meta = desktop.page.locator('head meta[http-equiv="Content-Security-Policy" i]');
      assert.equal(await meta.count(), 1, 'one Content-Security-Policy <meta> in <head>');
      assert.equal(await meta.getAttribute('content'), META_POLICY);
      if (p.check) await p.check(desktop.page);
    });

    test('axe-core: no WCAG 2.1 A/AA violation at 1280 px; screenshot', async (t) => {
      await load(desktop.page);
      await desktop.page.screenshot({ path: path.join(ARTIFACTS, `${p.name}-1280.png`), fullPage: true });
      const axe = await runAxe(desktop.page);
      if (axe.incomplete.length) {
        t.diagnostic(`axe-core could not decide (review by hand): ${axe.incomplete.map((v) => `${v.id} ×${v.nodes.length}`).join(', ')}`);
      }
      assert.ok(axe.ok, axe.report);
      const reflow = await checkReflow(desktop.page);
      assert.ok(reflow.ok, reflow.report);
    });

    test('320 px: no horizontal scrolling, axe-core clean, text spacing safe; screenshot', async () => {
      const phone = await fresh({ width: 320, height: 640 });
      await load(phone.page);
      await phone.page.screenshot({ path: path.join(ARTIFACTS, `${p.name}-320.png`), fullPage: true });
      const reflow = await checkReflow(phone.page);
      const axe = await runAxe(phone.page);
      // 640 px is 1280 px at 200 % zoom (WCAG 1.4.4).
      await phone.page.setViewportSize({ width: 640, height: 640 });
      const zoom = await checkReflow(phone.page);
      await phone.page.setViewportSize({ width: 320, height: 640 });
      const spacing = await checkTextSpacing(phone.page);
      const all = [reflow, axe, zoom, spacing];
      assert.ok(all.every((r) => r.ok), all.map((r) => r.report).filter(Boolean).join('\n'));
    });

    test('keyboard: skip link first, every control reachable with a visible focus', async (t) => {
      const kb = await checkKeyboard(desktop.page, () => load(desktop.page));
      t.diagnostic(`${kb.count} interactive element(s) tabbed through`);
      assert.ok(kb.ok, kb.report);
    });

    test(p.jsRequired ? 'without JavaScript: explains itself, links to the site map' : 'without JavaScript: all of <main> is there', async () => {
      const off = await fresh({ width: 1280, javaScriptEnabled: false });
      const response = await off.page.goto(url(), { waitUntil: 'load' });
      assert.equal(response.status(), p.status ?? 200);
      const withoutJs = await mainText(off.page);
      if (p.jsRequired) {
        const text = (withoutJs.lines || []).join('\n');
        assert.match(text, /JavaScript/, 'the page says that it needs JavaScript');
        const sitemap = off.page.locator('main a[href$="/webbplatskarta/"]');
        assert.ok(await sitemap.count(), 'the page links to the site map');
        assert.ok(await sitemap.first().isVisible(), 'the link to the site map is visible');
        return;
      }
      await load(desktop.page);
      const withJs = await mainText(desktop.page);
      const cmp = compareWithoutJs(withJs, withoutJs);
      assert.ok(cmp.ok, cmp.report);
    });

    test('no request outside the site; no cookie or storage', async () => {
      // Runs last: the page has been loaded, tabbed through and reloaded in this context.
      const privacy = await checkPrivacy(desktop);
      const offsite = others.flatMap((s) => s.offsite);
      const problems = [privacy.report, ...offsite.map((u) => `request outside the site: ${u}`)].filter(Boolean);
      for (const s of others) {
        for (const c of await s.context.cookies()) problems.push(`cookie set: ${c.name}`);
      }
      assert.ok(problems.length === 0, problems.join('\n'));
    });

    test('Content-Security-Policy: no violation in any of the visits above', async () => {
      // Runs after every other test of the page: each visit, in every context, counts.
      // Violations are reported as events, a moment after they happen.
      await desktop.page.waitForTimeout(100);
      const csp = checkViolations(desktop.csp, ...others.map((s) => s.csp));
      assert.ok(csp.ok, csp.report);
    });
  });
}
