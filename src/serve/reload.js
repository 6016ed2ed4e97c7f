// Live reload for `infoportal serve` (served from /__infoportal/, never part of a build):
// reloads the page when the site has been rebuilt.
(function () {
  'use strict';
  if (!window.EventSource) return;
  var events = new EventSource('/__infoportal/events');
  var seen = null;
  events.addEventListener('reload', function (event) {
    if (seen !== null && event.data !== seen) {
      window.location.reload();
    }
    seen = event.data;
  });
})();
