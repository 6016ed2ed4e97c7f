// Keeps a page's time-dependent statements true by the reader's clock (SPEC §6 "True over
// time"). The build renders every alternative of a statement that its known future holds
// ("Gällande" and "Ersatt", a notice as upcoming, ongoing and past), each with the
// stretch of time in which it is true: data-from and data-until, RFC 3339. This script
// shows the alternatives that hold now and hides the rest, shows or hides the lists and
// messages that depend on them, and sets one timer for the next boundary. Without
// JavaScript the page shows what held when it was built and says when that was
// ("Uppdaterad …", class as-of, hidden here once the page is brought up to date).
//
// data-hide-if-empty="ID": hidden while the element ID shows no child.
// data-show-if-empty="ID": shown only while the element ID shows no child.
(function () {
  'use strict';
  // setTimeout runs at once when asked to wait longer than this (about 24.8 days).
  var LONGEST_WAIT = 2147483647;
  var timer = 0;
  // The region that announces a change while the page is open; it is in the page from
  // the start, empty, as screen readers only follow regions that were there before.
  var status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  // What it says, in the page's language: the template writes it on this script's tag
  // (a theme that does not falls back to Swedish, the portals' language).
  var me = document.querySelector('script[data-updated]');
  var UPDATED = (me && me.getAttribute('data-updated')) ||
    'Uppgifterna på sidan har uppdaterats till det som gäller nu.';

  function instant(el, name) {
    var text = el.getAttribute(name);
    if (!text) return null;
    var t = Date.parse(text);
    return isNaN(t) ? null : t;
  }

  function showsAChild(id) {
    var list = document.getElementById(id);
    if (!list) return false;
    for (var c = list.firstElementChild; c; c = c.nextElementSibling) {
      if (!c.hidden) return true;
    }
    return false;
  }

  function setHidden(el, hidden) {
    if (el.hidden === hidden) return false;
    el.hidden = hidden;
    return true;
  }

  // Brings the page up to date; returns whether anything changed.
  function update() {
    var now = Date.now();
    var next = Infinity;
    var changed = false;
    var timed = document.querySelectorAll('[data-from],[data-until]');
    for (var i = 0; i < timed.length; i++) {
      var from = instant(timed[i], 'data-from');
      var until = instant(timed[i], 'data-until');
      var holds = (from === null || from <= now) && (until === null || now < until);
      if (setHidden(timed[i], !holds)) changed = true;
      if (from !== null && from > now && from < next) next = from;
      if (until !== null && until > now && until < next) next = until;
    }
    var groups = document.querySelectorAll('[data-hide-if-empty],[data-show-if-empty]');
    for (var j = 0; j < groups.length; j++) {
      var g = groups[j];
      var hideIfEmpty = g.hasAttribute('data-hide-if-empty');
      var any = showsAChild(g.getAttribute(hideIfEmpty ? 'data-hide-if-empty' : 'data-show-if-empty'));
      if (setHidden(g, hideIfEmpty ? !any : any)) changed = true;
    }
    clearTimeout(timer);
    if (next !== Infinity) timer = setTimeout(later, Math.min(next - now, LONGEST_WAIT));
    return changed;
  }

  // A boundary passed while the page was open (or it was shown again): that is news, so a
  // screen reader hears it once, politely. What the page said on load is not news.
  function later() {
    if (update()) status.textContent = UPDATED;
  }

  function start() {
    update();
    document.body.appendChild(status);
    document.documentElement.classList.add('clock-live');
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) later();
    });
    // A page restored from the back-forward cache kept its old state and timer.
    window.addEventListener('pageshow', function (e) {
      if (e.persisted) later();
    });
  }

  // The default theme loads this script with defer; a theme that loads it earlier waits.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
