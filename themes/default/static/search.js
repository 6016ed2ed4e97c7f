// Site search in the browser, over the index infoportal writes to sok/index/.
// Only the index files for the words searched are fetched. The index holds words as
// they stand (lower-cased, see src/search.rs); each searched word is reduced by a light
// Swedish stemmer and matched as a prefix, so "avtalet" finds "avtal" and "avtalen".
(function () {
  'use strict';
  var script = document.currentScript;
  var base = script ? script.src.replace(/search\.js(\?.*)?$/, '') : '/';
  var indexUrl = base + 'sok/index/';
  var input = document.getElementById('sok-fraga');
  var status = document.getElementById('sok-status');
  var list = document.getElementById('sok-traffar');
  if (!input || !status || !list) return;

  var STOP = ('alla att av de dem den denna dess det detta dig din du där efter eller en ett från för har hon han hur ' +
    'här i inte jag kan man med men mot måste ni nu när och om på sig sin ska skall som så till under upp ut vad var ' +
    'vi vid är över the and of to').split(' ');
  var ENDINGS = ['heterna', 'hetens', 'arnas', 'ernas', 'ornas', 'heten', 'heter', 'arna', 'erna', 'orna', 'ande',
    'ende', 'aste', 'ans', 'ens', 'ets', 'het', 'ast', 'are', 'an', 'ar', 'er', 'or', 'en', 'et', 'na', 's', 'a', 'e'];

  function stem(word) {
    var letters = Array.from(word).length;
    for (var i = 0; i < ENDINGS.length; i++) {
      var e = ENDINGS[i];
      if (word.length > e.length && word.slice(-e.length) === e && letters - Array.from(e).length >= 3) {
        return word.slice(0, -e.length);
      }
    }
    return word;
  }

  function terms(text) {
    return text.split(/[^\p{L}\p{N}]+/u)
      .map(function (w) { return w.toLowerCase(); })
      .filter(function (w) { return Array.from(w).length >= 2 && STOP.indexOf(w) === -1; })
      .map(stem);
  }

  function fileKey(key) {
    return Array.from(key).map(function (c) {
      return /[\p{L}\p{N}]/u.test(c) ? c : '_' + c.codePointAt(0).toString(16);
    }).join('');
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

  function show(query) {
    list.innerHTML = '';
    var words = terms(query);
    if (!words.length) {
      status.textContent = query ? 'Skriv minst ett ord med två bokstäver.' : '';
      return;
    }
    status.textContent = 'Söker …';
    getJson('meta.json').then(function (meta) {
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
