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
  // A last word of one or two letters matches, as a prefix, much of the index: at 10,000 offers "bo" or "ti"
  // loads 80 KB of it and takes half a second. While the last word is that short, or the query is nothing but
  // small words ("min", the start of "min søn drikker"), the search waits until the typing pauses this long:
  // a word typed on is searched from its third letter, and a query that ends in such a word ("hjælp til CV")
  // once the typing stops. Any other query is searched at once (pausing(), STOP_WORDS).
  var SHORT_WORD_PAUSE = 200;
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
        // noWorker: Pagefind's web worker would first download a second copy of its engine (pagefind-worker.js,
        // 41 KB); a search of a whole word takes milliseconds on the page itself.
        var options = { baseUrl: root.pathname, excerptLength: 24, noWorker: true };
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
  var EVERYDAY = 0.8; // the score of the catalogue's words for an everyday word against the word's own matches

  // Everyday Danish words that say nothing about the need ("jeg vil have hjælp til at stoppe med at drikke"):
  // they would only add the pages that happen to use them.
  var STOP_WORDS = [
    "af", "at", "blive", "bliver", "de", "dem", "den", "deres", "der", "det", "du", "efter", "eller", "en",
    "er", "et", "for", "fra", "gerne", "ham", "han", "hans", "har", "have", "hende", "hendes", "hos", "hun",
    "i", "ikke", "jeg", "kan", "man", "med", "meget", "mig", "min", "mine", "mit", "når", "og", "om", "op",
    "os", "over", "på", "sig", "sin", "sine", "sit", "skal", "som", "til", "ud", "under", "ved", "vi", "vil"
  ].reduce(function (set, word) { set[word] = true; return set; }, {});

  // Whether a query, as typed so far, waits for a pause in the typing before it is searched (SHORT_WORD_PAUSE).
  function pausing(value) {
    if (/(^|\s)\S{1,2}$/.test(value)) return true;
    var words = value.toLowerCase().split(/[^\p{L}\p{N}§]+/u).filter(Boolean);
    return words.length > 0 && words.every(function (word) { return STOP_WORDS[word]; });
  }

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
        var words = known.words || {};
        return {
          filters: filters,
          places: places,
          words: words,
          wordList: Object.keys(words),
          everyday: known.everyday || {},
          roles: known.roles || null,
        };
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
  // words is searched as it is. And the role the query names, if any (roleOf), read from all its words.
  function understand(query, filters, places, roles) {
    var words = query.toLowerCase().split(/[^\p{L}\p{N}§]+/u).filter(Boolean);
    var role = roleOf(words, roles);
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
    return { words: words, filters: chosen, role: role };
  }

  // The role a query names ("jeg slår min kæreste": the one who is violent; "min søn drikker": a relative), by
  // the build's cues (generator/search.py, ROLE_CUES): the first cue whose slots match words of the query in
  // order, each slot right after the one before or up to its gap of words later, no word of the gap starting
  // another subject ("jeg tror han slår" is not about the one who types). Null when no cue matches.
  function roleOf(words, roles) {
    if (!roles || !roles.cues) return null;
    var classes = roles.classes || {};
    var subjects = roles.subjects || [];
    function fits(slot, word) {
      return slot.some(function (alternative) {
        return alternative[0] === "@" ? (classes[alternative.slice(1)] || []).indexOf(word) >= 0 : alternative === word;
      });
    }
    function matchesFrom(cue, start) {
      if (!fits(cue.slots[0], words[start])) return false;
      var at = start;
      for (var slot = 1; slot < cue.slots.length; slot++) {
        var next = -1;
        for (var k = at + 1; k < words.length && k <= at + 1 + cue.gaps[slot]; k++) {
          if (fits(cue.slots[slot], words[k])) { next = k; break; }
          if (subjects.indexOf(words[k]) >= 0) break;
        }
        if (next < 0) return false;
        at = next;
      }
      return true;
    }
    for (var c = 0; c < roles.cues.length; c++) {
      for (var start = 0; start < words.length; start++) {
        if (matchesFrom(roles.cues[c], start)) return roles.cues[c].role;
      }
    }
    return null;
  }

  // What a role named in a query does to the results (null when it names none): the Pagefind filters that
  // tell, for each page a term finds, whether its roles serve the named role (servedBy: a relative's query is
  // served by the person's own offers too) and whether it has a role at all, read from the roles filter
  // (settings.roleFilter) within the chosen filters; and, for a role that is a need in itself (find: the one
  // subjected to violence, the one who uses it), the word its offers are found by within the role ("vold").
  // Never a search by filters alone: Pagefind 1.5.2 answers one by loading every chunk of its word index
  // (4.8 MB at 10,000 offers).
  function roleFilters(role, filters, roles) {
    if (!role || !settings.roleFilter) return null;
    function within(values) {
      var only = Object.assign({}, filters);
      only[settings.roleFilter] = { any: values };
      return only;
    }
    return {
      served: within(roles.servedBy[role] || [role]),
      roled: within(Object.keys(roles.servedBy)),
      find: roles.find && roles.find[role] ? { word: roles.find[role], filters: within([role]) } : null,
    };
  }

  // Pagefind finds the pages that hold every word of the query. A caseworker often types a sentence
  // ("min mand slår mig") whose words no single offer holds, so each word is searched on its own and the
  // pages are ranked by Pagefind's scores summed over the words, scaled by the share of the words a page
  // holds: a page holding all the words beats one holding a single word strongly. Narrative pages
  // (evaluation, goals) count less than offers, so they come first only when the query is about them.
  // A role the query names (roleOf) that is a need in itself counts as one more word, held by the offers for
  // it as strongly as the query's best-matched word; and an offer whose roles do not serve the named role
  // ("jeg slår min kæreste": smoking cessation, or the offer for those subjected to violence) comes after every
  // other result, and not at all when nothing else is found: a wrong offer sends the citizen to a service that
  // is not for them, which is worse than none.
  function find(module, query, filters) {
    return catalogueFacts().then(function (known) {
      var asked = understand(query || "", filters, known.places, known.roles);
      if (!asked.words.length) {
        if (!Object.keys(asked.filters).length) return [];
        return module.search(null, { filters: asked.filters }).then(function (found) { return found.results; });
      }
      var search = searcher(module, asked.filters, roleFilters(asked.role, asked.filters, known.roles));
      return Promise.all([
        Promise.all(asked.words.map(function (word) { return searchWord(search, word, known); })),
        search.finds(),
      ]).then(function (found) {
        var perWord = found[0];
        var finds = found[1];
        var pages = {};
        var best = 0;
        function add(result, score) {
          var page = pages[result.id] || (pages[result.id] = { result: result, score: 0, words: 0 });
          page.score += score;
          page.words += 1;
        }
        perWord.forEach(function (hits) {
          hits.forEach(function (hit) {
            add(hit.result, hit.score);
            best = Math.max(best, hit.score);
          });
        });
        var terms = asked.words.length;
        if (finds) {
          terms += 1;
          finds.forEach(function (result) { add(result, best || 1); });
        }
        var ranked = Object.keys(pages)
          .map(function (id) {
            var page = pages[id];
            page.rank = (page.score * page.words) / terms;
            return page;
          })
          .sort(function (a, b) { return b.rank - a.rank; })
          .map(function (page) { return page.result; });
        if (!search.roles) return ranked;
        var other = function (result) { return search.roled[result.id] && !search.served[result.id]; };
        var serving = ranked.filter(function (result) { return !other(result); });
        return serving.length ? serving.concat(ranked.filter(other)) : [];
      });
    });
  }

  // The searches of one query, each term searched once however many words lead to it (an everyday word, a
  // correction). With a role named, each term is searched within the role filters too, which marks the pages
  // found whose roles serve it (served) and those with a role at all (roled).
  function searcher(module, filters, roles) {
    var done = {};
    var search = {
      roles: roles,
      served: {},
      roled: {},
      term: function (term) {
        if (!done[term]) {
          var all = results(term, filters);
          if (roles) {
            all = Promise.all([all, mark(term, roles.served, search.served), mark(term, roles.roled, search.roled)])
              .then(function (found) { return found[0]; });
          }
          done[term] = all;
        }
        return done[term];
      },
      // The offers for a role that is a need in itself, found by its word within the role; null for no such role.
      finds: function () {
        return roles && roles.find ? results(roles.find.word, roles.find.filters) : Promise.resolve(null);
      },
    };
    function results(term, within) {
      return module.search(term, { filters: within }).then(function (found) { return found.results; });
    }
    function mark(term, within, ids) {
      return results(term, within).then(function (found) {
        found.forEach(function (result) { ids[result.id] = true; });
      });
    }
    return search;
  }

  // One word's pages with their scores ({result, score}). A long word is also searched by its first two
  // thirds, so an ending the stemmer does not know still finds the word. Each term is one Pagefind search:
  // on a large catalogue a search costs a tenth of a second or more, so no search is spent on anything else
  // (narrative pages count less than offers by their weight in the index: overrides/main.html).
  function searchWord(search, word, known) {
    var terms = [search.term(word)];
    if (word.length >= 6) terms.push(search.term(word.slice(0, Math.ceil((word.length * 2) / 3))));
    var corrections = corrected(word, known);
    var plain = everyday(word, known.everyday);
    return Promise.all([
      Promise.all(terms),
      Promise.all(corrections.map(search.term)),
      Promise.all(plain.map(search.term)),
    ]).then(function (found) {
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
      found[2].forEach(function (results) { add(results, EVERYDAY); });
      return Object.keys(pages).map(function (id) { return pages[id]; });
    });
  }

  // Pagefind has no typo tolerance: a word it does not know matches whatever shorter word it begins with
  // ("skitzofreni" finds "s"). A query word of 5 letters or more that is not one of the words offers are
  // searched by (their titles, tags, target groups and purposes, search-facts.json), nor the beginning or an
  // inflection of one, is corrected to the nearest of those words with the same first letter: one letter
  // wrong, missing, extra or two letters swapped (two such slips in a word of 10 letters or more). Where
  // several words are as near, the one most offers hold wins (a typo of a common word means the common word),
  // and two only when they are held by as many offers: a guess among many is still a guess, but a good one.
  function corrected(word, known) {
    var words = known.wordList;
    if (!words.length || word.length < 5 || !/^\p{L}+$/u.test(word)) return [];
    var candidates = [];
    var least = word.length >= 10 ? 2 : 1;
    for (var i = 0; i < words.length; i++) {
      var other = words[i];
      if (other.indexOf(word) === 0 || (other.length >= 5 && word.indexOf(other) === 0)) return [];
      if (other[0] !== word[0]) continue;
      var distance = editDistance(word, other, least);
      if (other.length > word.length && editDistance(word, other.slice(0, word.length), 1) <= 1) {
        distance = Math.min(distance, 1);
      }
      if (distance <= least) candidates.push({ word: other, distance: distance, count: known.words[other] });
    }
    candidates.sort(function (a, b) { return a.distance - b.distance || b.count - a.count; });
    return candidates
      .filter(function (candidate, at) {
        return at === 0 || (at === 1 && candidate.distance === candidates[0].distance && candidate.count === candidates[0].count);
      })
      .map(function (candidate) { return candidate.word; });
  }

  // The catalogue's words for an everyday word (search-facts.json, generator/search.py EVERYDAY): the word's
  // own entry, or that of a word of 5 letters or more it begins with ("snakker", "deprimerede").
  function everyday(word, words) {
    if (words[word]) return words[word];
    for (var length = word.length - 1; length >= 5; length--) {
      if (words[word.slice(0, length)]) return words[word.slice(0, length)];
    }
    return [];
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
    // The role a query names (a key of generator/taxonomy.py ROLES), or null: for tests and tools.
    role: function (query) {
      return catalogueFacts().then(function (known) { return understand(query, {}, known.places, known.roles).role; });
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
    // The panel under the box: one line with the number of results and the "Filtre" button, the filters
    // folded behind that button, then the results. On a phone the first result is right under the box, above
    // the on-screen keyboard, instead of under five menus.
    var panel = element("div", { class: "catalogue-search__panel", id: id + "-panel", hidden: "" });
    var bar = element("div", { class: "catalogue-search__bar" });
    var status = element("p", { class: "catalogue-search__status", role: "status", "aria-live": "polite" });
    var toggle = element("button", {
      type: "button",
      class: "catalogue-search__toggle",
      id: id + "-filters-toggle",
      "aria-expanded": "false",
      "aria-controls": id + "-filters",
    }, "Filtre");
    var filters = element("div", {
      class: "catalogue-search__filters",
      id: id + "-filters",
      role: "group",
      "aria-labelledby": id + "-filters-toggle",
      hidden: "",
    });
    var list = element("ul", { class: "catalogue-search__results", "aria-label": "Søgeresultater" });
    var more = element("button", { type: "button", class: "md-button catalogue-search__more", hidden: "" }, "Vis flere");
    var selects = [];
    var results = [];
    var shown = 0;
    var latest = 0;
    var pending = Promise.resolve();
    var busy = false; // a search is running
    var again = false; // the query changed meanwhile: search once more when it ends
    var floating = Boolean(form.closest(".catalogue-search--header")); // the header's results float over the page
    var phone = window.matchMedia("(max-width: 44.984375em)"); // Material's breakpoint for phones

    bar.append(status, toggle);
    panel.append(bar, filters, list, more);
    form.after(panel);
    input.setAttribute("aria-controls", panel.id);

    function open() {
      panel.hidden = false;
    }

    function close() {
      panel.hidden = true;
    }

    // The button says how many filters are set, also while they are folded: "Filtre (2)".
    function countFilters() {
      var set = selects.filter(function (select) { return select.value; }).length;
      toggle.textContent = set ? "Filtre (" + set + ")" : "Filtre";
    }

    function showFilters(unfold) {
      filters.hidden = !unfold;
      toggle.setAttribute("aria-expanded", unfold ? "true" : "false");
    }

    // A disclosure button: the focus stays on it, and Tab goes on into the filters it unfolded.
    toggle.addEventListener("click", function () {
      start();
      showFilters(filters.hidden);
    });

    // On a phone the big box moves up under the header as the user starts typing, so the results below it
    // are not hidden behind the on-screen keyboard.
    function bringUp() {
      if (floating || !phone.matches) return;
      var top = form.getBoundingClientRect().top;
      var header = document.querySelector(".md-header");
      var below = header ? header.getBoundingClientRect().bottom : 0;
      if (top > below + 16) window.scrollBy(0, top - below - 8);
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
        select.addEventListener("change", function () {
          countFilters();
          run();
        });
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
        // An offer says what it is in one line (its summary); a narrative page shows where the words matched.
        link.appendChild(
          data.meta.resume
            ? element("p", { class: "catalogue-search__excerpt" }, data.meta.resume)
            : excerpt(data.excerpt)
        );
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

    // Focus prepares the search (Pagefind's script and the filters start loading) but opens nothing in the
    // header, so Tab passes the header's box in one step; typing opens the results, as do arrow down and the
    // home page's address (?q=). The home page's box opens its panel (the "Filtre" button) on focus.
    function start() {
      if (!selects.length) {
        pagefind().catch(function () {}); // its script and index start loading while the user types
        catalogueFacts().then(function (known) {
          if (!selects.length) {
            buildFilters(known.filters);
            countFilters();
          }
        });
      }
    }

    input.addEventListener("focus", function () {
      start();
      if (!floating) open();
    });
    // Typing searches at once, or when it pauses (pausing, SHORT_WORD_PAUSE).
    var waiting = null;
    function searchNow() {
      clearTimeout(waiting);
      waiting = null;
      return run();
    }
    input.addEventListener("input", function () {
      open();
      bringUp();
      clearTimeout(waiting);
      waiting = null;
      if (pausing(input.value)) {
        again = false; // a search running now is not followed at once by one for these words
        waiting = setTimeout(searchNow, SHORT_WORD_PAUSE);
      } else {
        run();
      }
    });
    more.addEventListener("click", function () {
      var before = links().length;
      showMore().then(function () {
        var first = links()[before];
        if (first) first.focus();
      });
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      (waiting ? searchNow() : pending).then(function () {
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
    if (floating) {
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
      open();
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
