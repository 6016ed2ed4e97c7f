// Site search in the browser, over the index infoportal writes to sok/index/ (see
// src/render/search/mod.rs for the files); only the files for the words searched are
// fetched. A query is split into words and lower-cased as the index was, by the tables
// the build writes to sok/index/language.json (from src/render/search/language.rs).
//
// It forgives: each word is compared without diacritics ("storning" finds "störning",
// though pages spelt as typed come first); its stem is learnt from the index, where the
// build's Snowball stemmer left it beside every word ("avtalen" → "avtal"), so this script
// has no stemmer of its own; a word the index lacks loses the endings that stemmer takes
// off, listed in language.json ("störningarnas" → "störning"). It finds words that start
// with the stem, and compounds that end with it ("avtal" finds "Driftsavtal"); a section
// number ("punkten 5.3") leads to the section. When nothing is found, the nearest indexed word is offered ("Menade du …?").
// Each result shows the words found in their context, marked. Text from the index is
// only ever put into the page as text nodes.
//
// tests/e2e/tokens.test.mjs checks the functions that apply the tables (Node loads this
// file as a CommonJS module); search.test.mjs the stems and the search itself in Chromium.
(function () {
  'use strict';

  // How much a word found counts, by how it matches the searched word (times its score
  // on the result: title 10, facts 5, text 1 per occurrence, a section's number 100).
  var SAME_STEM = 4;
  var PREFIX = 2;
  var COMPOUND = 1;
  // Results shown, and words around the words found in a snippet.
  var SHOWN = 30;
  var BEFORE = 8;
  var SNIPPET = 32;
  // Pages fetched at a time for snippets deeper than the index keeps.
  var FETCHES = 4;
  // Elements that do not separate words (as in src/render/search/mod.rs, is_inline_tag),
  // and those whose text is not the page's own words or is shown beside the result
  // already (its title, the navigation, a document's header, history and list).
  var INLINE = /^(a|span|strong|em|b|i|code|time|abbr|sup|sub|del|ins|mark|small|q|cite|s)$/;
  var NOT_TEXT = 'script, style, template, noscript, [hidden], .as-of, h1, nav, header, details';

  // Whether code point c lies in one of the [from, to] ranges, which are in order.
  function inRanges(c, ranges) {
    for (var i = 0; i < ranges.length; i++) {
      if (c < ranges[i][0]) return false;
      if (c <= ranges[i][1]) return true;
    }
    return false;
  }

  function isDigit(ch) {
    return ch !== undefined && ch >= '0' && ch <= '9';
  }

  // The language of sok/index/language.json, ready to use.
  function prepare(tables) {
    var lower = new Map();
    var capitals = Array.from(tables.capitals);
    var small = Array.from(tables.small_letters);
    capitals.forEach(function (c, i) { lower.set(c, small[i]); });
    var stop = new Set(tables.stop_words);
    var joiners = tables.number_joiners;

    // Every word of a text, lower-cased, with where it is (UTF-16 offsets): split at the
    // separators, except a joiner between two digits ("5.3").
    function tokens(text) {
      var out = [];
      var chars = Array.from(text);
      var word = '';
      var letters = 0;
      var start = 0;
      var at = 0;
      for (var i = 0; i < chars.length; i++) {
        var ch = chars[i];
        var joins = letters > 0 && joiners.indexOf(ch) >= 0 && isDigit(chars[i - 1]) && isDigit(chars[i + 1]);
        if (inRanges(ch.codePointAt(0), tables.separators) && !joins) {
          if (letters) out.push({ word: word, letters: letters, start: start, end: at });
          word = '';
          letters = 0;
        } else {
          if (!letters) start = at;
          word += lower.get(ch) || ch;
          letters++;
        }
        at += ch.length;
      }
      if (letters) out.push({ word: word, letters: letters, start: start, end: at });
      return out;
    }

    // A number: digits, with joiners between them. Kept whatever its length.
    function isNumber(word) {
      if (!isDigit(word[0])) return false;
      for (var i = 0; i < word.length; i++) {
        if (!isDigit(word[i]) && joiners.indexOf(word[i]) < 0) return false;
      }
      return true;
    }

    // The words of a text as the index holds them: without stop words and words under
    // min_chars (numbers excepted).
    function words(text) {
      return tokens(text)
        .filter(function (t) { return (t.letters >= tables.min_chars || isNumber(t.word)) && !stop.has(t.word); })
        .map(function (t) { return t.word; });
    }

    // A lower-case word without its diacritics; one that would be left empty stays.
    function fold(word) {
      var out = '';
      for (var ch of word) {
        if (inRanges(ch.codePointAt(0), [tables.dropped])) continue;
        out += Object.prototype.hasOwnProperty.call(tables.folds, ch) ? tables.folds[ch] : ch;
      }
      return out || word;
    }

    // The stems a folded word may have that the index does not know: the word, and each
    // word left when one of the stemmer's endings is taken off, or the last letter of a
    // double consonant, again and again, keeping min_stem_chars ("storningarnas" →
    // "storningarna", "storning", …). The stemmer takes one of each kind, in order; taking
    // any, in every order, reaches its stem and a few more.
    function stems(folded) {
      var out = [folded];
      for (var i = 0; i < out.length; i++) {
        var word = out[i];
        var letters = Array.from(word).length;
        var shorter = [];
        tables.endings.forEach(function (e) {
          if (letters - e.length >= tables.min_stem_chars && word.slice(-e.length) === e) shorter.push(word.slice(0, -e.length));
        });
        tables.double_consonants.forEach(function (d) {
          if (letters > tables.min_stem_chars && word.slice(-d.length) === d) shorter.push(word.slice(0, -1));
        });
        shorter.forEach(function (w) { if (out.indexOf(w) < 0) out.push(w); });
      }
      return out;
    }

    return {
      tokens: tokens,
      words: words,
      fold: fold,
      stems: stems,
      isNumber: isNumber,
      sectionWords: new Set(tables.section_words),
    };
  }

  // A shard file, ready to match: every word with its folded spelling and folded stem
  // (the first `stem` characters, folded), and the compounds under each stem.
  function readShard(language, data) {
    var words = Object.keys(data.w).map(function (w) {
      var list = data.w[w];
      var stem = Array.from(w).slice(0, list[0]).join('');
      return { word: w, fold: language.fold(w), key: language.fold(stem), stem: stem, postings: list.slice(1) };
    });
    var compounds = Object.keys(data.c).map(function (key) {
      return { key: key, words: data.c[key].w, postings: data.c[key].p };
    });
    return { words: words, compounds: compounds };
  }

  // The shards a word needs: for a number, the one it is in; otherwise also those of
  // longer words that start with it.
  function shardsFor(folded, names, exactOnly) {
    var own = names.filter(function (k) { return folded.indexOf(k) === 0; });
    if (exactOnly) {
      own.sort(function (a, b) { return b.length - a.length; });
      return own.slice(0, 1);
    }
    return names.filter(function (k) { return folded.indexOf(k) === 0 || k.indexOf(folded) === 0; });
  }

  // Whether two words spell alike where they agree without diacritics: "avtal" and
  // "avtalet" do, "störning" and "storningen" do not.
  function sameAccents(language, a, b) {
    a = Array.from(a);
    b = Array.from(b);
    for (var i = 0; i < a.length && i < b.length; i++) {
      if (language.fold(a[i]) !== language.fold(b[i])) return true;
      if (a[i] !== b[i]) return false;
    }
    return true;
  }

  // What one searched word finds in the shards loaded for it: result → { score, exact }
  // (exact: found spelt with the diacritics as typed), and the folded words found (to
  // mark them).
  //
  // The word's stem is that of the indexed words spelt like it, as typed first. A word
  // the index does not have is stemmed by the stemmer's endings (language.stems): its
  // stems are those of them that are stems in the index ("avtalens" → "avtal"), else the
  // word itself. The stemmer leaves some endings on ("avtalet" is its own stem), so the
  // stems of indexed words that one of the word's stems begins with, at most two letters
  // shorter, count too, a little less: "avtalet" finds "avtal" and "avtalen".
  function match(language, q, shards) {
    var fq = language.fold(q);
    var length = Array.from(fq).length;
    var number = language.isNumber(q);
    var all = [];
    shards.forEach(function (s) { all = all.concat(s.words); });
    var same = all.filter(function (x) { return x.fold === fq; });
    var asTyped = same.filter(function (x) { return x.word === q; });
    var basis = asTyped.length ? asTyped : same;
    var stems = number ? [fq] : language.stems(fq);
    if (!basis.length) basis = all.filter(function (x) { return stems.indexOf(x.key) >= 0; });
    var keys = basis.length ? Array.from(new Set(basis.map(function (x) { return x.key; }))) : [fq];
    var near = [];
    all.forEach(function (x) {
      var n = Array.from(x.key).length;
      if (n < 4 || keys.indexOf(x.key) >= 0 || near.indexOf(x.key) >= 0) return;
      if (stems.some(function (s) { return n >= Array.from(s).length - 2 && s.indexOf(x.key) === 0; })) near.push(x.key);
    });
    var starts = keys.concat(near);
    var hits = new Map();
    var found = new Set();
    function add(postings, weight, exact) {
      for (var i = 0; i < postings.length; i += 2) {
        var score = postings[i + 1] * weight;
        var hit = hits.get(postings[i]);
        if (!hit) {
          hits.set(postings[i], { score: score, exact: exact });
        } else {
          if (score > hit.score) hit.score = score;
          hit.exact = hit.exact || exact;
        }
      }
    }
    function startsWithKey(folded) {
      return starts.some(function (k) { return folded.indexOf(k) === 0; });
    }
    all.forEach(function (x) {
      var weight = 0;
      if (number) weight = x.word === q ? SAME_STEM : 0;
      else if (keys.indexOf(x.key) >= 0) weight = SAME_STEM;
      else if (startsWithKey(x.fold)) weight = PREFIX;
      if (!weight) return;
      found.add(x.fold);
      add(x.postings, weight, sameAccents(language, q, x.word));
    });
    if (!number) {
      // The searched word as typed, as far as the compound's end has it: without its
      // ending, or its last two letters.
      var longest = Math.max.apply(null, starts.map(function (k) { return Array.from(k).length; }));
      var typed = Array.from(q).slice(0, Math.max(1, Math.min(length - 2, longest))).join('');
      shards.forEach(function (s) {
        s.compounds.forEach(function (c) {
          if (!startsWithKey(c.key)) return;
          c.words.forEach(function (w) { found.add(language.fold(w)); });
          add(c.postings, COMPOUND, c.words.some(function (w) { return w.indexOf(typed, 1) > 0; }));
        });
      });
    }
    return { word: q, hits: hits, found: found };
  }

  // The results every word finds, best first: those with more words spelt as typed,
  // then by score. A result found only through context words (a section's document) is
  // not one.
  function rank(matches) {
    var out = [];
    matches[0].hits.forEach(function (first, id) {
      var score = first.score;
      var exact = first.exact ? 1 : 0;
      for (var i = 1; i < matches.length; i++) {
        var hit = matches[i].hits.get(id);
        if (!hit) return;
        score += hit.score;
        exact += hit.exact ? 1 : 0;
      }
      if (score > 0) out.push({ id: id, score: score, exact: exact });
    });
    return out.sort(function (a, b) { return b.exact - a.exact || b.score - a.score || a.id - b.id; });
  }

  // Edit distance (optimal string alignment: insertions, deletions, substitutions and
  // swaps of neighbours), or max + 1 when it is more than max.
  function distance(a, b, max) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) {
          rows[i].push(j);
          continue;
        }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i].push(d);
      }
      if (i > 0 && Math.min.apply(null, rows[i]) > max) return max + 1;
    }
    return rows[a.length][b.length];
  }

  // The indexed word nearest to a searched word, among the words of the shards given,
  // or null: the fewest edits (at most one in four letters, at least one), then the
  // word on most results.
  function nearest(language, q, shards) {
    var fq = language.fold(q);
    var max = Math.max(1, Math.floor(Array.from(fq).length / 4));
    var best = null;
    shards.forEach(function (s) {
      s.words.forEach(function (x) {
        if (language.isNumber(x.word)) return;
        var d = distance(fq, x.fold, max);
        if (d > max) return;
        var results = x.postings.length / 2;
        if (!best || d < best.d || (d === best.d && results > best.results)) {
          best = { word: x.word, d: d, results: results };
        }
      });
    });
    return best && best.word;
  }

  // The first three letters of a misspelt word as written, with the first two swapped,
  // and without the second: the shards its nearest word may be in.
  function nearbyStarts(folded) {
    var c = Array.from(folded);
    var out = [c.slice(0, 3).join('')];
    if (c.length > 2) out.push(c[1] + c[0] + c[2], c[0] + c.slice(2, 4).join(''));
    return out;
  }

  // Appends text to parent with the words found marked (<mark>), as text nodes.
  function appendMarked(parent, text, language, found) {
    var at = 0;
    language.tokens(text).forEach(function (t) {
      if (!found.has(language.fold(t.word))) return;
      if (t.start > at) parent.appendChild(document.createTextNode(text.slice(at, t.start)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(t.start, t.end);
      parent.appendChild(mark);
      at = t.end;
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // The part of a result's text to show: the stretch of SNIPPET words with the most of
  // the searched words, from a few words before the first of them; without any, the
  // start of the text if `start`, else null.
  function snippet(text, language, matches, start) {
    var tokens = language.tokens(text);
    var marks = [];
    tokens.forEach(function (t, i) {
      var folded = language.fold(t.word);
      var which = 0;
      matches.forEach(function (m, k) { if (m.found.has(folded)) which |= 1 << Math.min(k, 30); });
      if (which) marks.push({ i: i, which: which });
    });
    if (!marks.length && start && tokens.length) marks.push({ i: 0, which: 0 });
    if (!marks.length) return null;
    var best = marks[0];
    var bestCount = 0;
    for (var a = 0; a < marks.length && a < 500; a++) {
      var seen = 0;
      for (var b = a; b < marks.length && marks[b].i < marks[a].i + SNIPPET - BEFORE; b++) seen |= marks[b].which;
      var count = 0;
      for (; seen; seen &= seen - 1) count++;
      if (count > bestCount) {
        best = marks[a];
        bestCount = count;
      }
    }
    var first = Math.max(0, best.i - BEFORE);
    var last = Math.min(tokens.length, first + SNIPPET);
    var from = first === 0 ? 0 : tokens[first].start;
    var to = last === tokens.length ? text.length : tokens[last - 1].end;
    return (from > 0 ? '…' : '') + text.slice(from, to) + (to < text.length ? '…' : '');
  }

  // The text of a node of a page, as the index reads a page: words inside inline elements
  // run on, other elements separate them; white space collapsed.
  function textOf(node) {
    var out = [];
    (function walk(n) {
      if (n.nodeType === 3) {
        out.push(n.data);
        return;
      }
      var block = n.nodeType === 1 && !INLINE.test(n.localName);
      if (block) out.push(' ');
      for (var c = n.firstChild; c; c = c.nextSibling) walk(c);
      if (block) out.push(' ');
    })(node);
    return out.join('').replace(/\s+/g, ' ').trim();
  }

  // The text of a result on its page (a parsed document): that of a numbered section
  // (#punkt-5.3), up to the next numbered heading, or the whole main part. Null if the page
  // has no such part.
  function resultText(doc, fragment) {
    var main = doc.querySelector('main');
    if (!main) return null;
    Array.prototype.forEach.call(main.querySelectorAll(NOT_TEXT), function (e) {
      if (e.parentNode) e.parentNode.removeChild(e);
    });
    if (!fragment) return textOf(main);
    var heading = doc.getElementById(fragment);
    if (!heading || !main.contains(heading) || !/^h[1-6]$/.test(heading.localName)) return null;
    var prefix = fragment.slice(0, fragment.lastIndexOf('-') + 1);
    var range = doc.createRange();
    range.setStartAfter(heading);
    range.setEnd(main, main.childNodes.length);
    var headings = main.querySelectorAll('h1, h2, h3, h4, h5, h6');
    for (var i = 0; i < headings.length; i++) {
      var h = headings[i];
      if (h !== heading && prefix && h.id.indexOf(prefix) === 0 &&
          (heading.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING)) {
        range.setEndBefore(h);
        break;
      }
    }
    return textOf(range.cloneContents());
  }

  // A shard's file name, as src/render/search/mod.rs (file_key) writes it: ASCII letters
  // and digits and the Latin-1 letters are kept, anything else is hex-escaped.
  function fileKey(key) {
    return Array.from(key).map(function (c) {
      var n = c.codePointAt(0);
      var kept = /[A-Za-z0-9]/.test(c) || (n >= 0xc0 && n <= 0xff && n !== 0xd7 && n !== 0xf7);
      return kept ? c : '_' + n.toString(16);
    }).join('');
  }

  // In Node, for the tests: the functions above, and nothing of the page.
  if (typeof module === 'object' && module && module.exports) {
    module.exports = {
      prepare: prepare,
      fileKey: fileKey,
      readShard: readShard,
      shardsFor: shardsFor,
      match: match,
      rank: rank,
      distance: distance,
      sameAccents: sameAccents,
      nearest: nearest,
      nearbyStarts: nearbyStarts,
      snippet: snippet,
    };
    return;
  }

  var script = document.currentScript;
  var base = script ? script.src.replace(/search\.js(\?.*)?$/, '') : '/';
  var indexUrl = base + 'sok/index/';
  var input = document.getElementById('sok-fraga');
  var status = document.getElementById('sok-status');
  var list = document.getElementById('sok-traffar');
  var more = document.getElementById('sok-fler');
  if (!input || !status || !list) return;
  if (more) {
    more.addEventListener('click', function () {
      if (current) showMore();
    });
  }

  var cache = {};
  function getJson(name) {
    if (!cache[name]) {
      cache[name] = fetch(indexUrl + name).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    return cache[name];
  }

  var language;
  function getLanguage() {
    if (!language) language = getJson('language.json').then(prepare);
    return language;
  }

  var shardCache = {};
  function getShards(names) {
    return Promise.all(names.map(function (k) {
      if (!shardCache[k]) {
        shardCache[k] = Promise.all([getLanguage(), getJson('t-' + fileKey(k) + '.json')]).then(function (loaded) {
          return readShard(loaded[0], loaded[1]);
        });
      }
      return shardCache[k];
    }));
  }

  // The results' own pages, parsed, by URL without its fragment: fetched FETCHES at a
  // time, once per page however many of its sections are shown; null if one cannot be had.
  var pages = {};
  var fetching = 0;
  var waiting = [];
  function getPage(url) {
    if (!pages[url]) {
      pages[url] = new Promise(function (resolve) {
        waiting.push({ url: url, resolve: resolve });
        nextFetch();
      });
    }
    return pages[url];
  }
  function nextFetch() {
    while (fetching < FETCHES && waiting.length) {
      var job = waiting.shift();
      fetching++;
      (function (job) {
        fetch(job.url, { credentials: 'same-origin' }).then(function (r) {
          if (!r.ok || !/^text\/html/.test(r.headers.get('content-type') || '')) throw new Error(r.status);
          return r.text();
        }).then(function (html) {
          return new DOMParser().parseFromString(html, 'text/html');
        }).catch(function () {
          return null;
        }).then(function (doc) {
          fetching--;
          job.resolve(doc);
          nextFetch();
        });
      })(job);
    }
  }

  // The index keeps only the start of each result's text (MAX_TEXT_CHARS in
  // src/render/search/mod.rs, so the index stays small). When none of the words found is
  // in it, and it was cut, the snippet is taken from the result's own page instead: `p`
  // keeps what it shows until a window with the words is found there, and then only its
  // text changes (nothing is announced, the focus stays where it is). A page that cannot
  // be fetched or read leaves it as it was.
  function deepen(search, p, href) {
    var url;
    try {
      url = new URL(href, window.location.href);
    } catch (e) {
      return;
    }
    if (url.origin !== window.location.origin) return;
    var fragment = '';
    try {
      fragment = decodeURIComponent(url.hash.slice(1));
    } catch (e) {
      return;
    }
    url.hash = '';
    getPage(url.href).then(function (doc) {
      if (!doc || current !== search) return;
      // Read from a copy: sections of one page share the parsed document.
      var text = resultText(doc.cloneNode(true), fragment);
      var found = text && snippet(text, search.lang, search.matches, false);
      if (!found) return;
      p.textContent = '';
      appendMarked(p, found, search.lang, search.found);
    });
  }

  // Rows of the p- (title, …) or x- (text) files for the results given.
  function rows(ids, prefix, per) {
    var chunks = Array.from(new Set(ids.map(function (id) { return Math.floor(id / per); })));
    return Promise.all(chunks.map(function (c) { return getJson(prefix + c + '.json'); })).then(function (loaded) {
      var byChunk = {};
      chunks.forEach(function (c, i) { byChunk[c] = loaded[i]; });
      return ids.map(function (id) { return byChunk[Math.floor(id / per)][id % per]; });
    });
  }

  // "Menade du …?": the query with each word that found nothing replaced by its nearest
  // indexed word, as a link that searches for it; nothing if no word has one.
  function suggest(lang, meta, words, matches) {
    var missing = matches.filter(function (m) { return m.hits.size === 0 && !lang.isNumber(m.word); });
    if (!missing.length) return Promise.resolve(null);
    return Promise.all(missing.map(function (m) {
      var names = [];
      nearbyStarts(lang.fold(m.word)).forEach(function (start) {
        meta.shards.forEach(function (k) { if (start.indexOf(k) === 0) names.push(k); });
      });
      return getShards(Array.from(new Set(names))).then(function (shards) { return nearest(lang, m.word, shards); });
    })).then(function (found) {
      var replaced = {};
      missing.forEach(function (m, i) { if (found[i]) replaced[m.word] = found[i]; });
      if (!Object.keys(replaced).length) return null;
      return words.map(function (w) { return replaced[w] || w; }).join(' ');
    });
  }

  function say(text) {
    status.textContent = text;
  }

  // The search shown: its results, and how many of them are on the page.
  var current = null;

  // Shows the next SHOWN results of the current search.
  function showMore() {
    var search = current;
    var next = search.ranked.slice(search.shown, search.shown + SHOWN);
    var ids = next.map(function (r) { return r.id; });
    return Promise.all([rows(ids, 'p-', search.meta.chunk), rows(ids, 'x-', search.meta.text_chunk)]).then(function (loaded) {
      if (current !== search) return;
      var lang = search.lang;
      var firstLink = null;
      next.forEach(function (r, i) {
        var row = loaded[0][i];
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = row[0];
        a.textContent = row[1];
        li.appendChild(a);
        if (!firstLink) firstLink = a;
        if (row[3]) {
          var context = document.createElement('p');
          context.className = 'search-context';
          appendMarked(context, row[3], lang, search.found);
          li.appendChild(context);
        }
        // The words found in the text, else the page's own line, else its start; and
        // when the text kept was cut before any of the words, a look at the page itself.
        var stored = loaded[1][i] || '';
        var text = snippet(stored, lang, search.matches, false);
        var deeper = text === null && stored.slice(-1) === '…';
        if (text === null) text = row[2] || snippet(stored, lang, search.matches, true);
        if (text || deeper) {
          var p = document.createElement('p');
          if (text) appendMarked(p, text, lang, search.found);
          li.appendChild(p);
          if (deeper) deepen(search, p, row[0]);
        }
        list.appendChild(li);
      });
      search.shown += next.length;
      var total = search.ranked.length;
      say(total + (total === 1 ? ' träff' : ' träffar') + ' för ”' + search.query + '”' +
        (total > search.shown ? ', de ' + search.shown + ' bästa visas.' : '.'));
      var all = search.shown >= total;
      // The button stays where it is while there is more, so the keyboard stays there;
      // once it goes, the first of the results it brought takes the focus.
      if (all && more && document.activeElement === more && firstLink && search.shown > SHOWN) firstLink.focus();
      if (more) more.hidden = all;
    });
  }

  function render(lang, meta, matches, ranked, query) {
    var found = new Set();
    matches.forEach(function (m) { m.found.forEach(function (f) { found.add(f); }); });
    current = { lang: lang, meta: meta, matches: matches, ranked: ranked, query: query, found: found, shown: 0 };
    return showMore();
  }

  function show(query) {
    list.textContent = '';
    current = null;
    if (more) more.hidden = true;
    if (!query) {
      say('');
      return;
    }
    say('Söker …');
    // The language and the list of shards come together: neither waits for the other.
    Promise.all([getLanguage(), getJson('meta.json')]).then(function (loaded) {
      var lang = loaded[0];
      var meta = loaded[1];
      var words = lang.words(query);
      // "punkten 5.3": the number says which section; the word only that it is one.
      if (words.some(lang.isNumber)) {
        words = words.filter(function (w) { return !lang.sectionWords.has(w); });
      }
      words = Array.from(new Set(words));
      if (!words.length) {
        say('Skriv minst ett ord med två bokstäver.');
        return;
      }
      return Promise.all(words.map(function (w) {
        var number = lang.isNumber(w);
        return getShards(shardsFor(lang.fold(w), meta.shards, number)).then(function (shards) {
          return match(lang, w, shards);
        });
      })).then(function (matches) {
        var ranked = rank(matches);
        if (ranked.length) return render(lang, meta, matches, ranked, query);
        return suggest(lang, meta, words, matches).then(function (suggestion) {
          say('Inga träffar för ”' + query + '”.');
          if (!suggestion) return;
          var link = document.createElement('a');
          link.href = '?q=' + encodeURIComponent(suggestion);
          link.textContent = suggestion;
          status.appendChild(document.createTextNode(' Menade du '));
          status.appendChild(link);
          status.appendChild(document.createTextNode('?'));
        });
      });
    }).catch(function () {
      say('Sökningen kunde inte hämta sitt register. Försök igen, eller använd webbplatskartan.');
    });
  }

  var params = new URLSearchParams(window.location.search);
  var initial = params.get('q') || '';
  input.value = initial;
  if (initial) show(initial);
  var form = input.form;
  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var q = input.value.trim();
      var url = new URL(window.location.href);
      url.searchParams.set('q', q);
      window.history.replaceState(null, '', url);
      show(q);
    });
  }
})();
