// Folds an agreement's table of contents on screens narrower than 64rem, where it stands
// above the text (42 entries pushed the text of an agreement 2,300 px down at 375 px),
// and opens it where it stands beside the text; the reader opens and closes it as any
// <details>. Without JavaScript it stays open, showing only its top level on narrow
// screens (style.css).
//
// Marks the entry of the contents for the section being read
// (aria-current="location", styled in style.css), so a reader who scrolls knows where
// they are. Progressive enhancement: without JavaScript, or without IntersectionObserver,
// the contents still stand beside the text (CSS position: sticky) and every entry works;
// only the mark is missing.
//
// The section being read is the last heading that has reached the upper part of the
// window (the top READING_LINE of it), or the one a link just led to. The observers fire only when a heading crosses that
// line or the end of the text comes into view, and each time the headings are searched by
// halves (they stand in document order), so long agreements cost no more per scroll.
(function () {
  'use strict';
  var READING_LINE = 0.25;
  var WIDE = '(min-width: 64rem)';
  var toc = document.querySelector('nav.toc');
  var fold = toc && toc.querySelector('details.toc-fold');
  if (fold && window.matchMedia) {
    // Once the page is parsed; a section a link leads to stays in view as the text moves up
    // (browsers keep the fragment's target in place until the page has loaded).
    var wide = window.matchMedia(WIDE);
    fold.classList.add('is-enhanced');
    fold.open = wide.matches;
    var follow = function () {
      fold.open = wide.matches;
    };
    if (wide.addEventListener) wide.addEventListener('change', follow);
    else if (wide.addListener) wide.addListener(follow);
  }
  if (!toc || !('IntersectionObserver' in window)) return;

  var links = [];
  var headings = [];
  Array.prototype.forEach.call(toc.querySelectorAll('a[href^="#"]'), function (link) {
    var id;
    try {
      id = decodeURIComponent(link.getAttribute('href').slice(1));
    } catch (e) {
      return;
    }
    var heading = document.getElementById(id);
    if (heading) {
      links.push(link);
      headings.push(heading);
    }
  });
  if (!headings.length) return;

  var current = null;
  // A section the reader went to by a link (an entry here, a link from the change view)
  // stays marked while the page stays where the link put it, even when the next heading
  // is also near the top (a short section): the reader chose it.
  var chosen = null;

  function indexOf(hash) {
    var id;
    try {
      id = decodeURIComponent(hash.slice(1));
    } catch (e) {
      return -1;
    }
    for (var i = 0; i < headings.length; i += 1) {
      if (headings[i].id === id) return i;
    }
    return -1;
  }

  function choose() {
    var i = location.hash ? indexOf(location.hash) : -1;
    chosen = i >= 0 ? { index: i, y: window.scrollY } : null;
  }

  // The index of the last heading above the reading line, or -1.
  function reading() {
    var line = window.innerHeight * READING_LINE;
    var low = 0;
    var high = headings.length - 1;
    var found = -1;
    while (low <= high) {
      var mid = (low + high) >> 1;
      if (headings[mid].getBoundingClientRect().top <= line) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    // At the very end of the page the last sections may be too short to reach the
    // line: then the last heading in view is the one being read.
    var doc = document.documentElement;
    if (window.innerHeight + window.scrollY >= doc.scrollHeight - 2) {
      for (var i = headings.length - 1; i > found; i -= 1) {
        if (headings[i].getBoundingClientRect().top < window.innerHeight) {
          return i;
        }
      }
    }
    return found;
  }

  // Keeps the marked entry in view inside the contents when they scroll on their own
  // (a long table of contents beside the text), without scrolling the page. Never while
  // the keyboard is in the contents: the browser has scrolled them to the focused entry,
  // and moving them would hide the very link the reader is on.
  function reveal(link) {
    if (toc.scrollHeight <= toc.clientHeight) return;
    if (toc.contains(document.activeElement)) return;
    var top = link.offsetTop - toc.offsetTop;
    if (top < toc.scrollTop || top + link.offsetHeight > toc.scrollTop + toc.clientHeight) {
      toc.scrollTop = Math.max(0, top - toc.clientHeight / 3);
    }
  }

  function update() {
    if (chosen && Math.abs(window.scrollY - chosen.y) > 2) chosen = null;
    var i = chosen ? chosen.index : reading();
    var link = i >= 0 ? links[i] : null;
    if (link === current) return;
    if (current) current.removeAttribute('aria-current');
    current = link;
    if (link) {
      link.setAttribute('aria-current', 'location');
      reveal(link);
    }
  }

  var bottom = Math.round((1 - READING_LINE) * 100);
  var crossing = new IntersectionObserver(update, { rootMargin: '0px 0px -' + bottom + '% 0px' });
  // Headings coming into or leaving the window: a jump (a link, the End key) can carry
  // a heading past the reading line without its ever being on it.
  var showing = new IntersectionObserver(update);
  headings.forEach(function (h) {
    crossing.observe(h);
    showing.observe(h);
  });
  // The end of the text coming into view, for the short last sections.
  var body = document.querySelector('.document-body');
  if (body && body.lastElementChild) showing.observe(body.lastElementChild);
  // A jump within one long section changes no heading's place relative to the window:
  // check once when scrolling stops (where the browser says so).
  window.addEventListener('scrollend', update, { passive: true });
  window.addEventListener('hashchange', function () {
    choose();
    update();
  });
  choose();
  update();
})();
