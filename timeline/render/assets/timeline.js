/* timeline: filters for the timeline pages (tags, actors, text, years) with the
   state in the query string, so a filtered view can be shared. Plain JavaScript,
   no dependencies; the pages work without it. */
(function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function parseList(value) {
    try { var parsed = JSON.parse(value || "[]"); return Array.isArray(parsed) ? parsed : []; }
    catch (error) { return []; }
  }

  // Query names avoid "q" and "h": Material for MkDocs reads those for its own search.
  function readState() {
    var params = new URLSearchParams(window.location.search);
    return {
      q: params.get("text") || "",
      tags: params.getAll("tag"),
      actors: params.getAll("actor"),
      from: params.get("from") || "",
      to: params.get("to") || "",
      range: null // days [from, to] brushed on the axis (axis.js keeps it in the URL)
    };
  }

  function isActive(state) {
    return Boolean(state.q || state.tags.length || state.actors.length || state.from || state.to || state.range);
  }

  // The axis (axis.js) keeps its own parameters (view, range) in the same query string.
  function writeState(state) {
    var params = new URLSearchParams(window.location.search);
    ["text", "tag", "actor", "from", "to"].forEach(function (name) { params.delete(name); });
    if (state.q) params.set("text", state.q);
    state.tags.forEach(function (tag) { params.append("tag", tag); });
    state.actors.forEach(function (actor) { params.append("actor", actor); });
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    var query = params.toString().replace(/%7E/gi, "~").replace(/%3A/gi, ":"); // readable in a shared link
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  function matches(item, state) {
    if (state.range && !(item.days[1] >= state.range.from && item.days[0] <= state.range.to)) return false;
    if (state.tags.length && !state.tags.some(function (t) { return item.tags.indexOf(t) >= 0; })) return false;
    if (state.actors.length && !state.actors.some(function (a) { return item.actors.indexOf(a) >= 0; })) return false;
    var from = parseInt(state.from, 10), to = parseInt(state.to, 10);
    if (!isNaN(from) && item.years[1] < from) return false;
    if (!isNaN(to) && item.years[0] > to) return false;
    if (state.q) {
      var words = state.q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      return words.every(function (word) { return item.text.indexOf(word) >= 0; });
    }
    return true;
  }

  function domItems(list) {
    return Array.prototype.map.call(list.querySelectorAll("article.tl-event"), function (article) {
      return {
        node: article.closest("li"),
        id: article.id,
        days: parseList(article.getAttribute("data-days")),
        tags: parseList(article.getAttribute("data-tags")),
        actors: parseList(article.getAttribute("data-actors")),
        years: parseList(article.getAttribute("data-years")),
        text: article.textContent.toLocaleLowerCase()
      };
    });
  }

  // index.json is columns (pages.py, search_index): one entry per event in each,
  // tags and actors as numbers into their tables, the address as a pattern.
  function jsonItems(data, base) {
    var ids = data.id || [];
    function names(facet, i) {
      var table = (data[facet] || {}).names || [];
      return (((data[facet] || {}).of || [])[i] || []).map(function (n) { return table[n]; });
    }
    return ids.map(function (id, i) {
      var tags = names("tags", i), actors = names("actors", i);
      var row = { id: id, title: data.title[i], date: data.date[i], datetime: data.datetime[i] };
      return {
        row: row,
        id: id,
        days: [data.day[i], data.day[i] + data.days[i]],
        url: new URL(data.href.replace("{id}", id), base).href,
        tags: tags,
        actors: actors,
        years: [data.year[i], data.year[i] + data.years[i]],
        text: [row.title, row.date].concat(tags, actors).join(" ").toLocaleLowerCase()
      };
    });
  }

  function counted(items, key) {
    var counts = {};
    items.forEach(function (item) { item[key].forEach(function (name) { counts[name] = (counts[name] || 0) + 1; }); });
    return Object.keys(counts).sort(function (a, b) { return a.localeCompare(b); })
      .map(function (name) { return [name, counts[name]]; });
  }

  function setup(root) {
    if (root.getAttribute("data-tl-ready")) return;
    root.setAttribute("data-tl-ready", "true");
    // The page's words (timeline/render/i18n.py writes them); English without them.
    var words = {};
    try { words = JSON.parse((document.getElementById("tl-i18n") || {}).textContent || "{}"); } catch (error) { words = {}; }
    function t(key, english, values) {
      return (words[key] || english).replace(/%\((\w+)\)s/g, function (whole, name) { return values && name in values ? values[name] : whole; });
    }
    function digits(text) {
      var d = words.digits;
      return d && d !== "0123456789" ? String(text).replace(/[0-9]/g, function (c) { return d[+c]; }) : String(text);
    }
    var holder = root.querySelector("[data-tl-filters]");
    var list = root.querySelector("[data-tl-list]");
    var results = root.querySelector("[data-tl-results]");
    var status = root.querySelector("[data-tl-status]");
    if (!holder || !list) return;
    var complete = root.hasAttribute("data-tl-complete");
    var indexUrl = new URL(root.getAttribute("data-tl-index"), window.location.href);
    var items = complete ? domItems(list) : null;
    var loading = null;
    var state = readState();
    var uid = "tl" + Math.random().toString(36).slice(2, 8);

    var text = el("input", { type: "search", id: uid + "-q", name: "q", autocomplete: "off", placeholder: t("searchPlaceholder", "words in the title or text") });
    var from = el("input", { type: "number", id: uid + "-from", name: "from", inputmode: "numeric", step: "1" });
    var to = el("input", { type: "number", id: uid + "-to", name: "to", inputmode: "numeric", step: "1" });
    var clear = el("button", { type: "button", text: t("clearFilters", "Clear filters") });
    var tagBox = el("div", { "class": "tl-choices" });
    var actorBox = el("div", { "class": "tl-choices" });
    function disclosure(key, label, box, legend) {
      var panel = el("fieldset", { "class": "tl-panel", id: uid + "-" + key }, [el("legend", { "class": "tl-sr", text: legend }), box]);
      panel.hidden = true;
      var button = el("button", { type: "button", "aria-expanded": "false", "aria-controls": panel.id, text: label });
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        panel.hidden = !open;
        if (open) onOpen();
      });
      return { button: button, panel: panel, open: function () { button.setAttribute("aria-expanded", "true"); panel.hidden = false; } };
    }
    function onOpen() {
      ensureItems().then(function (ready) {
        if (!ready) return;
        fillChoices(tagBox, "tags", state.tags);
        fillChoices(actorBox, "actors", state.actors);
      });
    }
    var tags = disclosure("tags", t("tags", "Tags"), tagBox, t("tagsLegend", "Show events with any of these tags"));
    var actors = disclosure("actors", t("actors", "Actors"), actorBox, t("actorsLegend", "Show events with any of these actors"));
    var form = el("form", { role: "search", "aria-label": t("filterEvents", "Filter events") }, [
      el("div", { "class": "tl-row" }, [
        el("label", { "for": uid + "-q", "class": "tl-text" }, [document.createTextNode(t("searchTimeline", "Search the timeline")), text]),
        el("label", { "for": uid + "-from" }, [document.createTextNode(t("fromYear", "From year")), from]),
        el("label", { "for": uid + "-to" }, [document.createTextNode(t("toYear", "To year")), to])
      ]),
      el("div", { "class": "tl-toggles" }, [tags.button, actors.button, clear]),
      tags.panel,
      actors.panel
    ]);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    holder.appendChild(form);
    text.value = state.q; from.value = state.from; to.value = state.to;
    if (state.tags.length) tags.open();
    if (state.actors.length) actors.open();

    function fillChoices(box, key, selected) {
      if (box.childNodes.length) return;
      counted(items, key).forEach(function (pair) {
        var input = el("input", { type: "checkbox", name: key, value: pair[0] });
        input.checked = selected.indexOf(pair[0]) >= 0;
        box.appendChild(el("label", {}, [input, el("span", { text: pair[0] + " (" + digits(pair[1]) + ")" })]));
      });
    }

    function ensureItems() {
      if (items) return Promise.resolve(items);
      if (!loading) {
        status.textContent = t("loadingIndex", "Loading the index of events…");
        loading = fetch(indexUrl.href).then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        }).then(function (data) {
          items = jsonItems(data, indexUrl.href);
          return items;
        }).catch(function () {
          status.textContent = t("indexFailed", "The index of events could not be loaded.");
          loading = null;
          return null;
        });
      }
      return loading;
    }

    function choices(box) {
      return Array.prototype.filter.call(box.querySelectorAll("input"), function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    }

    function currentState() {
      return {
        q: text.value.trim(),
        tags: tagBox.childNodes.length ? choices(tagBox) : state.tags,
        actors: actorBox.childNodes.length ? choices(actorBox) : state.actors,
        from: from.value.trim(),
        to: to.value.trim(),
        range: state.range
      };
    }

    // Tell the axis which events the filters keep (all but the brushed range, which it shades).
    function tellAxis() {
      var others = { q: state.q, tags: state.tags, actors: state.actors, from: state.from, to: state.to, range: null };
      var ids = isActive(others) ? items.filter(function (item) { return matches(item, others); }).map(function (item) { return item.id; }) : null;
      root.dispatchEvent(new CustomEvent("tl:filtered", { detail: { ids: ids } }));
    }
    root.addEventListener("tl:range", function (event) {
      state.range = event.detail || null;
      apply();
    });

    function showDom(active) {
      var shown = 0;
      items.forEach(function (item) {
        var ok = !active || matches(item, state);
        if (ok) { shown += 1; item.node.removeAttribute("data-tl-hidden"); }
        else item.node.setAttribute("data-tl-hidden", "");
      });
      Array.prototype.forEach.call(list.querySelectorAll("ol.tl-events"), function (ol) {
        var empty = !ol.querySelector(":scope > li:not([data-tl-hidden])");
        var heading = ol.previousElementSibling;
        if (empty) ol.setAttribute("data-tl-hidden", ""); else ol.removeAttribute("data-tl-hidden");
        if (heading && heading.classList.contains("tl-month")) {
          if (empty) heading.setAttribute("data-tl-hidden", ""); else heading.removeAttribute("data-tl-hidden");
        }
      });
      Array.prototype.forEach.call(list.querySelectorAll("section.tl-year"), function (section) {
        if (section.querySelector(":scope > ol > li:not([data-tl-hidden])")) section.removeAttribute("data-tl-hidden");
        else section.setAttribute("data-tl-hidden", "");
      });
      return shown;
    }

    function showJson() {
      var found = items.filter(function (item) { return matches(item, state); });
      var limit = 500;
      var ol = el("ol", {});
      found.slice(0, limit).forEach(function (item) {
        var when = item.row.datetime ? el("time", { datetime: item.row.datetime, text: item.row.date }) : el("span", { text: item.row.date });
        ol.appendChild(el("li", {}, [el("span", { "class": "tl-date" }, [when]), document.createTextNode(" "), el("a", { href: item.url, text: item.row.title })]));
      });
      results.textContent = "";
      results.appendChild(ol);
      if (found.length > limit) results.appendChild(el("p", { text: t("showingFirst", "Showing the first %(limit)s; narrow the filters to see the rest.", { limit: digits(limit) }) }));
      return found.length;
    }

    function apply() {
      state = currentState();
      writeState(state);
      var active = isActive(state);
      if (!active && !complete) {
        results.hidden = true; list.hidden = false; status.textContent = "";
        root.dispatchEvent(new CustomEvent("tl:filtered", { detail: { ids: null } }));
        return;
      }
      ensureItems().then(function (ready) {
        if (!ready) return;
        fillChoices(tagBox, "tags", state.tags);
        fillChoices(actorBox, "actors", state.actors);
        var shown;
        if (complete) shown = showDom(active);
        else { shown = showJson(); results.hidden = false; list.hidden = true; }
        status.textContent = active ? t("matching", "%(shown)s of %(total)s events match", { shown: digits(shown), total: digits(items.length) }) : "";
        tellAxis();
      });
    }

    var timer = null;
    text.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
    [from, to].forEach(function (input) { input.addEventListener("change", apply); });
    [tagBox, actorBox].forEach(function (box) { box.addEventListener("change", apply); });
    clear.addEventListener("click", function () {
      text.value = ""; from.value = ""; to.value = "";
      Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (i) { i.checked = false; });
      state = { q: "", tags: [], actors: [], from: "", to: "", range: state.range };
      apply();
      text.focus();
    });
    if (isActive(state)) apply();
    else if (complete) { fillChoices(tagBox, "tags", []); fillChoices(actorBox, "actors", []); }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".tl[data-tl-index]"), setup);
  }

  // Material's instant navigation swaps pages without reloading scripts.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
