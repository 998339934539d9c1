// The catalogue's search: every form marked [data-catalogue-search] searches the Pagefind index that the
// build writes into pagefind/ (see generator/search.py). Pagefind's script, its Danish index and the
// result excerpts are fetched from this site only when someone starts to search.
//
// Keyboard: "/" jumps to the search box (the big one on the home page), arrow keys move through the
// results, Enter opens the chosen result (or the first one from the box), Escape closes the results.
(function () {
  "use strict";

  var SHOWN = 10; // results listed at once; "Vis flere" lists the next ones
  var header = document.querySelector("[data-search-root]");
  if (!header) return;
  var root = new URL(header.getAttribute("data-search-root"), document.baseURI);
  var engine = null;
  var counter = 0;

  function pagefind() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return module.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
          module.init();
          return module;
        });
      });
    }
    return engine;
  }

  // Pagefind finds the pages that hold every word of the query. A caseworker often types a sentence
  // ("min mand slår mig") whose words no single offer holds, so each word is searched on its own and the
  // pages are ranked by Pagefind's scores summed over the words: a page holding more of the words, or
  // holding them in its title and search words, comes first. A long word is also searched by its first
  // two thirds, so a typo near its end ("alkohl") still finds the word.
  function find(module, query, filters) {
    var words = query ? query.split(/\s+/) : [];
    if (!words.length) {
      return module.search(null, { filters: filters }).then(function (found) { return found.results; });
    }
    return Promise.all(
      words.map(function (word) { return searchWord(module, word, filters); })
    ).then(function (perWord) {
      var pages = {};
      perWord.forEach(function (results) {
        results.forEach(function (result) {
          var page = pages[result.id] || (pages[result.id] = { result: result, score: 0 });
          page.score += result.score;
        });
      });
      return Object.keys(pages)
        .map(function (id) { return pages[id]; })
        .sort(function (a, b) { return b.score - a.score; })
        .map(function (page) { return page.result; });
    });
  }

  function searchWord(module, word, filters) {
    var searches = [module.search(word, { filters: filters })];
    if (word.length >= 6) searches.push(module.search(word.slice(0, Math.ceil((word.length * 2) / 3)), { filters: filters }));
    return Promise.all(searches).then(function (found) {
      var best = {};
      found.forEach(function (search) {
        (search ? search.results : []).forEach(function (result) {
          if (!best[result.id] || best[result.id].score < result.score) best[result.id] = result;
        });
      });
      return Object.keys(best).map(function (id) { return best[id]; });
    });
  }

  window.catalogueSearch = {
    // The ranked results for a query, as the search box lists them: [{url, title}], for tests and tools.
    find: function (query, filters) {
      return pagefind()
        .then(function (module) { return find(module, query, filters || {}); })
        .then(function (results) { return Promise.all(results.map(function (result) { return result.data(); })); })
        .then(function (pages) {
          return pages.map(function (page) { return { url: page.url, title: page.meta.title }; });
        });
    },
  };

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  // Pagefind's excerpt is page text with the matched words in <mark>; rebuild it from text nodes so
  // nothing else from an indexed page can become markup here.
  function excerpt(html) {
    var paragraph = element("p", { class: "catalogue-search__excerpt" });
    var template = document.createElement("template");
    template.innerHTML = html;
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") paragraph.appendChild(element("mark", {}, node.textContent));
      else paragraph.appendChild(document.createTextNode(node.textContent));
    });
    return paragraph;
  }

  function Search(form) {
    var input = form.querySelector("input");
    var id = input.id || "catalogue-search-" + ++counter;
    var panel = element("div", { class: "catalogue-search__panel", id: id + "-panel", hidden: "" });
    var filters = element("div", { class: "catalogue-search__filters", role: "group", "aria-label": "Afgræns søgningen" });
    var status = element("p", { class: "catalogue-search__status", role: "status", "aria-live": "polite" });
    var list = element("ul", { class: "catalogue-search__results", "aria-label": "Søgeresultater" });
    var more = element("button", { type: "button", class: "md-button catalogue-search__more", hidden: "" }, "Vis flere");
    var selects = [];
    var results = [];
    var shown = 0;
    var latest = 0;
    var pending = Promise.resolve();

    panel.append(filters, status, list, more);
    form.after(panel);
    input.setAttribute("aria-controls", panel.id);

    function open() {
      panel.hidden = false;
    }

    function close() {
      panel.hidden = true;
    }

    function chosenFilters() {
      var chosen = {};
      selects.forEach(function (select) {
        if (select.value) chosen[select.dataset.filter] = select.value;
      });
      return chosen;
    }

    function buildFilters(available) {
      Object.keys(available).forEach(function (name) {
        var values = Object.keys(available[name]).sort(function (a, b) {
          return a.localeCompare(b, "da", { numeric: true });
        });
        if (!values.length) return;
        var label = element("label", { class: "catalogue-search__filter" });
        var select = element("select", { "data-filter": name });
        select.appendChild(element("option", { value: "" }, "Alle"));
        values.forEach(function (value) {
          select.appendChild(element("option", { value: value }, value + " (" + available[name][value] + ")"));
        });
        select.addEventListener("change", run);
        label.append(element("span", {}, name), select);
        filters.appendChild(label);
        selects.push(select);
      });
    }

    function render(items) {
      items.forEach(function (data) {
        var item = element("li", { class: "catalogue-search__result" });
        var link = element("a", { href: data.url, class: "catalogue-search__link" });
        link.appendChild(element("span", { class: "catalogue-search__title" }, data.meta.title || data.url));
        var facts = [data.meta.kategori, data.meta.kommuner].filter(Boolean).join(" · ");
        if (facts) link.appendChild(element("span", { class: "catalogue-search__facts" }, facts));
        link.appendChild(excerpt(data.excerpt));
        item.appendChild(link);
        list.appendChild(item);
      });
    }

    function showMore() {
      var next = results.slice(shown, shown + SHOWN);
      shown += next.length;
      var search = latest;
      return Promise.all(next.map(function (result) { return result.data(); })).then(function (items) {
        if (search !== latest) return;
        render(items);
        more.hidden = shown >= results.length;
      });
    }

    function run() {
      var query = input.value.trim();
      var chosen = chosenFilters();
      var search = ++latest;
      list.removeAttribute("data-query");
      if (!query && !Object.keys(chosen).length) {
        list.replaceChildren();
        status.textContent = "";
        more.hidden = true;
        return Promise.resolve();
      }
      open();
      pending = pagefind()
        .then(function (module) {
          return find(module, query, chosen);
        })
        .then(function (found) {
          if (search !== latest) return;
          results = found;
          shown = 0;
          list.replaceChildren();
          var count = results.length;
          status.textContent =
            count === 0 ? "Ingen resultater. Prøv et andet ord, eller fjern en afgrænsning." :
            count === 1 ? "1 resultat" : count + " resultater";
          return showMore().then(function () {
            if (search === latest) list.setAttribute("data-query", query); // the search shown (tests wait for it)
          });
        })
        .catch(function () {
          status.textContent = "Søgningen kunne ikke indlæses. Prøv at genindlæse siden.";
        });
      return pending;
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll("a"));
    }

    function start() {
      open();
      if (!selects.length) {
        pagefind()
          .then(function (module) { return module.filters(); })
          .then(function (available) {
            if (!selects.length) buildFilters(available);
          });
      }
    }

    input.addEventListener("focus", start);
    input.addEventListener("input", run);
    more.addEventListener("click", function () {
      var before = links().length;
      showMore().then(function () {
        var first = links()[before];
        if (first) first.focus();
      });
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      pending.then(function () {
        var first = links()[0];
        if (first) first.click();
      });
    });

    function onKey(event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && (event.target === input || at >= 0)) {
        event.preventDefault();
        open(); // after Escape, the arrow brings the results back
        if (all.length) all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        (at === 0 ? input : all[at - 1]).focus();
      } else if (event.key === "Escape" && !panel.hidden) {
        event.preventDefault();
        close();
        input.focus();
      }
    }
    form.addEventListener("keydown", onKey);
    panel.addEventListener("keydown", onKey);

    // The header's results float over the page: close them when the focus or a click leaves the search.
    if (form.closest(".catalogue-search--header")) {
      var outside = function (node) {
        return node && !form.contains(node) && !panel.contains(node);
      };
      document.addEventListener("click", function (event) {
        if (outside(event.target)) close();
      });
      form.parentNode.addEventListener("focusout", function (event) {
        if (outside(event.relatedTarget)) close();
      });
    }

    // The home page's form (and the header's, without JavaScript) sends ?q=…: search for it on arrival.
    var asked = new URLSearchParams(location.search).get("q");
    if (asked && form.hasAttribute("data-search-main")) {
      input.value = asked;
      start();
      run();
    }
    return input;
  }

  var boxes = Array.prototype.map.call(document.querySelectorAll("form[data-catalogue-search]"), Search);

  // "/" jumps to the main search box of the page (the home page's big box, else the header's).
  window.addEventListener(
    "keydown",
    function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      var target = event.target;
      if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      event.preventDefault();
      event.stopImmediatePropagation(); // Material would otherwise look for its own search
      var main = document.querySelector("form[data-search-main] input") || boxes[0];
      main.focus();
      main.select();
    },
    true
  );
})();
