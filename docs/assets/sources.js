/* Sortable tables: select a column heading to sort by it, again to reverse.
 *
 * Progressive enhancement for tables inside <div class="sortable">: without
 * this script they are plain, readable tables in their generated order. A
 * cell may carry a hidden sort key (<span data-sort="2023-10-26">); empty
 * keys sort last either way. Nothing is loaded from anywhere.
 */
(function () {
  "use strict";

  function keyOf(cell) {
    var marked = cell.querySelector("[data-sort]");
    var text = marked ? marked.getAttribute("data-sort") : cell.textContent;
    return text.replace(/\s+/g, " ").trim();
  }

  function compare(a, b) {
    if (a === b) return 0;
    if (a === "") return 1;
    if (b === "") return -1;
    var x = Number(a.replace(/,/g, "")), y = Number(b.replace(/,/g, ""));
    if (!isNaN(x) && !isNaN(y)) return x - y;
    return a.localeCompare(b, undefined, { sensitivity: "base", numeric: true });
  }

  function sortBy(table, column, button) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var heads = table.tHead.rows[0].cells;
    var descending = heads[column].getAttribute("aria-sort") === "ascending";
    var keyed = rows.map(function (row, index) {
      return { row: row, key: keyOf(row.cells[column]), index: index };
    });
    keyed.sort(function (p, q) {
      var empty = (p.key === "") - (q.key === "");
      if (empty) return empty;
      var order = compare(p.key, q.key);
      return (descending ? -order : order) || p.index - q.index;
    });
    keyed.forEach(function (item) { body.appendChild(item.row); });
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    heads[column].setAttribute("aria-sort", descending ? "descending" : "ascending");
    button.focus();
  }

  function enhance(table) {
    if (table.getAttribute("data-sortable") || !table.tHead || !table.tBodies.length) return;
    table.setAttribute("data-sortable", "yes");
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (head, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sortable__button";
      while (head.firstChild) button.appendChild(head.firstChild);
      button.title = "Sort by this column";
      head.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, column, button); });
    });
  }

  function run() {
    document.querySelectorAll(".sortable table").forEach(enhance);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
