// The page `infoportal serve` shows while a save breaks the build (src/serve/server.rs):
// the Nu Html Checker and axe-core find nothing on it, it keeps to the Content-Security-
// Policy it is served under, and it reads at 320 px without scrolling sideways.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';

import { launch, open } from './lib/browser.mjs';
import { checkReflow, runAxe } from './lib/checks.mjs';
import { checkViolations, HEADER_POLICY } from './lib/csp.mjs';
import { ARTIFACTS, NOW, REPO } from './lib/site.mjs';
import { runVnu } from './vnu.mjs';

/** Starts `infoportal serve` on `root` ($INFOPORTAL_BIN, else `cargo run --release`). */
function startServe(root) {
  const args = ['serve', '--root', root, '--port', '0', '--now', NOW];
  const bin = process.env.INFOPORTAL_BIN;
  const [cmd, argv] = bin
    ? [bin, args]
    : ['cargo', ['run', '--quiet', '--release', '--manifest-path', path.join(REPO, 'Cargo.toml'), '--', ...args]];
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      // `Förhandsvisningen finns på http://…/ (…)`: the portal's language is Swedish.
      const m = /(http:\/\/\S+\/)/.exec(line);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`${cmd} exited with ${code} before serving`)));
  });
  return { child, url };
}

describe('serve: the error page while the sources are broken', () => {
  let dir;
  let serve;
  let base;
  let browser;
  const sessions = [];

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'infoportal-serve-error-'));
    cpSync(path.join(REPO, 'tests', 'fixtures', 'basic'), dir, { recursive: true });
    // An unknown key, a broken link after multi-byte letters, and a warning.
    writeFileSync(path.join(dir, 'content/guide/andra.md'), '---\ntitle: Andra\ndescriptoin: Kort\n---\nText.\n');
    writeFileSync(
      path.join(dir, 'content/guide/tredje.md'),
      '---\ntitle: Tredje\n---\nSå här gör du: [läs mer](saknas.md) och <sidan>.\n\n# Rubrik\n',
    );
    serve = startServe(dir);
    base = await serve.url;
    browser = await launch();
  });
  after(async () => {
    for (const s of sessions) await s.context.close();
    await browser?.close();
    serve?.child.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const visit = async (options = {}) => {
    const s = await open(browser, new URL(base).origin, options);
    sessions.push(s);
    const response = await s.page.goto(`${base}guide/`, { waitUntil: 'load' });
    return { ...s, response };
  };

  test('is served as the error page, in Swedish, under the policy', async () => {
    const { response, page } = await visit();
    assert.equal(response.status(), 500);
    assert.equal(response.headers()['content-security-policy'], HEADER_POLICY);
    assert.equal(await page.getAttribute('html', 'lang'), 'sv');
    assert.equal(await page.locator('main h1').innerText(), 'Webbplatsen kunde inte byggas');
    assert.equal(await page.locator('.build-error').count(), 3);
    assert.equal(await page.locator('.build-error-source mark').count(), 3);
    // The default theme's stylesheet applies.
    const width = await page.locator('main').evaluate((m) => getComputedStyle(m).maxWidth);
    assert.equal(width, '1152px', 'the theme\'s .wrap (72rem)');
  });

  test('the Nu Html Checker finds nothing', async () => {
    const { response } = await visit();
    const site = mkdtempSync(path.join(os.tmpdir(), 'infoportal-serve-error-page-'));
    try {
      writeFileSync(path.join(site, 'index.html'), await response.text());
      const vnu = runVnu(site);
      assert.ok(vnu.ok, vnu.lines.join('\n'));
      assert.equal(vnu.warnings, 0, vnu.lines.join('\n'));
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });

  test('axe-core clean and no sideways scrolling at 1280 and 320 px; no CSP violation; screenshots', async () => {
    const results = [];
    for (const width of [1280, 320]) {
      const s = await visit({ width, height: 800 });
      await s.page.screenshot({ path: path.join(ARTIFACTS, `serve-error-${width}.png`), fullPage: true });
      results.push(await runAxe(s.page), await checkReflow(s.page));
      results.push(checkViolations(s.csp));
      assert.deepEqual(s.offsite, [], 'nothing requested from elsewhere');
    }
    assert.ok(results.every((r) => r.ok), results.map((r) => r.report ?? r.problems?.join('\n')).filter(Boolean).join('\n'));
  });
});
