// Site search in the browser, over the index infoportal writes to sok/index/; only the
// index files for the words searched are fetched. A query is split into words and
// lower-cased as the index was, by the tables the build writes to
// sok/index/language.json (from src/render/search/language.rs); each word is stemmed and
// matched as a prefix, so "avtalet" finds "avtal" and "avtalen". tests/e2e/search.test.mjs
// checks the functions that apply the tables (Node loads this file as a CommonJS module).
(function () {
  'use strict';

  // Whether code point c lies in one of the [from, to] ranges, which are in order.
  function inRanges(c, ranges) {
    for (var i = 0; i < ranges.length; i++) {
      if (c < ranges[i][0]) return false;
      if (c <= ranges[i][1]) return true;
    }
    return false;
  }

  // The language of sok/index/language.json, ready to use.
  function prepare(tables) {
    var lower = new Map();
    var capitals = Array.from(tables.capitals);
    var small = Array.from(tables.small_letters);
    capitals.forEach(function (c, i) { lower.set(c, small[i]); });
    var stop = new Set(tables.stop_words);

    // The words of a text as the index holds them: split at the separators, only the
    // listed capitals lower-cased, without stop words and words under min_chars.
    function words(text) {
      var out = [];
      var word = '';
      var letters = 0;
      function end() {
        if (letters >= tables.min_chars && !stop.has(word)) out.push(word);
        word = '';
        letters = 0;
      }
      for (var ch of text) {
        if (inRanges(ch.codePointAt(0), tables.separators)) {
          end();
        } else {
          word += lower.get(ch) || ch;
          letters++;
        }
      }
      end();
      return out;
    }

    // The first of the endings (longest first) whose removal leaves min_stem_chars.
    function stem(word) {
      var letters = Array.from(word).length;
      for (var i = 0; i < tables.endings.length; i++) {
        var e = tables.endings[i];
        if (word.length > e.length && word.slice(-e.length) === e &&
            letters - Array.from(e).length >= tables.min_stem_chars) {
          return word.slice(0, -e.length);
        }
      }
      return word;
    }

    return {
      words: words,
      stem: stem,
      terms: function (text) { return words(text).map(stem); },
    };
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
    module.exports = { prepare: prepare, fileKey: fileKey };
    return;
  }

  var script = document.currentScript;
  var base = script ? script.src.replace(/search\.js(\?.*)?$/, '') : '/';
  var indexUrl = base + 'sok/index/';
  var input = document.getElementById('sok-fraga');
  var status = document.getElementById('sok-status');
  var list = document.getElementById('sok-traffar');
  if (!input || !status || !list) return;

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

  // For each query term: page → best score of any indexed word starting with it.
  function scoresFor(term, meta) {
    var shards = meta.shards.filter(function (k) {
      return term.indexOf(k) === 0 || k.indexOf(term) === 0;
    });
    return Promise.all(shards.map(function (k) { return getJson('t-' + fileKey(k) + '.json'); }))
      .then(function (parts) {
        var scores = new Map();
        parts.forEach(function (part) {
          Object.keys(part).forEach(function (t) {
            if (t.indexOf(term) !== 0) return;
            var postings = part[t];
            var exact = t === term ? 2 : 1;
            for (var i = 0; i < postings.length; i += 2) {
              var s = postings[i + 1] * exact;
              if (!scores.has(postings[i]) || scores.get(postings[i]) < s) scores.set(postings[i], s);
            }
          });
        });
        return scores;
      });
  }

  var language;
  function getLanguage() {
    if (!language) language = getJson('language.json').then(prepare);
    return language;
  }

  function show(query) {
    list.innerHTML = '';
    if (!query) {
      status.textContent = '';
      return;
    }
    status.textContent = 'Söker …';
    // The language and the list of shards come together: neither waits for the other.
    Promise.all([getLanguage(), getJson('meta.json')]).then(function (loaded) {
      var meta = loaded[1];
      var words = loaded[0].terms(query);
      if (!words.length) {
        status.textContent = 'Skriv minst ett ord med två bokstäver.';
        return;
      }
      return Promise.all(words.map(function (w) { return scoresFor(w, meta); })).then(function (all) {
        var total = new Map();
        all[0].forEach(function (s, page) {
          var sum = s;
          for (var i = 1; i < all.length; i++) {
            if (!all[i].has(page)) return;
            sum += all[i].get(page);
          }
          total.set(page, sum);
        });
        var ranked = Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        var top = ranked.slice(0, 30);
        var chunks = Array.from(new Set(top.map(function (e) { return Math.floor(e[0] / meta.chunk); })));
        return Promise.all(chunks.map(function (c) { return getJson('p-' + c + '.json'); })).then(function (loaded) {
          var byChunk = {};
          chunks.forEach(function (c, i) { byChunk[c] = loaded[i]; });
          top.forEach(function (e) {
            var row = byChunk[Math.floor(e[0] / meta.chunk)][e[0] % meta.chunk];
            var li = document.createElement('li');
            var a = document.createElement('a');
            a.href = row[0];
            a.textContent = row[1];
            var p = document.createElement('p');
            p.textContent = row[2];
            li.appendChild(a);
            li.appendChild(p);
            list.appendChild(li);
          });
          status.textContent = ranked.length === 0
            ? 'Inga träffar för ”' + query + '”.'
            : ranked.length + (ranked.length === 1 ? ' träff' : ' träffar') + ' för ”' + query + '”' +
              (ranked.length > top.length ? ', de ' + top.length + ' bästa visas.' : '.');
        });
      });
    }).catch(function () {
      status.textContent = 'Sökningen kunde inte hämta sitt register. Försök igen, eller använd webbplatskartan.';
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
