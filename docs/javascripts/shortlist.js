// Kortliste: a team member collects offers for a case meeting, shares the list and prints it as a handout.
// The list (offer ids and titles) lives in this browser's localStorage only. A share link carries only
// offer ids, in the fragment (kortliste/#ids=a,b), which the browser never sends to a server. The meeting
// notes live only in the open page: never stored, never put in an address, never sent.
(function () {
  var KEY = "tilbudskatalog.kortliste";
  var OFFER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;  // the offer id rule of generator/model.py
  // The Kortliste page below the site root: the hook's output folder "tilbud" + pages.SHORTLIST_PAGE.
  var PAGE = "tilbud/kortliste/";

  function load() {
    try {
      var list = JSON.parse(localStorage.getItem(KEY));
      return Array.isArray(list) ? list.filter(function (entry) { return entry && OFFER_ID.test(entry.id); }) : [];
    } catch (error) {
      return [];
    }
  }

  function save(list) {
    localStorage.setItem(KEY, JSON.stringify(list));
    updateCounter();
  }

  function has(list, id) {
    return list.some(function (entry) { return entry.id === id; });
  }

  function siteRoot() {
    try {
      return new URL(JSON.parse(document.getElementById("__config").textContent).base + "/", location.href);
    } catch (error) {
      return new URL("/", location.href);
    }
  }

  function element(tag, properties, children) {
    var node = document.createElement(tag);
    Object.keys(properties || {}).forEach(function (name) {
      if (name === "className" || name === "textContent" || name === "type" || name === "href" || name === "id") {
        node[name] = properties[name];
      } else {
        node.setAttribute(name, properties[name]);
      }
    });
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }

  // The counter in the header of every page: "Kortliste (3)", a link to the Kortliste page.
  function updateCounter() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var link = header.querySelector(".shortlist-counter");
    if (!link) {
      link = element("a", { className: "md-header__button shortlist-counter", href: new URL(PAGE, siteRoot()).href });
      header.querySelector(".md-header__title").after(link);
    }
    var count = load().length;
    link.replaceChildren("Kortliste (" + count + ")");
  }

  function setupToggle(button) {
    var id = button.dataset.offerId;
    function show() {
      var chosen = has(load(), id);
      button.textContent = chosen ? "Fjern fra kortliste" : "Føj til kortliste";
      button.setAttribute("aria-pressed", chosen ? "true" : "false");
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var list = load();
      save(has(list, id)
        ? list.filter(function (entry) { return entry.id !== id; })
        : list.concat([{ id: id, title: button.dataset.offerTitle }]));
      show();
    });
    show();
  }

  // The ids of a share link (#ids=a,b,c), or null when the address has none. What is not an offer id is left
  // out, and so is a part whose %-escape is broken (a link cut short, or typed by hand): the list is drawn anyway.
  function sharedIds() {
    var match = /^#(?:.*&)?ids=([^&]*)/.exec(location.hash);
    if (!match) return null;
    var ids = [];
    match[1].split(/,|%2C/i).forEach(function (part) {
      var id = decoded(part);
      if (id !== null && OFFER_ID.test(id) && ids.indexOf(id) === -1) ids.push(id);
    });
    return ids;
  }

  function decoded(text) {
    try {
      return decodeURIComponent(text);
    } catch (error) {  // URIError: a malformed %-escape
      return null;
    }
  }

  function shareLink(list) {
    var url = new URL(PAGE, siteRoot());
    url.hash = "ids=" + list.map(function (entry) { return entry.id; }).join(",");
    return url.href;
  }

  function danishToday() {
    return new Intl.DateTimeFormat("da-DK", { dateStyle: "long" }).format(new Date());
  }

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // What the handout's first page says about an offer, read from the top of its page
  // (generator/templates/offer.md.jinja): its title and subtitle, what it is (the one-line summary), how a
  // citizen gets access, and whom to call: each quick contact's name with its phone numbers (its e-mail when
  // it has no phone).
  function offerFacts(page) {
    var title = page.querySelector("article h1");
    if (title) title.querySelectorAll(".headerlink").forEach(function (node) { node.remove(); });
    var subtitle = text(page.querySelector("article .offer-subtitle"));
    var contacts = Array.from(page.querySelectorAll("article .offer-quick-contacts li")).map(function (item) {
      var numbers = Array.from(item.querySelectorAll('a[href^="tel:"]'));
      var mails = Array.from(item.querySelectorAll('a[href^="mailto:"]'));
      return {
        name: text(item.querySelector("strong")).replace(/:$/, ""),
        links: (numbers.length ? numbers : mails).map(function (link) {
          return { href: link.getAttribute("href"), text: text(link) };
        }),
      };
    });
    return {
      title: text(title) ? text(title) + (subtitle ? " – " + subtitle : "") : "",
      summary: text(page.querySelector("article .offer-summary")),
      access: text(page.querySelector("article .offer-referral")),
      contacts: contacts,
    };
  }

  function offerContent(page) {
    var article = page.querySelector("article.md-content__inner");
    // The title (with its subtitle) is the section's heading; the summary, access and quick contacts are on the
    // handout's first page, in the overview.
    article.querySelectorAll(
      "h1, .headerlink, .md-content__button, .offer-shortlist, .md-source-file, [data-shortlist-omit], " +
        ".offer-subtitle, .offer-summary, .offer-quick-contacts"
    ).forEach(function (node) { node.remove(); });
    // Tags are for search, and the date is in the line under the title: neither belongs on a handout.
    article.querySelectorAll(".offer-tags, .offer-updated").forEach(function (node) {
      var heading = node.previousElementSibling;
      if (!node.hidden && heading && /^H[2-6]$/.test(heading.tagName)) heading.remove();
      node.remove();
    });
    // Below the list's h2 and each offer's h3 title, the offer's own headings move down two levels.
    article.querySelectorAll("h2, h3, h4").forEach(function (heading) {
      var lower = document.createElement("h" + (Number(heading.tagName[1]) + 2));
      lower.append.apply(lower, Array.from(heading.childNodes));
      heading.replaceWith(lower);
    });
    article.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    return article;
  }

  function Shortlist(target) {
    this.target = target;
    this.build();
    this.receiveSharedList();
    this.showAll();
  }

  Shortlist.prototype.build = function () {
    var self = this;
    this.printed = element("p", { className: "shortlist-printed" });
    this.status = element("p", { className: "shortlist-status", role: "status", "aria-live": "polite" });
    this.choice = element("div", { className: "shortlist-choice" });
    this.choice.hidden = true;
    this.heading = element("h2", { id: "valgte-tilbud", className: "shortlist-heading", tabindex: "-1" });
    this.empty = element("p", { className: "shortlist-empty", textContent: "Kortlisten er tom." });

    var print = element("button", { type: "button", className: "md-button md-button--primary",
      textContent: "Udskriv kortlisten" });
    print.addEventListener("click", function () { window.print(); });
    var clear = element("button", { type: "button", className: "md-button", textContent: "Ryd kortlisten" });
    clear.addEventListener("click", function () {
      save([]);
      self.showAll();
      self.announce("Kortlisten er ryddet.");
      self.heading.focus();
    });
    this.tools = element("p", { className: "shortlist-tools" }, [print, " ", clear]);

    this.link = element("input", { id: "shortlist-link", type: "text", readonly: "", className: "shortlist-link" });
    var copy = element("button", { type: "button", className: "md-button", textContent: "Kopiér link" });
    copy.addEventListener("click", function () {
      self.link.select();
      var copied = navigator.clipboard ? navigator.clipboard.writeText(self.link.value) : Promise.reject();
      copied.then(
        function () { self.announce("Linket er kopieret."); },
        function () { self.announce("Linket er markeret: kopiér det med Ctrl+C."); }
      );
    });
    this.share = element("div", { className: "shortlist-share" }, [
      element("label", { for: "shortlist-link", textContent: "Del kortlisten med et link" }),
      element("div", { className: "shortlist-share-row" }, [this.link, copy]),
      element("p", { className: "shortlist-hint", id: "shortlist-link-hint",
        textContent: "Linket indeholder kun, hvilke tilbud der er på listen – ikke dine noter." }),
    ]);
    this.link.setAttribute("aria-describedby", "shortlist-link-hint");

    this.notes = element("textarea", { id: "shortlist-notes", rows: "4", autocomplete: "off", spellcheck: "false",
      "aria-describedby": "shortlist-notes-hint" });
    this.notesPrint = element("div", { className: "shortlist-notes-print" });
    this.notes.addEventListener("input", function () { self.notesPrint.textContent = self.notes.value; });
    this.notesBlock = element("div", { className: "shortlist-notes" }, [
      element("label", { for: "shortlist-notes", textContent: "Noter til mødet" }),
      this.notes,
      element("p", { className: "shortlist-hint", id: "shortlist-notes-hint",
        textContent: "Noterne kommer med på udskriften, men de gemmes ikke og sendes ikke nogen steder. " +
          "De forsvinder, når du lukker eller genindlæser siden." }),
      element("h2", { className: "shortlist-notes-heading", textContent: "Noter" }),
      this.notesPrint,
    ]);

    // The handout's first page: every chosen offer in one table (printed only; the screen shows the offers).
    this.overviewRows = element("tbody");
    this.overview = element("div", { className: "shortlist-overview" }, [
      element("table", {}, [
        element("caption", { className: "shortlist-overview-caption" }),
        element("thead", {}, [element("tr", {}, ["Tilbud", "Hvad det er", "Adgang", "Kontakt"].map(function (name) {
          return element("th", { scope: "col", textContent: name });
        }))]),
        this.overviewRows,
      ]),
    ]);

    this.offers = element("div", { className: "shortlist-offers" });
    this.target.replaceChildren(this.printed, this.status, this.choice, this.heading, this.empty, this.tools,
      this.share, this.notesBlock, this.overview, this.offers);
    this.stampDate();
    window.addEventListener("beforeprint", function () { self.stampDate(); });
  };

  Shortlist.prototype.stampDate = function () {
    this.printed.textContent = "Udskrevet " + danishToday();
  };

  Shortlist.prototype.announce = function (message) {
    this.status.textContent = message;
  };

  // A share link in a browser with its own, different list: ask rather than lose either list.
  Shortlist.prototype.receiveSharedList = function () {
    var self = this;
    var ids = sharedIds();
    if (ids === null) return;
    function forgetLink() { history.replaceState(history.state, "", location.pathname + location.search); }
    var own = load();
    var fresh = ids.filter(function (id) { return !has(own, id); });
    var shared = ids.map(function (id) { return { id: id, title: id }; });
    if (!fresh.length) return forgetLink();
    if (!own.length) {
      forgetLink();
      save(shared);
      this.announce("Den delte kortliste med " + ids.length + " tilbud er åbnet.");
      return;
    }
    function choose(label, list, message) {
      var button = element("button", { type: "button", className: "md-button", textContent: label });
      button.addEventListener("click", function () {
        if (list) save(list);
        forgetLink();
        self.choice.hidden = true;
        self.choice.replaceChildren();
        self.showAll();
        self.announce(message);
        self.heading.focus();
      });
      return button;
    }
    var merged = own.concat(shared.filter(function (entry) { return fresh.indexOf(entry.id) !== -1; }));
    this.choice.replaceChildren(
      element("h2", { id: "delt-kortliste", textContent: "Du har åbnet en delt kortliste" }),
      element("p", { textContent: "Linket har " + ids.length + " tilbud, heraf " + fresh.length +
        " som ikke er på din egen kortliste i denne browser (" + own.length + " tilbud)." }),
      element("p", { className: "shortlist-choice-buttons" }, [
        choose("Føj de delte tilbud til min kortliste", merged, "De delte tilbud er føjet til din kortliste."),
        " ",
        choose("Erstat min kortliste med den delte", shared, "Din kortliste er erstattet med den delte."),
        " ",
        choose("Behold min kortliste uændret", null, "Din kortliste er uændret."),
      ])
    );
    this.choice.setAttribute("role", "region");
    this.choice.setAttribute("aria-labelledby", "delt-kortliste");
    this.choice.hidden = false;
  };

  Shortlist.prototype.refreshSummary = function () {
    var list = load();
    this.heading.textContent = "Valgte tilbud (" + list.length + ")";
    this.overview.querySelector("caption").textContent = "Valgte tilbud (" + list.length + ")";
    this.overview.hidden = !list.length;
    this.empty.hidden = list.length > 0;
    this.tools.hidden = this.share.hidden = !list.length;
    this.link.value = list.length ? shareLink(list) : "";
  };

  Shortlist.prototype.showAll = function () {
    var self = this;
    this.offers.replaceChildren();
    this.overviewRows.replaceChildren();
    load().forEach(function (entry) { self.offers.append(self.section(entry)); });
    this.refreshSummary();
  };

  Shortlist.prototype.remove = function (section, entry) {
    var next = section.nextElementSibling;
    save(load().filter(function (other) { return other.id !== entry.id; }));
    if (section.overviewRow) section.overviewRow.remove();
    section.remove();
    this.refreshSummary();
    var left = load().length;
    this.announce(entry.title + " er fjernet fra kortlisten. " +
      (left ? left + " tilbud tilbage." : "Kortlisten er tom."));
    (next ? next.querySelector(".shortlist-remove") : this.heading).focus();
  };

  Shortlist.prototype.section = function (entry) {
    var self = this;
    var section = element("section", { className: "shortlist-offer" });
    section.dataset.offerId = entry.id;
    var link = element("a", { href: new URL("tilbud/" + entry.id + "/", siteRoot()).href, textContent: entry.title });
    var heading = element("h3", {}, [link]);
    var remove = element("button", { type: "button", className: "md-button shortlist-remove", textContent: "Fjern" });
    function label() { remove.setAttribute("aria-label", "Fjern " + link.textContent + " fra kortlisten"); }
    label();
    remove.addEventListener("click", function () { self.remove(section, { id: entry.id, title: link.textContent }); });
    section.append(heading, remove);
    // The offer's line in the overview: its title at once, the rest when its page has been read.
    var name = element("th", { scope: "row", textContent: entry.title });
    var row = element("tr", {}, [name]);
    section.overviewRow = row;
    this.overviewRows.append(row);
    fetch(link.href)
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var facts = offerFacts(page);
        var article = offerContent(page);
        if (facts.title && facts.title !== link.textContent) {
          link.textContent = facts.title;
          label();
          save(load().map(function (other) {
            return other.id === entry.id ? { id: other.id, title: facts.title } : other;
          }));
        }
        name.textContent = link.textContent;
        row.append(
          element("td", { textContent: facts.summary }),
          element("td", { textContent: facts.access || "Se nedenfor" }),
          element("td", {}, facts.contacts.length ? facts.contacts.map(function (contact) {
            var line = element("p", {}, [contact.name + (contact.links.length ? ": " : "")]);
            contact.links.forEach(function (found, index) {
              if (index) line.append(", ");
              line.append(element("a", { href: found.href, textContent: found.text }));
            });
            return line;
          }) : ["Se nedenfor"])
        );
        var body = element("div", { className: "shortlist-body" });
        body.append.apply(body, Array.from(article.childNodes));
        section.append(body);
      })
      .catch(function () {
        section.append(element("p", { textContent: "Tilbuddet findes ikke længere i kataloget." }));
        row.append(element("td", { colspan: "3", textContent: "Tilbuddet findes ikke længere i kataloget." }));
      });
    return section;
  };

  document$.subscribe(function () {
    updateCounter();
    document.querySelectorAll(".offer-shortlist-toggle").forEach(setupToggle);
    document.querySelectorAll("[data-shortlist]").forEach(function (target) { new Shortlist(target); });
  });
  window.addEventListener("storage", function (event) { if (event.key === KEY) updateCounter(); });
})();
