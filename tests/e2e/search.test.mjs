// Search that forgives (issue 13, point 3), in two parts.
//
// The script's language against the index's, in Node: for each word of stems.json,
// search.js must find the stem the build's Snowball stemmer gave it (the script has no
// stemmer of its own: it reads the stem beside each indexed word). How the script splits
// and folds text (the shared cases of tests/fixtures/search/tokens.json) is checked by
// tokens.test.mjs, which needs no browser.
//
// The search itself, in Chromium, on the example portal and on the small portal of
// tests/fixtures/search/portal: the queries ("storning", "driftavtalet",
// "punkten 5.3", "avtal", "LEFI") with the results a reader must get, snippets with the
// words found marked and built as text, axe-core and the Content-Security-Policy.
//
// `npm run search` runs this file and tokens.test.mjs. Set INFOPORTAL_BIN to use a built
// binary.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import search from '../../themes/default/static/search.js';
import { launch, open } from './lib/browser.mjs';
import { runAxe } from './lib/checks.mjs';
import { checkViolations, SECURITY_HEADERS } from './lib/csp.mjs';
import { serve } from './lib/server.mjs';
import { buildPortal, NOW, portalBaseUrl, REPO } from './lib/site.mjs';

const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'search');
const PORTAL = path.join(FIXTURES, 'portal');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

let tmp;
let example;
let fixture;
let browser;
const sessions = [];

/** Builds `root` and serves it under its base path; returns the server and the index. */
async function site(root, name) {
  const basePath = new URL(portalBaseUrl(root)).pathname;
  const server = await serve({ basePath, headers: SECURITY_HEADERS });
  const out = path.join(tmp, name);
  buildPortal({ root, out, baseUrl: server.base, now: NOW });
  server.setRoot(out);
  const index = path.join(out, 'sok', 'index');
  return { server, index, language: search.prepare(readJson(path.join(index, 'language.json'))) };
}

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'infoportal-e2e-search-'));
  example = await site(REPO, 'example');
  fixture = await site(PORTAL, 'fixture');
  browser = await launch();
});

after(async () => {
  for (const s of sessions) await s.context.close();
  await browser?.close();
  await example?.server.close();
  await fixture?.server.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The words of the shards a word needs, as the script reads them. */
function shardsOf({ index, language }, word) {
  const meta = readJson(path.join(index, 'meta.json'));
  const names = search.shardsFor(language.fold(word), meta.shards, language.isNumber(word));
  return names.map((k) => search.readShard(language, readJson(path.join(index, `t-${search.fileKey(k)}.json`))));
}

describe('the stems of the index are the stems of stems.json', () => {
  const { stems } = readJson(path.join(FIXTURES, 'stems.json'));

  test('each word carries the stem Snowball gave it at build time', () => {
    assert.ok(stems.length >= 40);
    for (const [word, stem, key] of stems) {
      const found = shardsOf(fixture, word).flatMap((s) => s.words).find((x) => x.word === word);
      assert.ok(found, `${word} is indexed`);
      assert.equal(found.stem, stem, word);
      assert.equal(found.key, key, word);
    }
  });

  test('each word finds, through its stem, every indexed word of that stem', () => {
    for (const [word, , key] of stems) {
      const matched = search.match(fixture.language, word, shardsOf(fixture, word));
      const sameStem = stems.filter(([, , k]) => k === key).map(([w]) => fixture.language.fold(w));
      for (const other of sameStem) assert.ok(matched.found.has(other), `${word} finds ${other}`);
      assert.ok(matched.hits.size > 0, word);
    }
  });
});

describe('a word the index does not have is stemmed by the endings of language.json', () => {
  const { stems } = readJson(path.join(FIXTURES, 'stems.json'));

  test('every word of the example portal, taken out of the index, finds the words of its stem', () => {
    const cache = new Map();
    const read = (word) => {
      const key = search.shardsFor(example.language.fold(word), readJson(path.join(example.index, 'meta.json')).shards, false).join(' ');
      if (!cache.has(key)) cache.set(key, shardsOf(example, word));
      return cache.get(key);
    };
    let checked = 0;
    for (const shard of readdirSync(example.index).filter((f) => f.startsWith('t-'))) {
      for (const word of Object.keys(readJson(path.join(example.index, shard)).w)) {
        if (example.language.isNumber(word)) continue;
        const own = read(word);
        const entry = own.flatMap((s) => s.words).find((x) => x.word === word);
        const fold = entry.fold;
        const without = own.map((s) => ({ words: s.words.filter((x) => x.fold !== fold), compounds: s.compounds }));
        const kin = without.flatMap((s) => s.words).filter((x) => x.key === entry.key);
        if (!kin.length) continue;
        const matched = search.match(example.language, word, without);
        for (const other of kin) assert.ok(matched.found.has(other.fold), `${word} (${entry.key}) finds ${other.word}`);
        checked++;
      }
    }
    assert.ok(checked > 500, `only ${checked} words`);
  });

  test('the inflections the index lacks reach the stem of stems.json', () => {
    for (const [word, , key] of stems) {
      assert.ok(example.language.stems(example.language.fold(word)).some((s) => s.startsWith(key)), word);
    }
    assert.deepEqual(example.language.stems('storningarnas').slice(0, 1), ['storningarnas']);
    assert.ok(example.language.stems('storningarnas').includes('storning'));
    assert.ok(example.language.stems('myndigheternas').includes('mynd'));
    assert.ok(!example.language.stems('avtal').includes('avt'), 'a stem keeps three letters and no ending is invented');
  });
});

describe('the nearest word', () => {
  test('edit distance counts swaps of neighbours as one edit, and stops past the most', () => {
    assert.equal(search.distance('driftavtalet', 'driftsavtalet', 3), 1);
    assert.equal(search.distance('dirft', 'drift', 3), 1);
    assert.equal(search.distance('avtal', 'avtal', 1), 0);
    assert.equal(search.distance('avtal', 'kommun', 2), 3);
  });
});

/** Opens the search page of `on` with `q` and waits until the search has answered. */
async function searchFor(on, q, { width = 1280 } = {}) {
  const s = await open(browser, on.server.origin, { width, time: NOW });
  sessions.push(s);
  await s.page.goto(`${on.server.base}sok/?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
  await answered(s.page);
  return s;
}

async function answered(page) {
  await page.waitForFunction(() => /träff|Skriv minst|kunde inte/.test(document.getElementById('sok-status').textContent));
}

/** The results shown: href, title, the line under it, the snippet, and the marked words. */
async function results(page) {
  return page.$$eval('#sok-traffar > li', (items) =>
    items.map((li) => {
      const ps = Array.from(li.querySelectorAll('p'));
      const context = ps.find((p) => p.classList.contains('search-context'));
      const snippet = ps.find((p) => !p.classList.contains('search-context'));
      return {
        href: li.querySelector('a').getAttribute('href'),
        title: li.querySelector('a').textContent,
        context: context ? context.textContent : '',
        snippet: snippet ? snippet.textContent : '',
        marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
      };
    }),
  );
}

/** Every result, after "Visa fler träffar" has been pressed until it goes. */
async function allResults(page) {
  const more = page.locator('#sok-fler');
  while (await more.isVisible()) {
    const before = await page.locator('#sok-traffar > li').count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('#sok-traffar > li').length > n, before);
  }
  return results(page);
}

const count = async (page) => Number((/^(\d+) träff/.exec(await page.locator('#sok-status').innerText()) || [0, 0])[1]);

describe('the issue\'s queries, in Chromium on the example portal', () => {
  test('"storning" finds what "störning" finds, and marks the words it found', async () => {
    const typed = await searchFor(example, 'storning');
    const dotted = await searchFor(example, 'störning');
    const a = await allResults(typed.page);
    const b = await allResults(dotted.page);
    assert.ok(a.length >= 11, `only ${a.length} results`);
    assert.equal(await count(typed.page), await count(dotted.page));
    assert.deepEqual(a.map((r) => r.href).sort(), b.map((r) => r.href).sort());
    assert.ok(a.some((r) => r.href.endsWith('/driftinformation/2026-09-08-storning-behorighetskontroll/')));
    const marked = a.flatMap((r) => r.marks).map((m) => example.language.fold(m.toLowerCase()));
    assert.ok(marked.length > 5, 'the words found are marked');
    assert.ok(marked.every((m) => m.includes('storning')), marked.join(', '));
  });

  test('"driftavtalet" finds nothing and offers "driftsavtalet", a link that searches for it', async () => {
    const { page } = await searchFor(example, 'driftavtalet');
    assert.match(await page.locator('#sok-status').innerText(), /^Inga träffar för ”driftavtalet”\. Menade du driftsavtalet\?$/);
    const link = page.locator('#sok-status a');
    assert.equal(await link.getAttribute('href'), '?q=driftsavtalet');
    await link.click();
    await page.waitForURL(/\?q=driftsavtalet$/);
    await answered(page);
    assert.ok((await count(page)) > 0, await page.locator('#sok-status').innerText());
    assert.equal(await page.locator('#sok-fraga').inputValue(), 'driftsavtalet');
  });

  test('"punkten 5.3" leads to a section 5.3 first; with the agreement named, to its 5.3', async () => {
    const { page } = await searchFor(example, 'punkten 5.3');
    const [first] = await results(page);
    assert.match(first.href, /\/avtal\/[a-z-]+\/#punkt-5\.3$/);
    assert.match(first.title, /^5\.3 /);
    const named = await searchFor(example, 'driftsavtalet punkten 5.3');
    const [top] = await results(named.page);
    assert.equal(top.href, `${new URL(example.server.base).pathname}avtal/driftsavtal/#punkt-5.3`);
    assert.equal(top.title, '5.3 Servicenivåer och rapportering');
    assert.equal(top.context, 'SSBTEK – Driftsavtal');
    await named.page.locator('#sok-traffar a').first().click();
    await named.page.waitForURL(/#punkt-5\.3$/);
    assert.ok(await named.page.locator('[id="punkt-5.3"]').isVisible());
  });

  test('"avtal" also finds a page that only says "anslutningsavtal", and marks it', async () => {
    const { page } = await searchFor(example, 'avtal');
    const all = await allResults(page);
    assert.equal(all.length, await count(page));
    const compound = all.find((r) => r.href.endsWith('/anslutning/tjansteleverantor/'));
    assert.ok(compound, 'the page on tjänsteleverantörer is found');
    assert.deepEqual(compound.marks, ['anslutningsavtal']);
    // Pages that say "avtal" come before those that only end a compound with it.
    assert.ok(all.indexOf(compound) > 10);
  });

  test('"LEFI" finds every notice about LEFI, with the component marked under its title', async () => {
    const { page } = await searchFor(example, 'LEFI');
    const all = await allResults(page);
    for (const notice of ['2025-03-16-driftsattning-version-10', '2025-10-06-langa-svarstider-lefi', '2027-04-18-lefi-underhall']) {
      const found = all.find((r) => r.href.endsWith(`/driftinformation/${notice}/`));
      assert.ok(found, notice);
      assert.match(found.context, /· LEFI$/);
      assert.ok(found.marks.includes('LEFI'), `${notice}: ${found.marks}`);
    }
  });

  test('inflections no page uses are found through their stem', async () => {
    for (const [q, stem] of [
      ['avtalens', 'avtal'],
      ['störningarnas', 'störning'],
      ['storningarna', 'störning'],
      ['tjänsteleverantörerna', 'tjänsteleverantör'],
    ]) {
      const { page } = await searchFor(example, q);
      const found = await results(page);
      assert.ok(found.length > 0, `${q}: ${await page.locator('#sok-status').innerText()}`);
      const marked = found.flatMap((r) => r.marks).map((m) => m.toLowerCase());
      assert.ok(marked.some((m) => m.startsWith(stem)), `${q}: ${marked.join(', ')}`);
    }
    const { page } = await searchFor(example, 'driftsavtalets');
    const all = await allResults(page);
    assert.ok(all.some((r) => r.href === `${new URL(example.server.base).pathname}avtal/driftsavtal/`), all.map((r) => r.href).join('\n'));
  });

  test('the snippet shows the words found, not the start of the page', async () => {
    const { page } = await searchFor(example, 'servicenivåer rapport');
    const [first] = await results(page);
    assert.ok(first.marks.length >= 2, JSON.stringify(first));
    assert.match(first.snippet, /servicenivåer/i);
  });

  test('a hit deeper in a section or a page than the index keeps is shown, marked', async () => {
    const base = new URL(example.server.base).pathname;
    for (const [q, href, stem] of [
      ['personuppgifter', 'avtal/definitioner/#punkt-3', 'personuppgift'],
      ['störning', 'anslutning/uppgiftslamnare/', 'störning'],
    ]) {
      const { page } = await searchFor(example, q);
      const all = await allResults(page);
      const at = all.findIndex((r) => r.href === base + href);
      assert.ok(at >= 0, `${q}: ${href} is found`);
      await page.waitForFunction((i) => document.querySelectorAll('#sok-traffar > li')[i].querySelector('p:not(.search-context) mark'), at);
      const [found] = (await results(page)).slice(at, at + 1);
      assert.ok(found.marks.length > 0 && found.marks.every((m) => m.toLowerCase().startsWith(stem)), `${q}: ${JSON.stringify(found)}`);
      assert.match(found.snippet, /^…/, `${q}: the snippet is from further in`);
    }
  });

  test('axe-core finds nothing on results, a suggestion or "Visa fler"; no CSP violation', async () => {
    for (const q of ['avtal', 'driftavtalet', 'punkten 5.3', 'personuppgifter']) {
      const s = await searchFor(example, q, { width: 320 });
      const axe = await runAxe(s.page);
      assert.ok(axe.ok, `${q}: ${axe.report}`);
    }
    await new Promise((r) => setTimeout(r, 100));
    const csp = checkViolations(...sessions.map((s) => s.csp));
    assert.ok(csp.ok, csp.report);
  });
});

describe('the small portal of tests/fixtures/search/portal, in Chromium', () => {
  test('a notice is found by the component its front matter names', async () => {
    const { page } = await searchFor(fixture, 'LEFI');
    const all = await results(page);
    assert.equal(all.length, 1);
    assert.match(all[0].href, /\/driftinformation\/2026-10-01-kort-avbrott\/$/);
    assert.equal(all[0].context, 'Driftstörning · Testmiljön · LEFI');
    assert.deepEqual(all[0].marks, ['LEFI']);
    const env = await results((await searchFor(fixture, 'testmiljon')).page);
    assert.equal(env.length, 1, 'found by its environment, typed without ö');
  });

  test('the spelling typed comes first, however often the other is used', async () => {
    const at = (list, page) => list.findIndex((r) => r.href.endsWith(`/${page}/`));
    // One page says "störning" once; the other "storning" three times.
    const dotted = await results((await searchFor(fixture, 'störning')).page);
    assert.ok(at(dotted, 'stavning-utan-prickar') >= 0, 'found without its dots');
    assert.ok(at(dotted, 'stavning-med-prickar') < at(dotted, 'stavning-utan-prickar'), JSON.stringify(dotted));
    const plain = await results((await searchFor(fixture, 'storning')).page);
    assert.equal(at(plain, 'stavning-utan-prickar'), 0, JSON.stringify(plain));
    assert.ok(at(plain, 'stavning-med-prickar') > 0);
  });

  test('a word further in than the index keeps is shown from the page itself, marked', async () => {
    // The index keeps the start of each text (MAX_TEXT_CHARS): the word is not in it.
    const kept = readdirSync(fixture.index).filter((f) => f.startsWith('x-'))
      .map((f) => readFileSync(path.join(fixture.index, f), 'utf8')).join('\n');
    assert.ok(kept.includes('Den här sidan beskriver'), 'the start of the long page is kept');
    assert.ok(!kept.includes('karantänrutinen'), 'its last words are not');
    const s = await searchFor(fixture, 'karantänrutinen');
    const link = await s.page.$('#sok-traffar > li a');
    const status = await s.page.locator('#sok-status').innerText();
    await s.page.waitForFunction(() => document.querySelector('#sok-traffar mark'));
    const [first] = await results(s.page);
    assert.match(first.href, /\/lang-sida\/$/);
    assert.deepEqual(first.marks, ['karantänrutinen']);
    assert.match(first.snippet, /^….*karantänrutinen, som gäller när något har gått fel\.$/);
    assert.ok(s.requests.some((u) => new URL(u).pathname.endsWith('/lang-sida/')), 'the page was fetched');
    // Only the snippet's text changed: the same link, the same status.
    assert.ok(await link.evaluate((a) => a.isConnected), 'the result was not made again');
    assert.equal(await s.page.locator('#sok-status').innerText(), status);
  });

  test('a page that cannot be fetched leaves the snippet the index has', async () => {
    const s = await open(browser, fixture.server.origin, { time: NOW });
    sessions.push(s);
    await s.page.route('**/lang-sida/', (route) => route.abort('failed'));
    const failed = s.page.waitForEvent('requestfailed', (r) => r.url().endsWith('/lang-sida/'));
    await s.page.goto(`${fixture.server.base}sok/?q=karant%C3%A4nrutinen`, { waitUntil: 'load' });
    await answered(s.page);
    await failed;
    await new Promise((r) => setTimeout(r, 100));
    const [first] = await results(s.page);
    assert.match(first.href, /\/lang-sida\/$/);
    assert.match(first.snippet, /^Den här sidan beskriver/);
    assert.deepEqual(first.marks, []);
    assert.match(await s.page.locator('#sok-status').innerText(), /^1 träff /);
  });

  test('text that looks like markup is shown as text, never run', async () => {
    const { page } = await searchFor(fixture, 'skadekod onerror');
    const [first] = await results(page);
    assert.ok(first.snippet.includes('<img src=x onerror="document.title=\'hackad\'">'), first.snippet);
    assert.equal(await page.locator('#sok-traffar img, #sok-traffar script').count(), 0);
    assert.notEqual(await page.title(), 'hackad');
  });
});
