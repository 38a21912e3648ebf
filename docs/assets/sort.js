// Sortable tables for the register: progressive enhancement of complete HTML tables.
// Each column header becomes a button; cells sort by their data-sort value, else their text;
// cells with an empty data-sort (unknown) stay last whichever way the column is sorted.
(function () {
  "use strict";

  var collator = new Intl.Collator("nl", { numeric: true, sensitivity: "base" });

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function compare(a, b, numeric) {
    if (numeric) return parseFloat(a) - parseFloat(b);
    return collator.compare(a, b);
  }

  // An empty data-sort is an unknown value (a trip without costs): last in both directions.
  function unknown(row, index) {
    var cell = row.cells[index];
    return !!cell && cell.getAttribute("data-sort") === "";
  }

  function sortBy(table, index, direction) {
    var body = table.tBodies[0];
    var all = Array.prototype.slice.call(body.rows);
    var rows = all.filter(function (row) { return !unknown(row, index); });
    var numeric = rows.every(function (row) {
      var value = cellValue(row, index);
      return value !== "" && !isNaN(parseFloat(value)) && isFinite(value);
    });
    var sign = direction === "ascending" ? 1 : -1;
    rows.sort(function (a, b) {
      return sign * compare(cellValue(a, index), cellValue(b, index), numeric);
    });
    rows = rows.concat(all.filter(function (row) { return unknown(row, index); }));
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      if (i === index) th.setAttribute("aria-sort", direction);
      else th.removeAttribute("aria-sort");
    });
  }

  function enhance(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "rr-sort";
      button.textContent = th.textContent;
      button.setAttribute("aria-label", "Sorteer op " + th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var next = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sortBy(table, index, next);
      });
    });
    table.classList.add("rr-table--sortable");
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-rr-sortable]"), enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
