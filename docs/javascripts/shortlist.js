// Kortliste: a team member collects offers for a case meeting and prints them together.
// The list lives in this browser's localStorage only; nothing is sent anywhere.
(function () {
  var KEY = "tilbudskatalog.kortliste";

  function load() {
    try {
      var list = JSON.parse(localStorage.getItem(KEY));
      return Array.isArray(list) ? list : [];
    } catch (error) {
      return [];
    }
  }

  function save(list) {
    localStorage.setItem(KEY, JSON.stringify(list));
  }

  function has(list, id) {
    return list.some(function (entry) { return entry.id === id; });
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

  function offerContent(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var article = page.querySelector("article.md-content__inner");
    article.querySelectorAll(".headerlink, .md-content__button, .offer-shortlist, .md-source-file")
      .forEach(function (node) { node.remove(); });
    return article;
  }

  function render(target) {
    var list = load();
    target.replaceChildren();
    if (!list.length) {
      var empty = document.createElement("p");
      empty.textContent = "Kortlisten er tom.";
      target.append(empty);
      return;
    }
    var tools = document.createElement("p");
    tools.className = "shortlist-tools";
    var print = document.createElement("button");
    print.type = "button";
    print.className = "md-button md-button--primary";
    print.textContent = "Udskriv kortlisten";
    print.addEventListener("click", function () { window.print(); });
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "md-button";
    clear.textContent = "Ryd kortlisten";
    clear.addEventListener("click", function () { save([]); render(target); });
    tools.append(print, " ", clear);
    target.append(tools);
    list.forEach(function (entry) {
      var section = document.createElement("section");
      section.className = "shortlist-offer";
      section.dataset.offerId = entry.id;
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      link.href = "../" + encodeURIComponent(entry.id) + "/";
      link.textContent = entry.title;
      heading.append(link);
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "md-button shortlist-remove";
      remove.textContent = "Fjern";
      remove.setAttribute("aria-label", "Fjern " + entry.title + " fra kortlisten");
      remove.addEventListener("click", function () {
        save(load().filter(function (other) { return other.id !== entry.id; }));
        render(target);
      });
      section.append(heading, remove);
      target.append(section);
      fetch(link.href)
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.text(); })
        .then(function (html) {
          var article = offerContent(html);
          article.querySelector("h1").remove();
          var body = document.createElement("div");
          body.className = "shortlist-body";
          body.append.apply(body, Array.from(article.childNodes));
          section.append(body);
        })
        .catch(function () {
          var missing = document.createElement("p");
          missing.textContent = "Tilbuddet findes ikke længere i kataloget.";
          section.append(missing);
        });
    });
  }

  document$.subscribe(function () {
    document.querySelectorAll(".offer-shortlist-toggle").forEach(setupToggle);
    var target = document.getElementById("kortliste");
    if (target) render(target);
  });
})();
