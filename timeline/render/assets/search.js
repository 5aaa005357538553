/* timeline: the theme's search box also searches the event pages, through Pagefind.
   The theme's own index (Lunr) keeps the hand-written pages; the event pages are in
   the Pagefind bundle (pagefind/ at the site's root), loaded only when someone types
   a query, and only the chunks that query needs. Plain JavaScript; the build writes
   the site's root in place of the marker below. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src) return;
  var root = new URL("__TIMELINE_SITE_ROOT__", script.src);
  var bundle = new URL("pagefind/pagefind.js", root).href;
  // MkDocs' theme (its search dialog and search.html) and Material's header box.
  var BOXES = "#mkdocs-search-query, input.md-search__input";
  var LIMIT = 10;
  // What this script says, by language: the build writes the catalogues' words here
  // (timeline/render/search.py), as every page of the site loads it, hand-written ones too.
  var TABLE = /*words*/{}/*words*/;
  var WORDS = {};
  // The timeline's language where a page has its words (tl-i18n), else the page's own.
  function readWords() {
    var node = document.getElementById("tl-i18n"), lang = "";
    try { lang = node ? JSON.parse(node.textContent).lang || "" : ""; } catch (error) { lang = ""; }
    lang = (lang || document.documentElement.lang || "en").replace("_", "-");
    WORDS = TABLE[lang] || TABLE[lang.split("-")[0]] || {};
  }
  function t(key, english, values) {
    return (WORDS[key] || english).replace(/%\((\w+)\)s/g, function (whole, name) { return values && name in values ? values[name] : whole; });
  }
  function digits(text) {
    var d = WORDS.digits;
    return d && d !== "0123456789" ? String(text).replace(/[0-9]/g, function (c) { return d[+c]; }) : String(text);
  }
  function matches(count) {
    var forms = WORDS.matches;
    var rule = forms && window.Intl && Intl.PluralRules ? new Intl.PluralRules(WORDS.lang || "en").select(count) : count === 1 ? "one" : "other";
    var form = forms ? forms[rule] || forms.other : count === 1 ? "%(num)s match" : "%(num)s matches";
    return form.replace("%(num)s", digits(count));
  }
  var loading = null;
  var timer = null;
  var asked = 0;

  function load() {
    if (!loading) {
      loading = import(bundle).then(function (pagefind) {
        // Results link from the site's root, wherever the site is hosted.
        return Promise.resolve(pagefind.options({ baseUrl: root.pathname, excerptLength: 24 }))
          .then(function () { return pagefind; });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // The results look like the theme's own: its colours (Material's variables when
  // set) and sizes relative to the box they sit in.
  var STYLE = ".tl-search{padding:.4em 1em;color:var(--md-default-fg-color,inherit);font-size:var(--tl-search-size,1em);line-height:1.5;text-align:left}" +
    ".md-search-result .tl-search{--tl-search-size:.64rem;border-top:.05rem solid var(--md-default-fg-color--lightest,#ddd)}" +
    ".tl-search__heading{font-size:1em;font-weight:700;margin:.6em 0 .3em}" +
    ".tl-search ol{list-style:none;margin:0;padding:0}.tl-search li{margin:0 0 .7em}" +
    ".tl-search li a{font-weight:700}.md-search-result .tl-search li a{color:var(--md-typeset-a-color)}" +
    ".tl-search li p{margin:.1em 0 0;color:var(--md-default-fg-color--light,inherit)}";

  function addStyle() {
    if (document.getElementById("tl-search-style")) return;
    var style = document.createElement("style");
    style.id = "tl-search-style";
    style.textContent = STYLE;
    document.head.appendChild(style);
  }

  function holderFor(input) {
    addStyle();
    var theirs = input.id === "mkdocs-search-query"
      ? document.getElementById("mkdocs-search-results")
      : document.querySelector(".md-search-result");
    var anchor = theirs || input.closest("form") || input;
    var holder = anchor.parentNode.querySelector(":scope > .tl-search");
    if (!holder) {
      holder = document.createElement("section");
      holder.className = "tl-search";
      holder.setAttribute("aria-live", "polite");
      holder.hidden = true;
      anchor.parentNode.insertBefore(holder, anchor.nextSibling);
    }
    return holder;
  }

  // Pagefind's excerpt is HTML (text with <mark>): keep the text and the marks, nothing else.
  function excerptNode(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createElement("p");
    Array.prototype.forEach.call(parsed.body.firstChild ? parsed.body.firstChild.childNodes : [], function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function heading(text) {
    var h = document.createElement("h2");
    h.className = "tl-search__heading";
    h.textContent = text;
    return h;
  }

  function show(holder, query, found, total) {
    holder.textContent = "";
    holder.hidden = false;
    readWords();
    holder.appendChild(heading(total ? t("searchFound", "Events: %(matches)s", { matches: matches(total) }) : t("searchNone", "Events: no match for %(query)s", { query: JSON.stringify(query) })));
    if (!found.length) return;
    var list = document.createElement("ol");
    list.className = "tl-search__results";
    found.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      item.appendChild(link);
      item.appendChild(excerptNode(data.excerpt || ""));
      list.appendChild(item);
    });
    holder.appendChild(list);
    if (total > found.length) {
      var more = document.createElement("p");
      more.textContent = t("searchMore", "Showing the first %(count)s; add words to narrow the search.", { count: digits(found.length) });
      holder.appendChild(more);
    }
  }

  function unavailable(holder) {
    holder.textContent = "";
    holder.hidden = false;
    readWords();
    holder.appendChild(heading(t("searchEvents", "Events")));
    var note = document.createElement("p");
    note.textContent = window.location.protocol === "file:"
      ? t("searchFile", "Searching the event pages needs the site served over http(s); open it through a web server.")
      : t("searchFailed", "The search of the event pages could not be loaded; the results above cover the other pages.");
    holder.appendChild(note);
  }

  function search(input) {
    var query = input.value.trim();
    var holder = holderFor(input);
    var ticket = ++asked;
    if (query.length < 2) { holder.hidden = true; holder.textContent = ""; return; }
    load().then(function (pagefind) {
      return pagefind.search(query).then(function (response) {
        var results = response ? response.results : [];
        return Promise.all(results.slice(0, LIMIT).map(function (result) { return result.data(); }))
          .then(function (found) { if (ticket === asked) show(holder, query, found, results.length); });
      });
    }).catch(function () { if (ticket === asked) unavailable(holder); });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input || !input.matches || !input.matches(BOXES)) return;
    clearTimeout(timer);
    timer = setTimeout(function () { search(input); }, 200);
  });

  // MkDocs' search.html reads the query from ?q= and fills the box without an input event.
  function fromQuery() {
    var box = document.querySelector("#mkdocs-search-query");
    var query = new URLSearchParams(window.location.search).get("q");
    if (box && query && document.getElementById("mkdocs-search-results")) {
      if (!box.value) box.value = query;
      search(box);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fromQuery);
  else fromQuery();
})();
