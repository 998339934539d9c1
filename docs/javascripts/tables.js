// Make the catalogue's tables sortable (Material's tablesort recipe, with the script vendored).
document$.subscribe(function () {
  document.querySelectorAll("article table:not([class])").forEach(function (table) {
    new Tablesort(table);
  });
});
