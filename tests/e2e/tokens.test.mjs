// The tokenizer's agreement, in Node alone (no browser): search.js splits text, folds
// diacritics and names shard files with the tables the build writes to
// sok/index/language.json (from src/render/search/language.rs). It must split and fold
// the shared cases of tests/fixtures/search/tokens.json exactly as the Rust unit tests of
// language.rs do, and read every word of a built index as one word, in the shard of its
// folded spelling.
//
// `npm run tokens` runs this file alone (`npm test` and `npm run search` run it too). It
// builds the example portal once; set INFOPORTAL_BIN to use a built binary.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import search from '../../themes/default/static/search.js';
import { buildPortal, NOW, portalBaseUrl, REPO } from './lib/site.mjs';

const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'search');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

let tmp;
/** The example portal's search index, and the script's language read from it. */
let example;

before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'infoportal-e2e-tokens-'));
  const out = path.join(tmp, 'example');
  buildPortal({ root: REPO, out, baseUrl: portalBaseUrl(REPO), now: NOW });
  const index = path.join(out, 'sok', 'index');
  example = { index, language: search.prepare(readJson(path.join(index, 'language.json'))) };
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('search.js splits and folds text as the index does', () => {
  const { cases, file_keys: fileKeys, folds } = readJson(path.join(FIXTURES, 'tokens.json'));

  test('every shared case gives the same words', () => {
    assert.ok(cases.length >= 20);
    for (const { text, words } of cases) {
      assert.deepEqual(example.language.words(text), words, JSON.stringify(text));
    }
  });

  test('every shared word folds the same', () => {
    assert.ok(folds.length >= 10);
    for (const { word, fold } of folds) {
      assert.equal(example.language.fold(word), fold, JSON.stringify(word));
    }
  });

  test('every shared shard name gives the same file name', () => {
    for (const { key, file } of fileKeys) {
      assert.equal(search.fileKey(key), file, JSON.stringify(key));
    }
  });

  test('every word of the built index is one word, in the shard of its folded spelling', () => {
    const { index, language } = example;
    const shards = readdirSync(index).filter((f) => f.startsWith('t-'));
    assert.ok(shards.length > 50, `only ${shards.length} shards`);
    const meta = readJson(path.join(index, 'meta.json'));
    let count = 0;
    for (const name of meta.shards) {
      const data = readJson(path.join(index, `t-${search.fileKey(name)}.json`));
      for (const term of Object.keys(data.w)) {
        assert.deepEqual(language.words(term), [term], `${name}: ${JSON.stringify(term)}`);
        assert.ok(language.fold(term).startsWith(name), `${term} is not in the shard ${name}`);
        count++;
      }
    }
    assert.ok(count > 1000, `only ${count} words`);
  });

  test('every shard of meta.json is found under the name the script asks for', () => {
    const meta = readJson(path.join(example.index, 'meta.json'));
    for (const key of meta.shards) {
      const file = path.join(example.index, `t-${search.fileKey(key)}.json`);
      assert.ok(existsSync(file), `${key}: ${file}`);
    }
  });
});
