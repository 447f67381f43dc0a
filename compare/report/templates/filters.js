// Folded sections: a long section (side by side, artifacts, cleaning, methods...) is a <details class="fold">,
// folded on a phone and opened on a wider screen; a link to anything inside one opens it (and the details around
// it), and printing opens every <details>.  No inline handler, no eval: the page's CSP allows this script alone.
(function () {
  var folds = Array.prototype.slice.call(document.querySelectorAll("details.fold"));
  if (window.matchMedia && window.matchMedia("(min-width: 40.01rem)").matches) {
    folds.forEach(function (fold) { fold.open = true; });
  }
  function reveal(id) {
    var target = id ? document.getElementById(id) : null;
    if (!target) { return null; }
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    var section = target.tagName === "H2" ? target.parentElement : null;
    var fold = section ? section.querySelector("details.fold") : null;
    if (fold) { fold.open = true; }
    return target;
  }
  function fromHash() {
    var target = reveal(decodeURIComponent(window.location.hash.slice(1)));
    if (target) { target.scrollIntoView(); }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (link) { reveal(decodeURIComponent(link.getAttribute("href").slice(1))); }
  });
  window.addEventListener("hashchange", fromHash);
  if (window.location.hash) { fromHash(); }
  window.addEventListener("beforeprint", function () {
    Array.prototype.slice.call(document.querySelectorAll("details")).forEach(function (d) { d.open = true; });
  });
})();
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
