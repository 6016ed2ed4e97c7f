// Filters a table by the words typed in a search box: progressive enhancement for
// /personuppgifter/. Without JavaScript the box stays hidden and the whole table shows.
(function () {
  'use strict';
  var boxes = document.querySelectorAll('input[data-filter-table]');
  Array.prototype.forEach.call(boxes, function (input) {
    var table = document.getElementById(input.getAttribute('data-filter-table'));
    if (!table || !table.tBodies.length) return;
    var wrapper = input.closest('.filter');
    var count = wrapper ? wrapper.querySelector('.filter-count') : null;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return row.textContent.toLocaleLowerCase('sv'); });
    if (wrapper) wrapper.hidden = false;
    var update = function () {
      var words = input.value.toLocaleLowerCase('sv').split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (count) {
        count.textContent = words.length ? shown + ' av ' + rows.length + ' rader visas.' : '';
      }
    };
    input.addEventListener('input', update);
    update();
  });
})();
