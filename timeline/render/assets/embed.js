/* timeline: the embed. On embed.html (loaded before timeline.js and axis.js): a place
   or an era named in the query string keeps only its events in the list (and the
   axis shows that place's events, or opens on that era), and the page's height is
   posted to the host page. On a timeline page: the "Embed" snippet gets the current
   filters in its address, and a copy button. Plain JavaScript, no dependencies. */
(function () {
  "use strict";

  // The page's words (<script type="application/json" id="tl-i18n">, from
  // timeline/render/i18n.py), as timeline.js reads them; English without them.
  var I18N = {};
  function readI18n() {
    var node = document.getElementById("tl-i18n");
    try { I18N = node ? JSON.parse(node.textContent) : {}; } catch (error) { I18N = {}; }
  }
  function t(key, english, values) {
    return (I18N[key] || english).replace(/%\((\w+)\)s/g, function (whole, name) { return values && name in values ? values[name] : whole; });
  }
  function eventCount(count) {
    var forms = I18N.events, d = I18N.digits;
    var rule = forms && window.Intl && Intl.PluralRules ? new Intl.PluralRules(I18N.lang || "en").select(count) : count === 1 ? "one" : "other";
    var form = forms ? forms[rule] || forms.other : count === 1 ? "%(num)s event" : "%(num)s events";
    var number = d && d !== "0123456789" ? String(count).replace(/[0-9]/g, function (c) { return d[+c]; }) : String(count);
    return form.replace("%(num)s", number);
  }

  // Parameters the embed shares with the timeline page (timeline.js and axis.js read them).
  var SHARED = ["text", "tag", "actor", "from", "to", "view", "range", "place", "era"];

  function selectInEmbed(root) {
    var island = document.getElementById("tl-embed-selections");
    var params = new URLSearchParams(window.location.search);
    var known = {};
    try { known = JSON.parse(island ? island.textContent : "{}"); } catch (error) { known = {}; }
    var chosen = null, kind = null;
    ["place", "era"].forEach(function (name) {
      var value = params.get(name);
      if (chosen || !value) return;
      var found = (known[name] || {})[value];
      if (found) { chosen = found; kind = name; }
    });
    var scope = root.querySelector("[data-tl-embed-scope]");
    if (!chosen) {
      if (scope && (params.get("place") || params.get("era"))) scope.textContent += " " + t("embedNoSuchName", "(no place or era by that name)");
      return;
    }
    var keep = {};
    chosen.ids.forEach(function (id) { keep[id] = true; });
    // Before timeline.js reads the list: what is not in the selection is not in the page.
    Array.prototype.forEach.call(root.querySelectorAll("[data-tl-list] article.tl-event"), function (article) {
      if (!keep[article.id]) article.closest("li").remove();
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-tl-list] ol.tl-events"), function (ol) {
      if (ol.children.length) return;
      var heading = ol.previousElementSibling;
      if (heading && heading.classList.contains("tl-month")) heading.remove();
      ol.remove();
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-tl-list] section.tl-year"), function (section) {
      if (!section.querySelector("ol.tl-events")) section.remove();
    });
    var figure = root.querySelector("figure[data-tl-axis]");
    if (figure && kind === "place") {
      figure.setAttribute("data-tl-axis-facet", "places");
      figure.setAttribute("data-tl-axis-name", chosen.facet);
    } else if (figure && chosen.view) {
      figure.setAttribute("data-tl-axis-view", chosen.view);
    }
    var values = { events: eventCount(chosen.ids.length), title: chosen.title };
    var said = kind === "place" ? t("embedOfPlace", "%(events)s of the place %(title)s", values) : t("embedOfEra", "%(events)s of the era %(title)s", values);
    if (scope) scope.textContent = said;
    // The build wrote the whole timeline's count into the axis caption.
    var caption = figure && figure.querySelector(".tl-axis-caption");
    if (caption && caption.firstChild && caption.firstChild.nodeType === 3) caption.firstChild.textContent = said + ". ";
  }

  // The host page may size the frame to its content: see "Embedding" in the user guide.
  function postHeight() {
    if (window.parent === window) return;
    var last = 0;
    function send() {
      var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      // Only a number leaves the frame, so any host may read it ("*").
      window.parent.postMessage({ type: "timeline:height", height: height }, "*");
    }
    if (window.ResizeObserver) new ResizeObserver(send).observe(document.documentElement);
    window.addEventListener("load", send);
    send();
  }

  function setupSnippet(box) {
    var code = box.querySelector("[data-tl-embed-code]");
    var copy = box.querySelector("[data-tl-embed-copy]");
    var said = box.querySelector("[data-tl-embed-said]");
    var base = box.getAttribute("data-tl-embed-src");
    var template = code.value;
    function current() {
      var here = new URLSearchParams(window.location.search), query = new URLSearchParams();
      SHARED.forEach(function (name) { here.getAll(name).forEach(function (value) { query.append(name, value); }); });
      var text = query.toString().replace(/%7E/gi, "~").replace(/%3A/gi, ":");
      var src = base + (text ? "?" + text : "");
      // The address goes into an attribute of the copied code: escape what would end it.
      var escaped = src.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
      code.value = template.replace(/src="[^"]*"/, 'src="' + escaped + '"');
    }
    box.addEventListener("toggle", function () { if (box.open) current(); });
    copy.hidden = false;
    copy.addEventListener("click", function () {
      current();
      // Selected first: without clipboard permission the reader copies it by hand.
      code.focus();
      code.select();
      var done = function () { said.textContent = t("copied", "Copied."); };
      var manual = function () { said.textContent = t("copyByHand", "Selected: press Ctrl+C (⌘C) to copy."); };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(code.value).then(done, manual);
      else manual();
    });
  }

  function init() {
    readI18n();
    var root = document.querySelector(".tl[data-tl-embed]");
    if (root && !root.getAttribute("data-tl-embed-ready")) {
      root.setAttribute("data-tl-embed-ready", "true");
      selectInEmbed(root);
      // Filters chosen in the address show, so a reader sees why the list is short.
      var params = new URLSearchParams(window.location.search), box = root.querySelector(".tl-embed-filter");
      if (box && ["text", "tag", "actor", "from", "to"].some(function (name) { return params.get(name); })) box.open = true;
      postHeight();
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-tl-embed-snippet]"), function (box) {
      if (box.getAttribute("data-tl-embed-ready")) return;
      box.setAttribute("data-tl-embed-ready", "true");
      setupSnippet(box);
    });
  }

  // In embed.html this runs before timeline.js and axis.js: the list is already parsed.
  init();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
})();
