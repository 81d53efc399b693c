// Click (or press Enter on) a column header to sort the results table by that column.
(function () {
  "use strict";
  var table = document.getElementById("result-table");
  if (!table) return;
  var buttons = table.querySelectorAll("button.sort");
  Array.prototype.forEach.call(buttons, function (btn) {
    btn.addEventListener("click", function () {
      var col = parseInt(btn.getAttribute("data-col"), 10);
      var th = btn.parentNode;
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.querySelectorAll("th"), function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-sort") || "", y = b.cells[col].getAttribute("data-sort") || "";
        var nx = parseFloat(x), ny = parseFloat(y);
        var r = (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y) ? nx - ny : x.localeCompare(y);
        return asc ? r : -r;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
