// Filters for the side-by-side table: by source, by divergence label, by claim kind.
// Works with the keyboard (native selects and a button); no network, no storage.
// A row's sources are a JSON list, so an id with spaces or quotes still matches.
(function () {
  var form = document.getElementById("claim-filters");
  if (!form) { return; }
  // Only the statements: page structure and background rows sit in their own groups.
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.statements tr.claim"));
  var status = document.getElementById("filter-status");
  function apply() {
    var source = form.elements["source"].value;
    var label = form.elements["label"].value;
    var kind = form.elements["kind"].value;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!source || JSON.parse(row.dataset.sources).indexOf(source) >= 0) &&
               (!label || row.dataset.labels.split(" ").indexOf(label) >= 0) &&
               (!kind || row.dataset.kind === kind);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    status.textContent = shown + " of " + rows.length + " statements shown";
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
})();
