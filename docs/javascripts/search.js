// The catalogue's search: every form marked [data-catalogue-search] searches the Pagefind index that the
// build writes into pagefind/ (see generator/search.py). Pagefind's script, its Danish index and the
// result excerpts are fetched from this site only when someone starts to search.
//
// Keyboard: "/" jumps to the search box (the big one on the home page), arrow keys move through the
// results, Enter opens the chosen result (or the first one from the box), Escape closes the results.
(function () {
  "use strict";

  var SHOWN = 10; // results listed at once; "Vis flere" lists the next ones
  // A query starts with its second letter: one letter matches nearly every offer, and on a large catalogue
  // it loads the biggest part of the index before the word the user is typing.
  var SHORTEST = 2;
  var header = document.querySelector("[data-search-root]");
  if (!header) return;
  var root = new URL(header.getAttribute("data-search-root"), document.baseURI);
  // Settings from the build (generator/search.py, browser_settings): Pagefind's ranking and the names of
  // the filters and files the ranking below uses.
  var settings = JSON.parse(header.getAttribute("data-search-settings") || "{}");
  var engine = null;
  var counter = 0;

  function pagefind() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        var options = { baseUrl: root.pathname, excerptLength: 24 };
        if (settings.ranking) options.ranking = settings.ranking;
        return module.options(options).then(function () {
          module.init();
          return module;
        });
      });
    }
    return engine;
  }

  var AS_TYPED = 0.3; // the score of a misspelt word's own matches (Pagefind's guesses) against its correction's

  // Everyday Danish words that say nothing about the need ("jeg vil have hjælp til at stoppe med at drikke"):
  // they would only add the pages that happen to use them.
  var STOP_WORDS = [
    "af", "at", "blive", "bliver", "de", "dem", "den", "deres", "der", "det", "du", "efter", "eller", "en",
    "er", "et", "for", "fra", "gerne", "ham", "han", "hans", "har", "have", "hende", "hendes", "hos", "hun",
    "i", "ikke", "jeg", "kan", "man", "med", "meget", "mig", "min", "mine", "mit", "når", "og", "om", "op",
    "os", "over", "på", "sig", "sin", "sine", "sit", "skal", "som", "til", "ud", "under", "ved", "vi", "vil"
  ].reduce(function (set, word) { set[word] = true; return set; }, {});

  // A word compared with a place name: case, æ/ø/å or their spellings ae/oe/aa and a genitive -s apart.
  function placeKey(word) {
    return word.toLowerCase().replace(/æ|ae/g, "a").replace(/ø|oe/g, "o").replace(/å|aa/g, "a");
  }

  // What the whole search needs to know once, from the small file the build writes beside the index
  // (search-facts.json): each filter's values with the number of offers that have them, the municipalities
  // by their place keys, and the words for spelling correction. Pagefind can tell the filters too, but only
  // by loading every filter's whole index first (80 KB at 10,000 offers, before the first result): it does
  // so only for a site built without the hook, which writes no such file.
  var facts = null;
  function catalogueFacts() {
    if (!facts) {
      var found = settings.factsFile
        ? fetch(new URL(settings.factsFile, root).href)
            .then(function (response) { return response.ok ? response.json() : {}; })
            .catch(function () { return {}; })
        : pagefind()
            .then(function (module) { return module.filters(); })
            .then(function (filters) { return { filters: filters }; })
            .catch(function () { return {}; });
      facts = found.then(function (known) {
        var filters = known.filters || {};
        var places = {};
        Object.keys(filters[settings.municipalityFilter] || {}).forEach(function (name) {
          places[placeKey(name)] = name;
        });
        return { filters: filters, places: places, words: known.words || [] };
      });
    }
    return facts;
  }

  function place(word, places) {
    var key = placeKey(word);
    return places[key] || (key.length > 3 && key.slice(-1) === "s" && places[key.slice(0, -1)]) || null;
  }

  // The query as a caseworker means it: its words, without stop-words and without a municipality's name,
  // which becomes a filter instead (unless a municipality is already chosen), so "rygestop i vallensbæk"
  // lists Vallensbæk's offer and not every page that mentions Vallensbæk. A query of nothing but such
  // words is searched as it is.
  function understand(query, filters, places) {
    var words = query.toLowerCase().split(/[^\p{L}\p{N}§]+/u).filter(Boolean);
    var meaningful = words.filter(function (word) { return !STOP_WORDS[word]; });
    if (meaningful.length) words = meaningful;
    var named = [];
    var rest = words.filter(function (word) {
      var name = place(word, places);
      if (name && named.indexOf(name) < 0) named.push(name);
      return !name;
    });
    var chosen = Object.assign({}, filters);
    if (named.length && rest.length) {
      words = rest;
      if (named.length === 1 && !chosen[settings.municipalityFilter]) chosen[settings.municipalityFilter] = named[0];
    }
    return { words: words, filters: chosen };
  }

  // Pagefind finds the pages that hold every word of the query. A caseworker often types a sentence
  // ("min mand slår mig") whose words no single offer holds, so each word is searched on its own and the
  // pages are ranked by Pagefind's scores summed over the words, scaled by the share of the words a page
  // holds: a page holding all the words beats one holding a single word strongly. Narrative pages
  // (evaluation, goals) count less than offers, so they come first only when the query is about them.
  function find(module, query, filters) {
    return catalogueFacts().then(function (known) {
      var asked = understand(query || "", filters, known.places);
      if (!asked.words.length) {
        if (!Object.keys(asked.filters).length) return [];
        return module.search(null, { filters: asked.filters }).then(function (found) { return found.results; });
      }
      return Promise.all(
        asked.words.map(function (word) { return searchWord(module, word, asked.filters, known); })
      ).then(function (perWord) {
        var pages = {};
        perWord.forEach(function (hits) {
          hits.forEach(function (hit) {
            var page = pages[hit.result.id] || (pages[hit.result.id] = { result: hit.result, score: 0, words: 0 });
            page.score += hit.score;
            page.words += 1;
          });
        });
        return Object.keys(pages)
          .map(function (id) {
            var page = pages[id];
            page.rank = (page.score * page.words) / asked.words.length;
            return page;
          })
          .sort(function (a, b) { return b.rank - a.rank; })
          .map(function (page) { return page.result; });
      });
    });
  }

  // One word's pages with their scores ({result, score}). A long word is also searched by its first two
  // thirds, so an ending the stemmer does not know still finds the word. Each term is one Pagefind search:
  // on a large catalogue a search costs a tenth of a second or more, so no search is spent on anything else
  // (narrative pages count less than offers by their weight in the index: overrides/main.html).
  function searchWord(module, word, filters, known) {
    function search(term) {
      return module.search(term, { filters: filters }).then(function (found) { return found.results; });
    }
    var terms = [search(word)];
    if (word.length >= 6) terms.push(search(word.slice(0, Math.ceil((word.length * 2) / 3))));
    var corrections = corrected(word, known.words);
    return Promise.all([Promise.all(terms), Promise.all(corrections.map(search))]).then(function (found) {
      var pages = {};
      function add(results, factor) {
        results.forEach(function (result) {
          var score = result.score * factor;
          if (!pages[result.id] || pages[result.id].score < score) {
            pages[result.id] = { result: result, score: score };
          }
        });
      }
      found[0].forEach(function (results) { add(results, corrections.length ? AS_TYPED : 1); });
      found[1].forEach(function (results) { add(results, 1); });
      return Object.keys(pages).map(function (id) { return pages[id]; });
    });
  }

  // Pagefind has no typo tolerance: a word it does not know matches whatever shorter word it begins with
  // ("skitzofreni" finds "s"). A long query word that is not one of the words offers are searched by (their
  // titles and tags, search-facts.json), nor the beginning or an inflection of one, is corrected to the
  // nearest of those words with the same first letter: one letter wrong, missing, extra or two letters
  // swapped (two such slips in a word of 10 letters or more). Shorter words have too many neighbours.
  function corrected(word, words) {
    if (!words.length || word.length < 7 || !/^\p{L}+$/u.test(word)) return [];
    var best = [];
    var least = word.length >= 10 ? 2 : 1;
    for (var i = 0; i < words.length; i++) {
      var known = words[i];
      if (known.indexOf(word) === 0 || (known.length >= 5 && word.indexOf(known) === 0)) return [];
      if (known[0] !== word[0]) continue;
      var distance = editDistance(word, known, least);
      if (known.length > word.length && editDistance(word, known.slice(0, word.length), 1) <= 1) {
        distance = Math.min(distance, 1);
      }
      if (distance < least) { least = distance; best = []; }
      if (distance === least) best.push(known);
    }
    return best.length <= 3 ? best : [];
  }

  // Optimal string alignment distance (Levenshtein plus swapped neighbours), or limit + 1 beyond the limit.
  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var smallest = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var value = Math.min(previous[k] + 1, row[k - 1] + 1, previous[k - 1] + cost);
        if (before && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          value = Math.min(value, before[k - 2] + 1);
        }
        row.push(value);
        smallest = Math.min(smallest, value);
      }
      if (smallest > limit) return limit + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
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
    var busy = false; // a search is running
    var again = false; // the query changed meanwhile: search once more when it ends

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

    // One search at a time, and then only the latest: a fast typist's every keystroke would otherwise queue
    // a search of its own, and on a large catalogue the results for the whole word would come seconds late.
    function run() {
      if (busy) {
        again = true;
        return pending;
      }
      var query = input.value.trim();
      if (query.length < SHORTEST) query = "";
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
          if (search !== latest || again) return; // outdated already: its excerpts would load for nothing
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
        })
        .then(function () {
          busy = false;
          if (again) {
            again = false;
            return run();
          }
        });
      busy = true;
      return pending;
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll("a"));
    }

    function start() {
      open();
      if (!selects.length) {
        pagefind().catch(function () {}); // its script and index start loading while the user types
        catalogueFacts().then(function (known) {
          if (!selects.length) buildFilters(known.filters);
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
