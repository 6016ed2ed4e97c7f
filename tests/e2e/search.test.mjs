// The search script's language against the index's. search.js splits and stems the
// searched words with the tables the build writes to sok/index/language.json (from
// src/render/search/language.rs); here it must split the shared cases of
// tests/fixtures/search/tokens.json exactly as the Rust unit test there does, stem the
// words of stems.json as listed, and read the built index of the example portal: every
// indexed word is one word to it, and every shard's file is found. No browser: Node loads
// search.js as a CommonJS module. `npm run search` runs this file alone.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import search from '../../themes/default/static/search.js';
import { buildPortal, REPO } from './lib/site.mjs';

const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'search');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

let tmp;
let index;
let language;

before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'infoportal-e2e-search-'));
  const site = path.join(tmp, 'site');
  buildPortal({ out: site, baseUrl: 'http://127.0.0.1/ssbtek/' });
  index = path.join(site, 'sok', 'index');
  language = search.prepare(readJson(path.join(index, 'language.json')));
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('search.js splits text as the index does', () => {
  const { cases, file_keys: fileKeys } = readJson(path.join(FIXTURES, 'tokens.json'));

  test('every shared case gives the same words', () => {
    assert.ok(cases.length >= 20);
    for (const { text, words } of cases) {
      assert.deepEqual(language.words(text), words, JSON.stringify(text));
    }
  });

  test('every shared shard name gives the same file name', () => {
    for (const { key, file } of fileKeys) {
      assert.equal(search.fileKey(key), file, JSON.stringify(key));
    }
  });

  test('every word of the built index is one word, as it stands', () => {
    const shards = readdirSync(index).filter((f) => f.startsWith('t-'));
    assert.ok(shards.length > 50, `only ${shards.length} shards`);
    let count = 0;
    for (const shard of shards) {
      for (const term of Object.keys(readJson(path.join(index, shard)))) {
        assert.deepEqual(language.words(term), [term], `${shard}: ${JSON.stringify(term)}`);
        count++;
      }
    }
    assert.ok(count > 1000, `only ${count} words`);
  });

  test('every shard of meta.json is found under the name the script asks for', () => {
    const meta = readJson(path.join(index, 'meta.json'));
    for (const key of meta.shards) {
      const file = path.join(index, `t-${search.fileKey(key)}.json`);
      assert.ok(existsSync(file), `${key}: ${file}`);
    }
  });
});

describe('the Swedish stemmer of search.js', () => {
  test('gives the listed stems', () => {
    const { stems } = readJson(path.join(FIXTURES, 'stems.json'));
    for (const [word, stem] of stems) {
      assert.equal(language.stem(word), stem, word);
    }
  });

  test('stems the words of a query', () => {
    assert.deepEqual(language.terms('Avtalets BILAGOR och Kommunerna'), ['avtal', 'bilag', 'kommun']);
    assert.deepEqual(language.terms('i på'), []);
  });
});
