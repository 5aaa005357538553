/* timeline: the map page. Draws the places of the visible events on the basemap
   shipped with the site (Natural Earth land, TopoJSON), projected here with d3-geo:
   no tile server, no API key, nothing fetched but this site's own files (unless the
   site configures a tile layer). Linked to the time axis through events on the .tl
   root: "tl:range" (the brushed days) and "tl:view" (the days in view) come in, and
   the map shows the places of those times; selecting a place lists only its events
   and sends "tl:filtered" (their ids) to the axis. The place is kept in the URL
   (?place=…), beside the axis's view and range. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }
  // The page's words (<script type="application/json" id="tl-i18n">, from
  // timeline/render/i18n.py), read per page as axis.js does; English without them.
  var I18N = {};
  function readI18n() {
    var node = document.getElementById("tl-i18n");
    try { I18N = node ? JSON.parse(node.textContent) : {}; } catch (error) { I18N = {}; }
  }
  function digits(text) {
    var d = I18N.digits;
    return d && d !== "0123456789" ? String(text).replace(/[0-9]/g, function (c) { return d[+c]; }) : String(text);
  }
  function t(key, english, values) {
    return (I18N[key] || english).replace(/%\((\w+)\)s/g, function (whole, name) { return values && name in values ? values[name] : whole; });
  }
  // "3 events" in the language's plural form (CLDR categories, as Intl.PluralRules names them).
  function plural(count, word) {
    var forms = I18N[word + "s"];
    var rule = forms && window.Intl && Intl.PluralRules ? new Intl.PluralRules(I18N.lang || "en").select(count) : count === 1 ? "one" : "other";
    var form = forms ? forms[rule] || forms.other : "%(num)s " + word + (count === 1 ? "" : "s");
    return form.replace("%(num)s", digits(count));
  }

  // The projection of the build-time maps (timeline/render/maps.py): equirectangular
  // with its standard parallel at the window's middle, x = λ·cos φ0, y = φ; fitted to
  // the same window, so a place is drawn where the no-JavaScript map draws it.
  function projectionFor(data) {
    var w = data.window, size = data.size;
    var corners = { type: "MultiPoint", coordinates: [[w[0], w[1]], [w[2], w[3]]] };
    if (data.tiles) {
      // Web tiles are Web Mercator: the map takes their projection under them.
      return d3.geoMercator().fitSize(size, corners).clipExtent([[0, 0], size]);
    }
    var cos0 = Math.cos((w[1] + w[3]) / 2 * Math.PI / 180);
    var raw = function (lambda, phi) { return [lambda * cos0, phi]; };
    raw.invert = function (x, y) { return [x / cos0, y]; };
    return d3.geoProjection(raw).fitSize(size, corners).clipExtent([[0, 0], size]);
  }

  function MapView(figure) {
    var self = this;
    this.figure = figure;
    this.root = figure.closest(".tl");
    this.list = this.root.querySelector("[data-tl-list]");
    this.status = this.root.querySelector(".tl-map-status");
    this.range = null;
    this.view = null;
    this.place = new URLSearchParams(window.location.search).get("place");
    this.root.addEventListener("tl:range", function (event) {
      self.range = event.detail ? [event.detail.from, event.detail.to] : null;
      self.update();
    });
    this.root.addEventListener("tl:view", function (event) {
      self.view = event.detail ? [event.detail.from, event.detail.to] : null;
      self.update();
    });
    var base = window.location.href;
    function load(url) {
      return fetch(new URL(url, base).href).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    }
    Promise.all([load(figure.getAttribute("data-tl-map")), load(figure.getAttribute("data-tl-basemap"))])
      .then(function (loaded) { self.draw(loaded[0], loaded[1]); })
      .catch(function (error) {
        self.status.textContent = t("mapFailed", "The interactive map could not be loaded (%(error)s); the map below links every place.", { error: error.message });
      });
  }

  MapView.prototype.draw = function (data, land) {
    var self = this, size = data.size;
    this.data = data;
    this.projection = projectionFor(data);
    var path = d3.geoPath(this.projection);
    var picture = svg("svg", { viewBox: "0 0 " + size[0] + " " + size[1], role: "group", "aria-label": t("mapLabel", "Map of the places of the events in view") });
    picture.appendChild(svg("rect", { "class": "tl-map-sea", width: size[0], height: size[1], fill: "#d6e6f2" }));
    if (data.tiles) {
      this.drawTiles(picture, data.tiles.url, size);
      var credit = this.figure.querySelector(".tl-map-credit");
      credit.querySelector("[data-tl-map-attribution]").textContent = data.tiles.attribution;
      credit.hidden = false;
    } else {
      picture.appendChild(svg("path", { "class": "tl-map-land", d: path(topojson.feature(land, land.objects.land)) || "", fill: "#f1efe6", stroke: "#9a9478", "stroke-width": "0.5" }));
    }
    var layer = svg("g", { "class": "tl-map-places" });
    picture.appendChild(layer);
    this.dots = data.places.map(function (place, index) {
      var xy = self.projection(place.p);
      var group = svg("g", { "class": "tl-map-dot", tabindex: "0", role: "button", "aria-pressed": "false", "data-place": place.n });
      if (place.g) group.appendChild(svg("path", { d: path(place.g) || "", fill: "#b3261e", "fill-opacity": "0.35", stroke: "#b3261e" }));
      var circle = svg("circle", { cx: xy[0], cy: xy[1], r: 6, fill: "#b3261e", stroke: "#fff", "stroke-width": "1.5" });
      var label = svg("text", { x: xy[0] + 11, y: xy[1] + 5, "font-size": 17, fill: "#222", stroke: "#fff", "stroke-width": 3.5, "paint-order": "stroke" }, place.n);
      group.appendChild(circle); group.appendChild(label);
      var toggle = function () { self.select(self.place === place.n ? null : place.n); };
      group.addEventListener("click", toggle);
      group.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(); }
      });
      layer.appendChild(group);
      return { index: index, name: place.n, x: xy[0], y: xy[1], node: group, circle: circle, label: label, count: 0 };
    });
    this.picture = picture;
    var holder = document.createElement("div");
    holder.className = "tl-mapjs";
    holder.appendChild(picture);
    var stat = this.figure.querySelector(".tl-map-static");
    this.figure.insertBefore(holder, stat);
    stat.hidden = true;
    this.ready = true;
    if (window.ResizeObserver) new ResizeObserver(function () { self.update(); }).observe(picture);
    // The axis may have told its range and view before the map was ready.
    var axis = this.root.querySelector("figure.tl-axis");
    if (axis && axis.tlAxis) {
      // In the page's days: a mirrored (right-to-left) axis keeps its own negated.
      if (axis.tlAxis.range) this.range = axis.tlAxis.flip(axis.tlAxis.range);
      if (axis.tlAxis.ready) this.view = axis.tlAxis.flip([axis.tlAxis.v0, axis.tlAxis.v1]);
    }
    if (this.place && !data.places.some(function (p) { return p.n === self.place; })) this.place = null;
    this.select(this.place, true);
  };

  // Web Mercator tiles (the slippy-map scheme) under the projected window.
  MapView.prototype.drawTiles = function (picture, template, size) {
    var world = 2 * Math.PI * this.projection.scale(), z = Math.max(0, Math.min(19, Math.round(Math.log2(world / 256))));
    var n = Math.pow(2, z), tile = world / n, origin = this.projection([-180, 85.0511287798]);
    var group = svg("g", { "class": "tl-map-tiles" });
    for (var ty = Math.max(0, Math.floor(-origin[1] / tile)); ty <= Math.min(n - 1, Math.floor((size[1] - origin[1]) / tile)); ty++) {
      for (var tx = Math.floor(-origin[0] / tile); tx <= Math.floor((size[0] - origin[0]) / tile); tx++) {
        var url = template.replace("{z}", z).replace("{x}", ((tx % n) + n) % n).replace("{y}", ty);
        group.appendChild(svg("image", { href: url, x: origin[0] + tx * tile, y: origin[1] + ty * tile, width: tile + 0.5, height: tile + 0.5, alt: "" }));
      }
    }
    picture.appendChild(group);
  };

  // Which events are in view: in the brushed range if there is one, else in the
  // axis's view (the whole timeline until it is zoomed).
  MapView.prototype.inTime = function (k) {
    var ev = this.data.events, span = this.range || this.view;
    return !span || (ev.hi[k] >= span[0] && ev.lo[k] <= span[1]);
  };

  MapView.prototype.select = function (name, quiet) {
    this.place = name;
    if (!quiet) {
      var params = new URLSearchParams(window.location.search);
      if (name) params.set("place", name); else params.delete("place");
      var query = params.toString().replace(/%7E/gi, "~").replace(/%3A/gi, ":");
      window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }
    var index = -1;
    this.data.places.forEach(function (p, i) { if (p.n === name) index = i; });
    this.selectedIndex = index;
    // The axis shows the events of the map (those with a place), or of the selected place.
    var ev = this.data.events, ids = [];
    for (var k = 0; k < ev.u.length; k++) if (index < 0 || ev.of[k].indexOf(index) >= 0) ids.push(ev.u[k]);
    this.root.dispatchEvent(new CustomEvent("tl:filtered", { detail: { ids: ids } }));
    this.update();
  };

  MapView.prototype.update = function () {
    if (!this.ready) return;
    var ev = this.data.events, self = this, counts = this.data.places.map(function () { return 0; }), shown = {};
    for (var k = 0; k < ev.u.length; k++) {
      var timely = this.inTime(k);
      if (timely) ev.of[k].forEach(function (p) { counts[p]++; });
      // The list follows the brushed range (not the view, as on the timeline page) and the place.
      var ranged = !this.range || (ev.hi[k] >= this.range[0] && ev.lo[k] <= this.range[1]);
      if (ranged && (this.selectedIndex < 0 || ev.of[k].indexOf(this.selectedIndex) >= 0)) shown[ev.u[k]] = true;
    }
    // Labels and dots keep their size on screen however wide the map is drawn (a
    // 360-pixel phone shows the 960-unit map at a third of its size).
    var scale = Math.min(3, Math.max(1, size0(this) / (this.picture.clientWidth || size0(this))));
    this.dots.forEach(function (dot) {
      dot.count = counts[dot.index];
      var x = dot.x, y = dot.y, r = (5 + 2 * Math.sqrt(dot.count)) * Math.min(scale, 2);
      dot.label.setAttribute("font-size", String(14 * scale));
      // Near the right edge the name goes left of its dot, so it is not cut off.
      var left = x > size0(self) - 9 * 14 * scale;
      dot.label.setAttribute("text-anchor", left ? "end" : "start");
      dot.label.setAttribute("x", String(left ? x - r - 4 * scale : x + r + 4 * scale)); dot.label.setAttribute("y", String(y + 5 * scale));
      var selected = dot.index === self.selectedIndex;
      dot.node.setAttribute("aria-pressed", String(selected));
      var said = { place: dot.name, events: plural(dot.count, "event") };
      dot.node.setAttribute("aria-label", selected
        ? t("mapDotSelected", "%(place)s: %(events)s in view, selected: the list shows only its events", said)
        : t("mapDot", "%(place)s: %(events)s in view", said));
      dot.node.style.display = dot.count || selected ? "" : "none";
      dot.circle.setAttribute("r", String(r));
    });
    var listed = 0;
    Array.prototype.forEach.call(this.list.querySelectorAll("li[data-tl-id]"), function (item) {
      if (shown[item.getAttribute("data-tl-id")]) { listed++; item.removeAttribute("data-tl-hidden"); }
      else item.setAttribute("data-tl-hidden", "");
    });
    var visible = this.dots.filter(function (d) { return d.count; }).length;
    this.status.textContent = (this.place ? t("mapSelected", "Selected: %(place)s.", { place: this.place }) + " " : "") +
      t("mapStatus", "%(places)s on the map; %(events)s listed.", { places: plural(visible, "place"), events: plural(listed, "event") });
  };

  function size0(view) { return view.data.size[0]; }

  function init() {
    readI18n();
    Array.prototype.forEach.call(document.querySelectorAll("figure[data-tl-map]"), function (figure) {
      if (!figure.tlMap && window.d3 && window.topojson) figure.tlMap = new MapView(figure);
    });
  }
  init();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
})();
