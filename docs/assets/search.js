/*
 * The site's search box (builder/search.py says what it covers).
 *
 * Loaded only once the reader searches (overrides/main.html). Served, it asks
 * Pagefind, whose index comes in small chunks: a search fetches only the
 * chunks its words need and the few result pages it shows. A page opened
 * from disk may not fetch files, so there it loads search/titles.js, the
 * titles and summaries of the pages and their sections, with a script
 * element, and matches the words of the query against them.
 *
 * Results are built as DOM nodes from text: no text of the site is ever
 * parsed as markup into the page. Keys: / or s opens the search (main.html),
 * Down and Up move through the results, Enter follows the first, Escape closes.
 */
(function () {
  "use strict";
  var box = document.querySelector("[data-site-search]");
  var toggle = document.getElementById("__search");
  if (!box || !toggle || box.hasAttribute("data-ready")) return;
  box.setAttribute("data-ready", "");
  var input = box.querySelector(".md-search__input");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var words = config.translations;
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var PAGES = 10; // results shown: each costs Pagefind one fetch of a page's excerpt
  var SECTIONS = 3; // sections shown under a page
  var PAUSE_MS = 300; // served, a query is searched once no key has come for this long
  var engine = null;
  var asked = 0;

  function counted(n) {
    if (n === 0) return words["search.result.none"];
    return n === 1 ? words["search.result.one"] : words["search.result.other"].replace("#", n);
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function terms(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  /* Text as [text, marked] pieces: every word that starts with a word of the query marked. */
  function marked(text, query) {
    var pieces = [], last = 0, found, word = /[\p{L}\p{N}]+/gu;
    while ((found = word.exec(text))) {
      var folded = fold(found[0]);
      if (!query.some(function (q) { return folded.startsWith(q); })) continue;
      if (found.index > last) pieces.push([text.slice(last, found.index), false]);
      pieces.push([found[0], true]);
      last = found.index + found[0].length;
    }
    if (last < text.length) pieces.push([text.slice(last), false]);
    return pieces;
  }

  /* Pagefind's excerpts mark words with <mark>: read them in an inert document, keep text and marks only. */
  function excerpt(html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    return Array.prototype.map.call(doc.body.firstChild.childNodes, function (node) {
      return [node.textContent, node.nodeName === "MARK"];
    });
  }

  /* From disk: the titles index, loaded by a script element, searched in memory. */
  function diskEngine() {
    var ready = new Promise(function (resolve, reject) {
      if (window.__titles) return resolve();
      var script = document.createElement("script");
      script.src = new URL("search/titles.js", base).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    }).then(function () {
      return window.__titles.map(function (row) {
        return { url: row[0], title: row[1], summary: row[2], words: terms(row[1] + " " + row[2]), titleWords: terms(row[1]) };
      });
    });
    return function (query) {
      var wanted = terms(query);
      return ready.then(function (rows) {
        var pages = new Map();
        rows.forEach(function (row) {
          var inTitle = 0;
          var every = wanted.every(function (q) {
            var hit = function (w) { return w.startsWith(q); };
            if (row.titleWords.some(hit)) inTitle++;
            return row.words.some(hit);
          });
          if (!every) return;
          var page = row.url.split("#")[0];
          var score = inTitle / wanted.length + (row.url.indexOf("#") < 0 ? 0.5 : 0);
          if (!pages.has(page)) pages.set(page, { score: 0, top: null, sections: [] });
          var entry = pages.get(page);
          var item = { url: new URL(row.url, base).href, title: marked(row.title, wanted), text: marked(row.summary, wanted), score: score };
          if (row.url.indexOf("#") < 0) entry.top = item;
          else entry.sections.push(item);
          entry.score = Math.max(entry.score, score);
        });
        var found = Array.from(pages.values()).sort(function (a, b) { return b.score - a.score; });
        return {
          total: found.length,
          pages: found.slice(0, PAGES).map(function (entry) {
            entry.sections.sort(function (a, b) { return b.score - a.score; });
            var top = entry.top || entry.sections.shift();
            return { url: top.url, title: top.title, text: top.text, sections: entry.sections.slice(0, SECTIONS) };
          })
        };
      });
    };
  }

  /* Served: Pagefind, imported from this site, and asked only once the reader pauses. */
  function pagefindEngine() {
    // Its code and the list of its index chunks load while the reader types;
    // no chunk is fetched for a word still being typed (Pagefind's own
    // debouncedSearch fetches the chunks of every prefix typed).
    var ready = import(new URL("pagefind/pagefind.js", base).href).then(function (pagefind) {
      return pagefind.options({ baseUrl: base.pathname }).then(function () { return pagefind.init(); }).then(function () { return pagefind; });
    });
    var latest = 0;
    return function (query) {
      var mine = ++latest;
      var paused = new Promise(function (resolve) { setTimeout(resolve, PAUSE_MS); });
      return Promise.all([ready, paused]).then(function (both) {
        return mine === latest ? both[0].search(query) : null;
      }).then(function (search) {
        if (search === null || mine !== latest) return null; // a newer query took over
        return Promise.all(search.results.slice(0, PAGES).map(function (result) { return result.data(); })).then(function (data) {
          return {
            total: search.results.length,
            pages: data.map(function (page) {
              var sections = page.sub_results.filter(function (sub) {
                return sub.url.indexOf("#") >= 0 && sub.title !== page.meta.title; // not the page's own heading again
              });
              sections.sort(function (a, b) { return b.locations.length - a.locations.length; });
              return {
                url: page.url,
                title: [[page.meta.title || page.url, false]],
                text: excerpt(page.excerpt),
                sections: sections.slice(0, SECTIONS).map(function (sub) {
                  return { url: sub.url, title: [[sub.title, false]], text: excerpt(sub.excerpt) };
                })
              };
            })
          };
        });
      });
    };
  }

  function element(name, className, pieces) {
    var node = document.createElement(name);
    if (className) node.className = className;
    (pieces || []).forEach(function (piece) {
      if (!piece[0]) return;
      if (piece[1]) {
        var mark = document.createElement("mark");
        mark.textContent = piece[0];
        node.appendChild(mark);
      } else {
        node.appendChild(document.createTextNode(piece[0]));
      }
    });
    return node;
  }

  function link(item, heading) {
    var a = element("a", "md-search-result__link");
    a.href = item.url;
    var article = element("article", "md-search-result__article md-typeset");
    if (heading === "h1") article.appendChild(element("div", "md-search-result__icon md-icon"));
    article.appendChild(element(heading, null, item.title));
    if (item.text.length) article.appendChild(element("p", null, item.text));
    a.appendChild(article);
    return a;
  }

  function show(found) {
    list.textContent = "";
    meta.textContent = counted(found.total);
    found.pages.forEach(function (page) {
      var li = element("li", "md-search-result__item");
      li.appendChild(link(page, "h1"));
      page.sections.forEach(function (section) { li.appendChild(link(section, "h2")); });
      list.appendChild(li);
    });
  }

  function run() {
    var query = input.value.trim();
    var mine = ++asked;
    if (!terms(query).length) {
      list.textContent = "";
      meta.textContent = words["search.result.placeholder"];
      return;
    }
    engine = engine || (location.protocol === "file:" ? diskEngine() : pagefindEngine());
    // Until this query's results come, none of an earlier query's is shown (nor opened by Enter).
    list.textContent = "";
    meta.textContent = "…";
    engine(query).then(function (found) {
      if (found !== null && mine === asked) show(found);
    }, function () {
      if (mine === asked) meta.textContent = words["search.result.none"];
    });
  }

  function results() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  input.addEventListener("input", run);
  box.querySelector("form").addEventListener("reset", function () { setTimeout(run); });
  input.addEventListener("focus", function () { toggle.checked = true; });
  box.addEventListener("keydown", function (event) {
    var links = results();
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      close();
    } else if (event.key === "Enter" && event.target === input && links.length) {
      links[0].click();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!links.length) return;
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = at < 0 ? (step > 0 ? 0 : links.length - 1) : at + step;
      if (next < 0 || next >= links.length) input.focus();
      else links[next].focus();
    } else {
      return;
    }
    event.preventDefault();
  });
  list.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("a")) close();
  });
  run();
})();
