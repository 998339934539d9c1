// Alle tilbud: narrow the table by municipality, category, access, goal and legal basis.
// The choice is kept in the address (?kommune=Ishøj&adgang=self), so a filtered list can be bookmarked and
// shared. Without JavaScript the form stays hidden and the table shows every offer.
document$.subscribe(function () {
  document.querySelectorAll("form[data-filters]").forEach(function (form) {
    var table = document.getElementById(form.dataset.filters);
    var count = document.querySelector('[data-filter-count="' + CSS.escape(form.dataset.filters) + '"]');
    if (!table || !table.tBodies.length) return;
    var rows = Array.from(table.tBodies[0].rows);
    var selects = Array.from(form.querySelectorAll("select"));
    // Each row holds its values as a JSON array, data-NAME='["a","b"]' (generator/tables.py, Row.attributes),
    // so a value is one value whatever characters it holds. Read once, not at every change.
    var values = rows.map(function (row) {
      var byName = {};
      selects.forEach(function (select) { byName[select.name] = JSON.parse(row.dataset[select.name] || "[]"); });
      return byName;
    });

    function matches(rowValues, select) {
      return !select.value || rowValues[select.name].indexOf(select.value) !== -1;
    }

    function apply() {
      var shown = 0;
      rows.forEach(function (row, index) {
        var match = selects.every(function (select) { return matches(values[index], select); });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (count) count.textContent = "Viser " + shown + " af " + rows.length + " tilbud";
    }

    function writeAddress() {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (select) {
        if (select.value) params.set(select.name, select.value);
        else params.delete(select.name);
      });
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function readAddress() {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (select) {
        var value = params.get(select.name) || "";
        var known = Array.from(select.options).some(function (option) { return option.value === value; });
        select.value = known ? value : "";
      });
    }

    form.hidden = false;
    if (count) count.hidden = false;
    readAddress();
    apply();
    form.addEventListener("change", function () {
      apply();
      writeAddress();
    });
    form.addEventListener("reset", function () {
      setTimeout(function () {  // the form's values are reset after this event
        apply();
        writeAddress();
      });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  });
});
