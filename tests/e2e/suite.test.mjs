// A test of the suite itself: every check must FAIL on a deliberately broken page
// (fixtures/broken/index.html), so a green run of portal.test.mjs means something.
import assert from 'node:assert/strict';
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
import { checkViolations, HEADER_POLICY, SECURITY_HEADERS } from './lib/csp.mjs';
import { serve } from './lib/server.mjs';
import { E2E_DIR } from './lib/site.mjs';
import { checkLinks } from './links.mjs';
import { runVnu, sameSiteCspWarning } from './vnu.mjs';

const FIXTURE = path.join(E2E_DIR, 'fixtures', 'broken');

describe('the suite fails on a deliberately broken page (fixtures/broken/)', () => {
  let server;
  let browser;
  const sessions = [];
  const visit = async (options = {}) => {
    const s = await open(browser, server.origin, options);
    sessions.push(s);
    await s.page.goto(server.base, { waitUntil: 'load' });
    return s;
  };

  before(async () => {
    server = await serve({ root: FIXTURE, basePath: '/trasig/' });
    browser = await launch();
  });
  after(async () => {
    for (const s of sessions) await s.context.close();
    await browser?.close();
    await server?.close();
  });

  test('axe-core reports the image without alt text, the empty link and the weak contrast', async () => {
    const { page } = await visit();
    const axe = await runAxe(page);
    assert.equal(axe.ok, false);
    const ids = axe.violations.map((v) => v.id);
    for (const id of ['image-alt', 'link-name', 'color-contrast']) {
      assert.ok(ids.includes(id), `axe-core should report ${id}; it reported ${ids.join(', ')}`);
    }
    assert.match(axe.report, /image-alt \(critical\)/);
  });

  test('the keyboard check fails: no skip link, no visible focus, focus off screen', async () => {
    const { page } = await visit();
    const kb = await checkKeyboard(page, () => page.goto(server.base, { waitUntil: 'load' }));
    assert.equal(kb.ok, false);
    assert.match(kb.report, /not a skip link to <main>/);
    assert.match(kb.report, /show no visible focus/);
    assert.match(kb.report, /not in view/);
  });

  test('the 320 px check fails: the page scrolls sideways, and says what is too wide', async () => {
    const { page } = await visit({ width: 320, height: 640 });
    const reflow = await checkReflow(page);
    assert.equal(reflow.ok, false);
    assert.match(reflow.report, /div\.wide/);
  });

  test('the text-spacing check fails: a box of fixed height cuts off its text', async () => {
    const { page } = await visit({ width: 320, height: 640 });
    const spacing = await checkTextSpacing(page);
    assert.equal(spacing.ok, false);
    assert.match(spacing.report, /p\.fixed-box cuts off text/);
  });

  test('the JavaScript-off check fails: text that only a script writes', async () => {
    const on = await visit();
    const off = await visit({ javaScriptEnabled: false });
    const cmp = compareWithoutJs(await mainText(on.page), await mainText(off.page));
    assert.equal(cmp.ok, false);
    assert.match(cmp.report, /Text som bara finns med JavaScript/);
  });

  test('the privacy check fails: a request to another origin, a cookie, localStorage', async () => {
    const s = await visit();
    const privacy = await checkPrivacy(s);
    assert.equal(privacy.ok, false);
    assert.match(privacy.report, /request outside the site: http:\/\/localhost:9\/tracker\.css/);
    assert.match(privacy.report, /cookie set/);
    assert.match(privacy.report, /localStorage/);
  });

  test('the CSP check fails under the header: inline script, <style>, style attribute, other origin', async () => {
    // Served apart, under the policy: the checks above need the page's inline script and style.
    const strict = await serve({ root: FIXTURE, basePath: '/trasig/', headers: SECURITY_HEADERS });
    try {
      const on = await open(browser, strict.origin);
      const off = await open(browser, strict.origin, { javaScriptEnabled: false });
      sessions.push(on, off);
      const response = await on.page.goto(strict.base, { waitUntil: 'load' });
      assert.equal(response.headers()['content-security-policy'], HEADER_POLICY);
      assert.equal(response.headers()['x-content-type-options'], 'nosniff');
      await off.page.goto(strict.base, { waitUntil: 'load' });
      await on.page.waitForTimeout(200);
      const csp = checkViolations(on.csp);
      assert.equal(csp.ok, false);
      assert.match(csp.report, /script-src-elem blocked inline/);
      assert.match(csp.report, /style-src-elem blocked inline/);
      assert.match(csp.report, /style-src-attr blocked inline/);
      assert.match(csp.report, /style-src-elem blocked http:\/\/localhost:9\/tracker\.css/);
      // The script the policy blocked did not run.
      assert.equal(await on.page.locator('#bara-med-js').textContent(), '');
      // With JavaScript off no listener runs; the browser's console still reports.
      const quiet = checkViolations(off.csp);
      assert.equal(quiet.ok, false);
      assert.match(quiet.report, /Applying inline style violates/);
    } finally {
      await strict.close();
    }
  });

  test('the Nu Html Checker fails: duplicate id, image without alt', () => {
    const vnu = runVnu(FIXTURE);
    assert.equal(vnu.ok, false);
    const text = vnu.lines.join('\n');
    assert.match(text, /Duplicate ID/);
    assert.match(text, /alt/);
  });

  test('the Nu Html Checker drops only its CSP warnings about the site\'s own files', () => {
    const warning = (url) =>
      `Resource violates Content Security Policy (meta tag): external stylesheet “${url}” blocked by “style-src” directive.`;
    assert.equal(sameSiteCspWarning(warning('/ssbtek/style.css')), true);
    assert.equal(sameSiteCspWarning(warning('../style.css')), true);
    assert.equal(sameSiteCspWarning(warning('https://cdn.example/x.css')), false);
    assert.equal(sameSiteCspWarning(warning('//cdn.example/x.css')), false);
    assert.equal(sameSiteCspWarning('Duplicate ID “dubbel”.'), false);
  });

  test('the link check fails: a missing page and a missing fragment', async () => {
    const links = await checkLinks(FIXTURE, 'https://www.example.se/trasig/');
    assert.equal(links.ok, false);
    assert.match(links.report, /finns-inte\/: broken \(404\)/);
    assert.match(links.report, /#ankare-som-saknas: broken \(200: no such fragment\)/);
  });
});
