/* timeline: the zoomable time axis. Draws axis.json (columns of numbers, strings once)
   on a <canvas>: every event over the days its date covers, density counts when
   zoomed out, lanes, ticks from millennia to hours with BC/AD counted correctly (no
   year 0). Shares its filters with timeline.js through events on the .tl root:
   "tl:filtered" (ids the list shows) comes in, "tl:range" (the brushed days) goes out.
   Positions are days since 1970-01-01, as in timeline/render/axis.py. No dependencies:
   a linear scale on day numbers is a line of arithmetic, and d3-time's Date-based
   ticks get BC years wrong, so the tick rules below mirror axis.py instead. */
(function () {
  "use strict";

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  // The page's language: <script type="application/json" id="tl-i18n"> from the build
  // (timeline/render/i18n.py), read again per page (Material swaps pages); English without.
  var I18N = {};
  function readI18n() {
    var node = document.getElementById("tl-i18n");
    try { I18N = node ? JSON.parse(node.textContent) : {}; } catch (error) { I18N = {}; }
    if (I18N.months && I18N.months.length === 12) MONTHS = I18N.months;
  }
  function digits(text) {
    var d = I18N.digits;
    return d && d !== "0123456789" ? String(text).replace(/[0-9]/g, function (c) { return d[+c]; }) : String(text);
  }
  function t(key, english, values) {
    return (I18N[key] || english).replace(/%\((\w+)\)s/g, function (whole, name) { return values && name in values ? values[name] : whole; });
  }
  // axis.json names link types in English ("Led to"): the page's language has their words.
  function relationWords(pair, out) {
    var english = (pair || ["Related", "Linked from"])[out ? 0 : 1];
    return (I18N.relations && I18N.relations[english]) || english;
  }
  function plural(count, forms, english) {
    var rule = window.Intl && Intl.PluralRules ? new Intl.PluralRules(I18N.lang || "en").select(count) : count === 1 ? "one" : "other";
    var form = forms ? forms[rule] || forms.other : count === 1 ? english[0] : english[1];
    return form.replace("%(num)s", digits(count));
  }
  var UNITS = [["hour", 1, 1 / 24], ["hour", 3, 3 / 24], ["hour", 6, 6 / 24], ["hour", 12, 0.5],
    ["day", 1, 1], ["day", 2, 2], ["day", 5, 5], ["day", 10, 10],
    ["month", 1, 30.44], ["month", 3, 91.3], ["month", 6, 182.6]];
  [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].forEach(function (s) { UNITS.push(["year", s, s * 365.2425]); });
  var APPROXIMATE = 1, UNCERTAIN = 2, SPAN = 4, OPEN_START = 8, OPEN_END = 16, OPEN = OPEN_START | OPEN_END;
  var MIN_VIEW = 2 / 24; // two hours
  var ROW = 18, SCALE = 30, HEADER = 16, OVERVIEW = 26, ERA_ROW = 15, ERA_FILL = "#ddd5c0";

  // Proleptic Gregorian <-> days since 1970 (H. Hinnant), exact for negative years.
  function daysFromCivil(y, m, d) {
    y -= m <= 2 ? 1 : 0;
    var era = Math.floor(y / 400), yoe = y - era * 400;
    var doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }
  function civilFromDays(z) {
    z = Math.floor(z) + 719468;
    var era = Math.floor(z / 146097), doe = z - era * 146097;
    var yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    var doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    var mp = Math.floor((5 * doy + 2) / 153);
    var d = doy - Math.floor((153 * mp + 2) / 5) + 1, m = mp < 10 ? mp + 3 : mp - 9;
    return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
  }
  function daysInMonth(y, m) { return daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1); }
  function yearLabel(y, era) { return y <= 0 ? t("bc", "%(year)s BC", { year: digits(y > -9999 ? String(1 - y) : (1 - y).toLocaleString("en")) }) : (era || y < 1000 ? t("ad", "AD %(year)s", { year: digits(y) }) : digits(y)); }

  function chooseUnit(lo, hi, width, minPx) {
    var perDay = width / Math.max(hi - lo, 1e-9);
    for (var i = 0; i < UNITS.length; i++) if (UNITS[i][2] * perDay >= minPx) return UNITS[i];
    return UNITS[UNITS.length - 1];
  }

  // The same rules as timeline/render/axis.py ticks(): round historical years, no year 0.
  function ticks(lo, hi, width, minPx, cal) {
    var unit = chooseUnit(lo, hi, width, minPx || 90), kind = unit[0], step = unit[1], out = [];
    // The display calendar's ticks (calendar-ticks.js), where it covers the view.
    var own = cal && window.timelineCalendarTicks && window.timelineCalendarTicks(lo, hi, kind, step, cal, { daysFromCivil: daysFromCivil, civilFromDays: civilFromDays, yearLabel: yearLabel });
    if (own) return { unit: kind, step: step, ticks: own, calendar: true };
    var firstYear = Math.max(-9999, civilFromDays(lo)[0] - 1), lastYear = Math.min(9999, civilFromDays(Math.ceil(hi))[0] + 1);
    if (kind === "year") {
      var bc = firstYear <= 0, hist = firstYear > 0 ? firstYear : firstYear - 1;
      for (var h = Math.floor(hist / step) * step; ; h += step) {
        var year = h === 0 ? (step >= 10 ? 1 : null) : (h > 0 ? h : h + 1);
        if (year === null) continue;
        if (year > lastYear) break;
        var at = daysFromCivil(year, 1, 1);
        if (at >= lo && at <= hi) out.push([at, yearLabel(year, bc && year < 1000)]);
      }
      return { unit: kind, step: step, ticks: out };
    }
    if (kind === "month") {
      var c = civilFromDays(lo), y = c[0], m = c[1] - (c[1] - 1) % step;
      while (y <= lastYear) {
        var t = daysFromCivil(y, m, 1);
        if (t > hi) break;
        if (t >= lo) out.push([t, MONTHS[m - 1] + (m === 1 || !out.length ? " " + yearLabel(y) : "")]);
        m += step; if (m > 12) { m -= 12; y += 1; }
      }
      return { unit: kind, step: step, ticks: out };
    }
    for (var day = Math.floor(lo); day <= hi; day++) {
      var cd = civilFromDays(day), dom = cd[2];
      if (kind === "day") {
        var keep = dom === 1 || ((dom - 1) % step === 0 && daysInMonth(cd[0], cd[1]) - dom + 1 > step / 2);
        if (keep && day >= lo) out.push([day, digits(dom) + " " + MONTHS[cd[1] - 1] + (!out.length || (dom === 1 && cd[1] === 1) ? " " + yearLabel(cd[0]) : "")]);
      } else {
        for (var hour = 0; hour < 24; hour += step) {
          var ht = day + hour / 24;
          if (ht < lo || ht > hi) continue;
          var dayText = digits(dom) + " " + MONTHS[cd[1] - 1] + " " + yearLabel(cd[0]);
          var pad = digits((hour < 10 ? "0" : "") + hour + ":00");
          out.push([ht, hour === 0 ? dayText : (!out.length ? pad + " " + dayText : pad)]);
        }
      }
    }
    return { unit: kind, step: step, ticks: out };
  }

  // A day count as the URL writes it: 1990-01-31, -0399-01-01, 2025-04-21T14:30.
  function formatDay(value) {
    var c = civilFromDays(value), minutes = Math.round((value - Math.floor(value)) * 1440);
    var y = c[0] < 0 ? "-" + String(-c[0]).padStart(4, "0") : String(c[0]).padStart(4, "0");
    var text = y + "-" + String(c[1]).padStart(2, "0") + "-" + String(c[2]).padStart(2, "0");
    if (minutes > 0 && minutes < 1440) text += "T" + String(Math.floor(minutes / 60)).padStart(2, "0") + ":" + String(minutes % 60).padStart(2, "0");
    return text;
  }
  function parseDay(text) {
    var m = /^(-?\d{1,4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d))?$/.exec(text || "");
    if (!m) return null;
    var y = parseInt(m[1], 10), mo = parseInt(m[2], 10), d = parseInt(m[3], 10);
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < -9999 || y > 9999) return null;
    return daysFromCivil(y, mo, d) + (m[4] ? (parseInt(m[4], 10) * 60 + parseInt(m[5], 10)) / 1440 : 0);
  }
  function parseRange(text) {
    var parts = (text || "").split("~");
    if (parts.length !== 2) return null;
    var a = parseDay(parts[0]), b = parseDay(parts[1]);
    return a === null || b === null || b <= a ? null : [a, b];
  }
  function dateRangeText(a, b) {
    var unit = chooseUnit(a, b, 4, 1)[0];
    var fa = civilFromDays(a), fb = civilFromDays(Math.max(a, b - 1e-6));
    if (unit === "year") return yearLabel(fa[0]) + " – " + yearLabel(fb[0]);
    if (unit === "month") return MONTHS[fa[1] - 1] + " " + yearLabel(fa[0]) + " – " + MONTHS[fb[1] - 1] + " " + yearLabel(fb[0]);
    return digits(fa[2]) + " " + MONTHS[fa[1] - 1] + " " + yearLabel(fa[0]) + " – " + digits(fb[2]) + " " + MONTHS[fb[1] - 1] + " " + yearLabel(fb[0]);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function lowerBound(order, lo, value) {
    var a = 0, b = order.length;
    while (a < b) { var mid = (a + b) >> 1; if (lo[order[mid]] < value) a = mid + 1; else b = mid; }
    return a;
  }

  function Axis(figure) {
    this.figure = figure;
    this.root = figure.closest(".tl");
    this.url = new URL(figure.getAttribute("data-tl-axis"), window.location.href);
    this.ready = false;
    this.range = null; // the brushed [from, to), or null
    this.filterIds = null;
    this.pending = false;
    this.marks = [];
    this.buckets = [];
    readI18n();
    // Right to left is one transform at the scale: the axis works on negated days, so
    // later is leftwards and every drawing rule stays as it is; days in and out flip.
    this.sign = I18N.axisDir === "rtl" ? -1 : 1;
    this.build();
  }

  Axis.prototype.build = function () {
    var self = this, uid = "tla" + Math.random().toString(36).slice(2, 8);
    this.uid = uid;
    var brushing = Boolean(this.root && this.root.querySelector("[data-tl-list]"));
    this.live = el("div", { "class": "tl-axis-live" });
    var bar = el("div", { "class": "tl-axis-controls", role: "toolbar", "aria-label": t("axisControls", "Time axis controls"), "aria-controls": uid + "-view" });
    var sign = this.sign;
    function arrows(text) { return sign > 0 ? text : text.replace(/[←→]/g, function (c) { return c === "←" ? "→" : "←"; }); }
    function button(label, text, action, extra) {
      var b = el("button", Object.assign({ type: "button", "aria-label": label, title: label }, extra || {}), text);
      b.addEventListener("click", action);
      bar.appendChild(b);
      return b;
    }
    button(t("zoomIn", "Zoom in (+)"), "+", function () { self.zoom(0.5); });
    button(t("zoomOut", "Zoom out (−)"), "−", function () { self.zoom(2); });
    button(arrows(t("earlier", "Earlier (←)")), arrows("←"), function () { self.pan(-0.4 * sign); });
    button(arrows(t("later", "Later (→)")), arrows("→"), function () { self.pan(0.4 * sign); });
    button(t("whole", "Whole timeline (Home)"), t("wholeShort", "Whole"), function () { self.setView(self.w0, self.w1); });
    if (brushing) {
      this.brushButton = button(t("brush", "Select a time range by dragging on the axis"), t("brushShort", "Select range"), function () {
        var on = self.brushButton.getAttribute("aria-pressed") !== "true";
        self.brushButton.setAttribute("aria-pressed", String(on));
      }, { "aria-pressed": "false" });
      button(t("listView", "Show in the list only the events in view"), t("listViewShort", "List this view"), function () { self.setRange([self.v0, self.v1]); });
      this.clearButton = button(t("clearRange", "Clear the time range"), t("clearRangeShort", "Clear range"), function () { self.setRange(null); });
      this.clearButton.hidden = true;
    }
    this.view = el("div", { "class": "tl-axis-view", id: uid + "-view", tabindex: "0", role: "group",
      "aria-roledescription": t("axisRole", "time axis"),
      "aria-label": t("axisKeys", "Time axis. Plus and minus zoom, arrow keys move earlier or later, Home shows the whole timeline, End the latest events") + (brushing ? t("axisKeysEscape", ", Escape clears the time range") : "") + "." });
    this.canvas = el("canvas", { role: "img", "aria-label": t("axis", "Time axis") });
    this.overlay = el("div", { "class": "tl-axis-links" });
    this.tip = el("div", { "class": "tl-axis-tip", "aria-hidden": "true" });
    this.tip.hidden = true;
    this.view.appendChild(this.canvas);
    this.view.appendChild(this.overlay);
    this.view.appendChild(this.tip);
    this.status = el("p", { "class": "tl-axis-status", role: "status", "aria-live": "polite" });
    this.live.appendChild(bar);
    this.live.appendChild(this.view);
    this.live.appendChild(this.status);
    var stat = this.figure.querySelector(".tl-axis-noscript") || this.figure.querySelector(".tl-axis-static");
    this.figure.insertBefore(this.live, stat);
    // Print the whole range as the build drew it (vector, every lane), not the screen's view.
    var figure = this.figure;
    window.addEventListener("beforeprint", function () {
      var holder = figure.querySelector(".tl-axis-noscript");
      if (!holder || figure.querySelector(".tl-axis-print")) return;
      var printed = el("div", { "class": "tl-axis-print" });
      printed.innerHTML = holder.textContent; // the build's own markup, escaped when written
      figure.insertBefore(printed, holder);
    });
    this.status.textContent = t("loadingAxis", "Loading the time axis…");
    this.bind();
    if (this.root) {
      this.root.addEventListener("tl:filtered", function (event) {
        self.filterIds = event.detail && event.detail.ids ? event.detail.ids : null;
        if (self.ready) { self.applyFilter(); self.request(); }
      });
    }
    var state = new URLSearchParams(window.location.search);
    var range = this.flip(parseRange(state.get("range")));
    if (range && brushing) {
      // timeline.js listens from DOMContentLoaded on (this script may run before that).
      this.range = range;
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { self.setRange(range, true); });
      else this.setRange(range, true);
    }
    this.initialView = this.flip(parseRange(state.get("view")));
    fetch(this.url.href).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (data) { self.load(data); }).catch(function (error) {
      self.status.textContent = t("axisFailed", "The time axis could not be loaded (%(error)s); the list below has every event.", { error: error.message });
    });
  };

  Axis.prototype.load = function (data) {
    var n = data.lo.length, self = this;
    this.n = n;
    function negated(v) { return -v; }
    this.lo = this.sign > 0 ? Float64Array.from(data.lo) : Float64Array.from(data.hi, negated);
    this.hi = this.sign > 0 ? Float64Array.from(data.hi) : Float64Array.from(data.lo, negated);
    this.p = Uint8Array.from(data.p);
    // Mirrored, an open end runs to the left edge: the drawing's "start".
    function mirrored(bits) {
      var open = bits & OPEN;
      return open === OPEN_START || open === OPEN_END ? bits ^ OPEN : bits;
    }
    this.q = Uint8Array.from(data.q, this.sign > 0 ? undefined : mirrored);
    this.imp = Uint8Array.from(data.imp);
    this.titles = data.t;
    this.dates = data.d;
    this.calendar = data.cal;
    this.ids = data.u;
    this.href = data.href;
    // Eras: bands in a strip of thin rows above the lanes (axis.py stacks them, so
    // overlapping and nested eras never hide one another), shaded behind the marks.
    this.eras = data.eras || null;
    if (this.eras && this.sign < 0) {
      // Right to left, as the events above: an era's end is its band's left side.
      var e = this.eras;
      this.eras = Object.assign({}, e, { lo: e.hi.map(negated), hi: e.lo.map(negated), q: e.q.map(mirrored) });
    }
    this.eraHref = data.eraHref || null;
    this.strip = 0;
    if (this.eras && this.eras.lo.length) this.strip = (Math.max.apply(null, this.eras.row) + 1) * ERA_ROW + 4;
    this.bands = [];
    // Typed links, both ways from each event: drawn as arrows when it is selected.
    this.relations = {};
    this.relTypes = data.relTypes || [];
    var rels = data.rel || [], relations = this.relations;
    rels.forEach(function (r) {
      (relations[r[0]] = relations[r[0]] || []).push({ from: r[0], to: r[1], type: r[2], out: true });
      (relations[r[1]] = relations[r[1]] || []).push({ from: r[0], to: r[1], type: r[2], out: false });
    });
    this.selected = null;
    this.arrows = [];
    this.widths = new Float32Array(n).fill(-1);
    var idIndex = {};
    for (var i = 0; i < n; i++) idIndex[this.ids[i]] = i;
    this.idIndex = idIndex;
    // Events of this page: a tag, actor or place page shows only its own.
    this.base = new Uint8Array(n).fill(1);
    var facet = this.figure.getAttribute("data-tl-axis-facet");
    if (facet && data.facets && data.facets[facet]) {
      var wanted = data.facets[facet].names.indexOf(this.figure.getAttribute("data-tl-axis-name"));
      var of = data.facets[facet].of;
      for (i = 0; i < n; i++) this.base[i] = of[i].indexOf(wanted) >= 0 ? 1 : 0;
    }
    var names = data.lanes.names, laneOf = data.lanes.of;
    var members = names.map(function () { return []; });
    // Open-ended events reach the edge of any view past (or before) their known bound:
    // they stay out of the sorted order and its longest-span cut, and are checked apart.
    var openMembers = names.map(function () { return []; }), q = this.q;
    for (i = 0; i < n; i++) if (this.base[i]) for (var k = 0; k < laneOf[i].length; k++) (q[i] & OPEN ? openMembers : members)[laneOf[i][k]].push(i);
    var lo = this.lo, hi = this.hi;
    this.lanes = [];
    names.forEach(function (name, index) {
      var order = Int32Array.from(members[index]).sort(function (a, b) { return lo[a] - lo[b]; });
      var open = Int32Array.from(openMembers[index]);
      var longest = 0;
      for (var j = 0; j < order.length; j++) longest = Math.max(longest, hi[order[j]] - lo[order[j]]);
      if (order.length || open.length || names.length === 1) self.lanes.push({ name: name, index: index, order: order, open: open, longest: longest });
    });
    this.showLanes = names.length > 1 || names[0] !== "";
    this.rows = this.showLanes ? 3 : 6;
    var a = Infinity, b = -Infinity;
    for (i = 0; i < n; i++) if (this.base[i]) { a = Math.min(a, lo[i]); b = Math.max(b, hi[i]); }
    if (a === Infinity) { a = 0; b = 1; }
    var pad = Math.max((b - a) * 0.02, 1);
    this.w0 = a - pad; this.w1 = b + pad;
    this.on = new Uint8Array(n);
    this.applyFilter();
    var start = this.initialView;
    var preset = (this.figure.getAttribute("data-tl-axis-view") || "").split(",").map(Number);
    if (preset.length === 2) preset = this.flip(preset);
    if (!start && preset.length === 2 && preset[1] > preset[0]) {
      var extra = Math.max((preset[1] - preset[0]) * 0.05, 0.5);
      start = [preset[0] - extra, preset[1] + extra];
    }
    this.v0 = start ? start[0] : this.w0;
    this.v1 = start ? start[1] : this.w1;
    this.figure.classList.add("tl-axis-ready");
    this.ready = true;
    this.status.textContent = "";
    this.resize();
    this.announceView();
    var self2 = this;
    if (window.ResizeObserver) new ResizeObserver(function () { self2.resize(); }).observe(this.view);
    else window.addEventListener("resize", function () { self2.resize(); });
  };

  Axis.prototype.applyFilter = function () {
    var n = this.n, on = this.on, base = this.base;
    var ids = this.filterIds;
    var allowed = null;
    if (ids) { allowed = new Uint8Array(n); for (var k = 0; k < ids.length; k++) { var j = this.idIndex[ids[k]]; if (j !== undefined) allowed[j] = 1; } }
    this.shown = 0;
    for (var i = 0; i < n; i++) {
      // The list's filters without the brushed range (timeline.js leaves it out of the
      // ids): the axis shows the range shaded, and what lies around it.
      on[i] = base[i] && (!allowed || allowed[i]) ? 1 : 0;
      if (on[i]) this.shown++;
    }
    this.overviewCounts = null;
  };

  Axis.prototype.resize = function () {
    var width = Math.max(200, this.view.clientWidth);
    var laneHeight = (this.showLanes ? HEADER : 0) + this.rows * ROW + 8;
    var height = SCALE + this.strip + laneHeight * this.lanes.length + OVERVIEW + 6;
    var ratio = window.devicePixelRatio || 1;
    this.width = width; this.height = height; this.laneHeight = laneHeight;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.style.height = height + "px";
    this.view.style.height = height + "px";
    this.ratio = ratio;
    var style = getComputedStyle(this.figure);
    this.ink = style.color || "#222";
    var paper = getComputedStyle(document.body).backgroundColor;
    this.background = paper && paper !== "transparent" && paper !== "rgba(0, 0, 0, 0)" ? paper : "#fff";
    this.accent = style.getPropertyValue("--tl-axis-accent").trim() || "#2f62c8";
    this.font = "12px " + (style.fontFamily || "sans-serif");
    this.overviewCounts = null;
    this.draw();
  };

  // Days as the page and the URL know them <-> the axis's own (negated when mirrored).
  Axis.prototype.flip = function (range) { return !range || this.sign > 0 ? range : [-range[1], -range[0]]; };
  Axis.prototype.rangeText = function (a, b) { var r = this.flip([a, b]); return dateRangeText(r[0], r[1]); };
  Axis.prototype.x = function (days) { return (days - this.v0) * this.width / (this.v1 - this.v0); };
  Axis.prototype.days = function (x) { return this.v0 + x * (this.v1 - this.v0) / this.width; };

  Axis.prototype.setView = function (a, b, quiet) {
    var span = Math.max(MIN_VIEW, Math.min(b - a, (this.w1 - this.w0) * 1.5));
    var middle = (a + b) / 2;
    var low = Math.max(-3652500 - 719468, this.w0 - span * 0.5), high = Math.min(3652500, this.w1 + span * 0.5);
    middle = Math.min(Math.max(middle, low + span / 2), high - span / 2);
    this.v0 = middle - span / 2; this.v1 = middle + span / 2;
    this.request();
    if (!quiet) this.remember();
  };
  Axis.prototype.zoom = function (factor, atX) {
    var at = atX === undefined ? (this.v0 + this.v1) / 2 : this.days(atX);
    this.setView(at - (at - this.v0) * factor, at + (this.v1 - at) * factor);
  };
  Axis.prototype.pan = function (fraction) {
    var shift = (this.v1 - this.v0) * fraction;
    this.setView(this.v0 + shift, this.v1 + shift);
  };

  Axis.prototype.remember = function () {
    var self = this;
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(function () {
      var params = new URLSearchParams(window.location.search);
      var whole = Math.abs(self.v0 - self.w0) < 1e-6 && Math.abs(self.v1 - self.w1) < 1e-6;
      var view = self.flip([self.v0, self.v1]), range = self.flip(self.range);
      if (whole) params.delete("view"); else params.set("view", formatDay(view[0]) + "~" + formatDay(view[1]));
      if (range) params.set("range", formatDay(range[0]) + "~" + formatDay(range[1])); else params.delete("range");
      var query = params.toString().replace(/%7E/gi, "~").replace(/%3A/gi, ":"); // readable in a shared link
      window.history.replaceState(window.history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      self.announceView();
    }, 200);
  };

  // The days in view, for what else on the page follows the axis (the map page): in
  // the page's days, as "tl:range" (a mirrored axis counts its own days negated).
  Axis.prototype.announceView = function () {
    var days = this.flip([this.v0, this.v1]);
    if (this.root) this.root.dispatchEvent(new CustomEvent("tl:view", { detail: { from: days[0], to: days[1] } }));
  };

  Axis.prototype.setRange = function (range, quiet) {
    this.range = range;
    if (this.clearButton) this.clearButton.hidden = !range;
    var days = this.flip(range);
    if (this.root) this.root.dispatchEvent(new CustomEvent("tl:range", { detail: days ? { from: days[0], to: days[1] } : null }));
    if (this.ready) this.request();
    if (!quiet) {
      this.status.textContent = range ? t("rangeShown", "The list shows the events of %(range)s.", { range: this.rangeText(range[0], range[1]) }) : t("rangeCleared", "The time range is cleared.");
      this.remember();
    }
  };

  Axis.prototype.request = function () {
    if (this.pending || !this.ready) return;
    this.pending = true;
    var self = this;
    window.requestAnimationFrame(function () { self.pending = false; self.draw(); });
  };

  // measureText was a tenth of a frame: tick labels repeat from frame to frame.
  Axis.prototype.textWidth = function (ctx, text) {
    var cache = this.tickWidths || (this.tickWidths = new Map());
    var w = cache.get(text);
    if (w === undefined) { if (cache.size > 2000) cache.clear(); w = ctx.measureText(text).width; cache.set(text, w); }
    return w;
  };

  // A title's width as the sum of its characters' widths (each measured once), plus a
  // pixel for kerning: measuring thousands of new titles while zooming made frames drop.
  Axis.prototype.labelWidth = function (ctx, i) {
    var w = this.widths[i];
    if (w < 0) {
      var chars = this.charWidths || (this.charWidths = new Map()), title = this.titles[i];
      w = 1;
      for (var k = 0; k < title.length; k++) {
        var c = title[k], cw = chars.get(c);
        if (cw === undefined) { cw = ctx.measureText(c).width; chars.set(c, cw); }
        w += cw;
      }
      this.widths[i] = w;
    }
    return w;
  };

  Axis.prototype.draw = function () {
    if (!this.ready) return;
    var ctx = this.canvas.getContext("2d"), width = this.width, self = this;
    ctx.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    ctx.clearRect(0, 0, width, this.height);
    ctx.font = this.font;
    ctx.textBaseline = "middle";
    var lanesTop = SCALE + this.strip, laneBottom = lanesTop + this.laneHeight * this.lanes.length;
    // Ticks.
    var grid = ticks(this.v0, this.v1, width, 90, this.calendar);
    if (this.sign < 0) {
      grid = ticks(-this.v1, -this.v0, width, 90, this.calendar);
      grid.ticks = grid.ticks.map(function (tick) { return [-tick[0], tick[1]]; }).reverse();
    }
    ctx.fillStyle = this.ink; ctx.strokeStyle = this.ink;
    ctx.globalAlpha = 0.18; ctx.lineWidth = 1;
    ctx.beginPath();
    grid.ticks.forEach(function (t) { var x = Math.round(self.x(t[0])) + 0.5; ctx.moveTo(x, SCALE - 8); ctx.lineTo(x, laneBottom); });
    ctx.stroke();
    ctx.globalAlpha = 1;
    var lastEnd = -Infinity; // a label never covers the one before it (long month names)
    grid.ticks.forEach(function (t) {
      var x = self.x(t[0]) + 3, w = self.textWidth(ctx, t[1]);
      var at = x + w <= width ? x : (x - 6 - w >= 0 && x - 3 <= width ? x - 6 - w : null); // at the edge: left of its line
      if (at !== null && at >= lastEnd + 4) { ctx.fillText(t[1], at, SCALE - 16); lastEnd = at + w; }
    });
    // The first label says where the view starts when its tick is off to the left.
    var lead = grid.ticks.length ? self.x(grid.ticks[0][0]) : width;
    if (!grid.calendar && (lead > 70 || grid.unit === "day" || grid.unit === "hour")) {
      var c = civilFromDays(this.sign * this.v0), context = grid.unit === "year" ? yearLabel(c[0]) : MONTHS[c[1] - 1] + " " + yearLabel(c[0]);
      var cw = ctx.measureText(context).width + 8;
      if (lead > cw + 6) { ctx.globalAlpha = 0.7; ctx.fillText(context, 3, SCALE - 16); ctx.globalAlpha = 1; }
    }
    // The brushed range, shaded behind the marks.
    if (this.range) {
      var r0 = Math.max(0, this.x(this.range[0])), r1 = Math.min(width, this.x(this.range[1]));
      if (r1 > r0) { ctx.fillStyle = this.accent; ctx.globalAlpha = 0.1; ctx.fillRect(r0, SCALE - 8, r1 - r0, laneBottom - SCALE + 8); ctx.globalAlpha = 1; }
    }
    this.drawEras(ctx, lanesTop, laneBottom);
    this.marks = []; this.buckets = [];
    var visibleTotal = 0;
    // Plan every lane first: crowded lanes become density, scaled to one maximum for
    // all lanes so their heights compare.
    var plans = this.lanes.map(function (lane, index) {
      var top = lanesTop + index * self.laneHeight, rowsTop = top + (self.showLanes ? HEADER : 0) + 2;
      var plan = self.planLane(ctx, lane, rowsTop);
      plan.top = top;
      visibleTotal += plan.visible;
      return plan;
    });
    var most = 1;
    plans.forEach(function (plan) { if (plan.counts) most = Math.max(most, plan.most); });
    plans.forEach(function (plan, index) {
      if (self.showLanes) {
        ctx.fillStyle = self.ink; ctx.font = "bold " + self.font;
        var laneName = self.lanes[index].name === "Other" ? t("other", "Other") : self.lanes[index].name;
        ctx.fillText((laneName || "—") + (plan.counts ? "  (" + t("inView", "%(count)s in view", { count: digits(plan.visible) }) + ")" : ""), 4, plan.top + 8);
        ctx.font = self.font;
        if (index) {
          ctx.strokeStyle = self.ink; ctx.globalAlpha = 0.12; ctx.beginPath();
          ctx.moveTo(0, plan.top + 0.5); ctx.lineTo(width, plan.top + 0.5); ctx.stroke(); ctx.globalAlpha = 1;
        }
      }
      if (plan.counts) self.paintDensity(ctx, plan, most); else self.paintMarks(ctx, plan);
    });
    this.drawArrows(ctx);
    this.drawOverview(ctx, laneBottom + 4);
    this.visibleTotal = visibleTotal;
    if (!this.drawn) { this.drawn = true; if (window.performance && performance.mark) performance.mark("tl-axis-drawn"); }
    clearTimeout(this.linkTimer);
    // Links and the text summary follow once the view rests, not on every frame.
    this.linkTimer = setTimeout(function () {
      self.canvas.setAttribute("aria-label", t("axisShowing", "Time axis showing %(range)s: %(visible)s of %(total)s events in view.", { range: self.rangeText(self.v0, self.v1), visible: digits(visibleTotal), total: digits(self.shown) }));
      self.placeLinks();
    }, 150);
  };

  // Each era over exactly its bounds (an open end to the edge, as marks do): a labelled
  // band in its row of the strip, and a light shade of its colour behind the lanes.
  Axis.prototype.drawEras = function (ctx, top, bottom) {
    this.bands = [];
    var eras = this.eras, width = this.width;
    if (!eras) return;
    for (var k = 0; k < eras.lo.length; k++) {
      var bits = eras.q[k], x0 = this.x(eras.lo[k]), x1 = Math.max(this.x(eras.hi[k]), x0 + 1);
      if (bits & OPEN_START) x0 = Math.min(0, x1 - 1);
      if (bits & OPEN_END) x1 = Math.max(width, x0 + 1);
      if (x1 < 0 || x0 > width) continue;
      var c0 = Math.max(x0, 0), c1 = Math.min(x1, width), y = SCALE - 4 + eras.row[k] * ERA_ROW, h = ERA_ROW - 2;
      var colour = eras.c[k] || ERA_FILL, fill = colour;
      if (bits & APPROXIMATE && x1 - x0 > 6) {
        // Circa ends fade, as an approximate event's do.
        fill = ctx.createLinearGradient(x0, 0, x1, 0);
        fill.addColorStop(0, colour + "1a"); fill.addColorStop(0.2, colour); fill.addColorStop(0.8, colour); fill.addColorStop(1, colour + "1a");
      }
      ctx.fillStyle = fill;
      ctx.globalAlpha = 0.25;
      var only = eras.ln && eras.ln[k] && eras.ln[k].length && this.showLanes ? eras.ln[k] : null;
      if (!only) ctx.fillRect(c0, top, c1 - c0, bottom - top);
      // An era of some lanes only (its `lanes:`) shades those lanes.
      else for (var j = 0; j < this.lanes.length; j++) if (only.indexOf(this.lanes[j].index) >= 0) ctx.fillRect(c0, top + j * this.laneHeight, c1 - c0, this.laneHeight);
      ctx.globalAlpha = 1; ctx.fillRect(c0, y, Math.max(c1 - c0, 1), h);
      ctx.strokeStyle = "#8a826c"; ctx.lineWidth = 0.75; ctx.setLineDash(bits & UNCERTAIN ? [3, 2] : []);
      ctx.strokeRect(c0 + 0.5, y + 0.5, Math.max(c1 - c0 - 1, 1), h - 1); ctx.setLineDash([]);
      ctx.save(); ctx.beginPath(); ctx.rect(c0, y, c1 - c0, h); ctx.clip();
      ctx.fillStyle = "#222"; ctx.font = "11px " + this.font.replace(/^\d+px /, "");
      ctx.fillText(eras.t[k], c0 + 4, y + h / 2 + 0.5);
      ctx.restore(); ctx.font = this.font;
      this.bands.push({ k: k, id: eras.u[k], x0: x0, x1: x1, hit0: c0, hit1: c1, y0: y, y1: y + h, row: eras.row[k] });
    }
  };

  // The selected event's typed links as arrows to the marks at their other ends, each
  // with its relation in words ("Led to", "Caused by"), from the event the link names.
  Axis.prototype.drawArrows = function (ctx) {
    this.arrows = [];
    var sel = this.selected, list = sel === null ? null : this.relations[sel];
    if (!list || !list.length) return;
    var self = this, width = this.width, byIndex = {};
    this.marks.forEach(function (m) { (byIndex[m.i] = byIndex[m.i] || []).push(m); });
    var here = (byIndex[sel] || [])[0];
    if (!here) return;
    var centre = function (m) { return [Math.max(0, Math.min(width, (m.hit0 + m.hit1) / 2)), (m.y0 + m.y1) / 2]; };
    var a = centre(here), taken = [];
    ctx.save();
    ctx.strokeStyle = this.ink; ctx.fillStyle = this.ink; ctx.lineWidth = 1.5;
    list.forEach(function (r) {
      var other = r.out ? r.to : r.from, words = relationWords(self.relTypes[r.type], r.out);
      var candidates = byIndex[other] || [], target = null, best = Infinity;
      candidates.forEach(function (m) { var d = Math.abs((m.y0 + m.y1) / 2 - a[1]) + Math.abs((m.hit0 + m.hit1) / 2 - a[0]) / 1000; if (d < best) { best = d; target = m; } });
      // Off screen (or filtered out): the arrow points to the edge it lies beyond.
      var b = target ? centre(target) : [self.lo[other] < self.v0 ? 4 : width - 4, a[1] - 14];
      var start = r.out ? a : b, end = r.out ? b : a;
      // Links it names bow above, links naming it below: two links between the same
      // two events (one each way) stay apart.
      var bow = 18 + Math.abs(end[0] - start[0]) * 0.08;
      var mx = (start[0] + end[0]) / 2, my = r.out ? Math.min(start[1], end[1]) - bow : Math.max(start[1], end[1]) + bow;
      ctx.beginPath(); ctx.moveTo(start[0], start[1]); ctx.quadraticCurveTo(mx, my, end[0], end[1]); ctx.stroke();
      // The head, along the curve's last tangent, stopping short of the mark's centre.
      var angle = Math.atan2(end[1] - my, end[0] - mx), tip = [end[0] - Math.cos(angle) * 6, end[1] - Math.sin(angle) * 6];
      ctx.beginPath(); ctx.moveTo(tip[0], tip[1]);
      ctx.lineTo(tip[0] - Math.cos(angle - 0.45) * 8, tip[1] - Math.sin(angle - 0.45) * 8);
      ctx.lineTo(tip[0] - Math.cos(angle + 0.45) * 8, tip[1] - Math.sin(angle + 0.45) * 8); ctx.closePath(); ctx.fill();
      var text = words + (target ? "" : ": " + self.titles[other]), tw = self.textWidth(ctx, text);
      var lx = Math.max(2, Math.min(width - tw - 6, mx - tw / 2)), ly = (start[1] + end[1]) / 4 + my / 2;
      // Labels of near neighbours would pile up: each moves off the ones placed before.
      for (var tries = [0, -17, 17, -34, 34, -51, 51], t = 0; t < tries.length; t++) {
        var y = ly + tries[t], free = taken.every(function (b) { return lx + tw + 3 < b[0] || lx - 3 > b[1] || y + 8 < b[2] || y - 8 > b[3]; });
        if (free && y - 8 >= SCALE - 10) { ly = y; break; }
      }
      taken.push([lx - 3, lx + tw + 3, ly - 8, ly + 8]);
      ctx.globalAlpha = 0.85; ctx.fillStyle = self.background || "#fff"; ctx.fillRect(lx - 3, ly - 8, tw + 6, 16); ctx.globalAlpha = 1;
      ctx.fillStyle = self.ink; ctx.fillText(text, lx, ly);
      self.arrows.push({ from: self.ids[r.from], to: self.ids[r.to], words: words, x0: start[0], y0: start[1], x1: end[0], y1: end[1], drawn: Boolean(target) });
    });
    ctx.restore();
  };

  Axis.prototype.select = function (i) {
    if (this.selected === i) return;
    this.selected = i;
    this.request();
  };

  var BUCKET = 4;
  Axis.prototype.planLane = function (ctx, lane, rowsTop) {
    var order = lane.order, lo = this.lo, hi = this.hi, on = this.on, v0 = this.v0, v1 = this.v1;
    var start = lowerBound(order, lo, v0 - lane.longest), visible = [];
    for (var k = start; k < order.length; k++) {
      var i = order[k];
      if (lo[i] > v1) break;
      if (on[i] && hi[i] >= v0) visible.push(i);
    }
    var q = this.q;
    for (k = 0; k < lane.open.length; k++) {
      i = lane.open[k];
      if (on[i] && (hi[i] >= v0 || q[i] & OPEN_END) && (lo[i] <= v1 || q[i] & OPEN_START)) visible.push(i);
    }
    var floor = rowsTop + this.rows * ROW, width = this.width;
    var scale = width / (v1 - v0);
    var plan = { visible: visible.length, rowsTop: rowsTop, floor: floor };
    // Beyond one mark per 25 pixels per row, stacking cannot fit them: counts at once.
    if (visible.length <= this.rows * width / 25) {
      plan.marks = this.layoutMarks(ctx, visible, scale);
      var overflow = 0;
      plan.marks.forEach(function (m) { if (m.row < 0) overflow++; });
      // A few marks on the floor are fine; many mean the lane reads better as counts.
      if (overflow <= Math.max(3, visible.length * 0.1)) return plan;
    }
    // Density: counts per slice of BUCKET pixels.
    var counts = new Uint32Array(Math.ceil(width / BUCKET) + 1), first = new Int32Array(counts.length).fill(-1), most = 0;
    for (k = 0; k < visible.length; k++) {
      i = visible[k];
      var middle = ((lo[i] + hi[i]) / 2 - v0) * scale;
      var b = Math.min(counts.length - 1, Math.max(0, Math.floor(middle / BUCKET)));
      counts[b]++; if (first[b] < 0) first[b] = i;
      if (counts[b] > most) most = counts[b];
    }
    plan.marks = null; plan.counts = counts; plan.first = first; plan.most = most;
    return plan;
  };

  Axis.prototype.paintDensity = function (ctx, plan, most) {
    var counts = plan.counts, room = plan.floor - plan.rowsTop - 2;
    ctx.fillStyle = this.ink; ctx.globalAlpha = 0.05; ctx.fillRect(0, plan.rowsTop, this.width, plan.floor - plan.rowsTop); ctx.globalAlpha = 1;
    ctx.fillStyle = this.accent;
    // One path per shade (four shades): a fill per bar cost more than the counting.
    var shades = [new Path2D(), new Path2D(), new Path2D(), new Path2D()];
    for (var b = 0; b < counts.length; b++) {
      if (!counts[b]) continue;
      // Square-root heights: a slice with one event still shows beside one with hundreds.
      var share = Math.sqrt(counts[b] / most), h = Math.max(2, room * share);
      shades[Math.min(3, Math.floor(share * 4))].rect(b * BUCKET, plan.floor - h, BUCKET - 1, h);
      this.buckets.push({ x0: b * BUCKET, x1: b * BUCKET + BUCKET, y0: plan.rowsTop, y1: plan.floor, count: counts[b], first: plan.first[b] });
    }
    for (var k = 0; k < 4; k++) { ctx.globalAlpha = 0.45 + 0.55 * (k + 1) / 4; ctx.fill(shades[k]); }
    ctx.globalAlpha = 1;
  };

  // Greedy stacking, important events first. First try: each mark with its title in the
  // first row where both fit, else the mark alone. When that leaves marks with no row
  // (titles took the room), second try: every mark first, then titles where they fit.
  // Titles never overlap; a title that fits neither side is left to the tooltip.
  Axis.prototype.layoutMarks = function (ctx, visible, scale) {
    var lo = this.lo, hi = this.hi, v0 = this.v0, width = this.width, self = this, rows = this.rows, imp = this.imp;
    var marks = visible.map(function (i) {
      var x0 = (lo[i] - v0) * scale, x1 = (hi[i] - v0) * scale, bits = self.q[i];
      // An open end runs to the edge of the view (an open start from it): it goes on past.
      if (bits & OPEN_START) x0 = Math.min(0, x1 - 1);
      if (bits & OPEN_END) x1 = Math.max(width, x0 + 1);
      // A day (or a minute) is a dot at every zoom: a bar would claim a longer period.
      var point = self.p[i] <= 1 && !(bits & (SPAN | OPEN)), m = { i: i, x0: x0, x1: Math.max(x1, x0 + 1), row: -1, label: false, point: point };
      m.left = point ? Math.min(m.x0, (m.x0 + m.x1) / 2 - 8) : m.x0;
      m.right = Math.max(point ? Math.max(m.x1, (m.x0 + m.x1) / 2 + 8) : m.x1, m.left + 12);
      var textWidth = self.labelWidth(ctx, i), start = m.right + 4;
      if (start + textWidth <= width - 2) m.text = [start, m.left, start + textWidth + 6];
      else if (m.left - 4 - textWidth >= 2) m.text = [m.left - 4 - textWidth, m.left - 10 - textWidth, m.right];
      else m.text = null;
      return m;
    });
    var order = marks.slice().sort(function (a, b) { return (imp[b.i] - imp[a.i]) || (a.x0 - b.x0); });
    function fits(list, a, b) {
      for (var j = 0; j < list.length; j++) if (b + 3 > list[j][0] && a < list[j][1] + 3) return false;
      return true;
    }
    function attempt(marksFirst) {
      var occupied = [], overflow = 0;
      for (var r = 0; r < rows; r++) occupied.push([]);
      order.forEach(function (m) {
        m.row = -1; m.label = false;
        var tries = marksFirst || !m.text ? [[m.left, m.right, false]] : [[m.text[1], m.text[2], true], [m.left, m.right, false]];
        for (var t = 0; t < tries.length && m.row < 0; t++) {
          for (var row = 0; row < rows; row++) {
            if (fits(occupied[row], tries[t][0], tries[t][1])) { occupied[row].push([tries[t][0], tries[t][1]]); m.row = row; m.label = tries[t][2]; break; }
          }
        }
        if (m.row < 0) overflow++;
      });
      if (marksFirst) {
        order.forEach(function (m) {
          if (m.row < 0 || !m.text) return;
          var box = m.text[0] > m.left ? [m.right + 4, m.text[2]] : [m.text[1], m.left - 4];
          if (fits(occupied[m.row], box[0], box[1])) { occupied[m.row].push(box); m.label = true; }
        });
      }
      return overflow;
    }
    if (attempt(false) > 0) attempt(true);
    marks.forEach(function (m) { m.textStart = m.text ? m.text[0] : 0; });
    return marks;
  };

  Axis.prototype.paintMarks = function (ctx, plan) {
    var self = this, imp = this.imp, marks = plan.marks, floor = plan.floor, rowsTop = plan.rowsTop, width = this.width;
    var accent = this.accent, ink = this.ink;
    marks.forEach(function (m) {
      var i = m.i, bits = self.q[i], size = 4 + imp[i] * 0.7;
      var y = m.row < 0 ? floor + 2 : rowsTop + m.row * ROW + ROW / 2;
      var x0 = m.x0, x1 = m.x1, wide = x1 - x0, y0, y1;
      ctx.fillStyle = accent; ctx.strokeStyle = accent; ctx.setLineDash(bits & UNCERTAIN ? [3, 2] : []);
      if (m.row < 0) {
        ctx.fillRect(x0, floor, Math.max(wide, 1.5), 4); y0 = floor - 2; y1 = floor + 5;
      } else if (m.point) {
        var cx = (x0 + x1) / 2;
        // Zoomed in far enough, a faint band shows the whole day the dot stands for.
        if (wide > 2 * size + 4) { ctx.globalAlpha = 0.14; ctx.fillRect(x0, y - 2, wide, 4); ctx.globalAlpha = 1; }
        ctx.beginPath(); ctx.arc(cx, y, size, 0, Math.PI * 2);
        if (bits & UNCERTAIN) { ctx.lineWidth = 1.5; ctx.stroke(); } else ctx.fill();
        x0 = cx - size; x1 = cx + size; y0 = y - size; y1 = y + size;
      } else {
        var bar = bits & (SPAN | OPEN), tall = bar ? size * 1.5 : size * 2;
        y0 = y - tall / 2; y1 = y + tall / 2;
        var clip0 = Math.max(x0, -2), clip1 = Math.min(Math.max(x1, x0 + 3), width + 2);
        if (bits & APPROXIMATE && clip1 - clip0 > 6) {
          var g = ctx.createLinearGradient(x0, 0, Math.max(x1, x0 + 3), 0);
          g.addColorStop(0, "rgba(47,98,200,0.05)"); g.addColorStop(0.25, accent); g.addColorStop(0.75, accent); g.addColorStop(1, "rgba(47,98,200,0.05)");
          ctx.fillStyle = g;
        }
        if (bar) {
          ctx.fillRect(clip0, y0, Math.max(clip1 - clip0, 2), tall);
          if (bits & UNCERTAIN) { ctx.strokeStyle = ink; ctx.lineWidth = 1; ctx.strokeRect(clip0, y0, Math.max(clip1 - clip0, 2), tall); }
          if (bits & OPEN) {
            // Arrowheads at the open ends, tip on the edge of the view.
            var half = tall / 2 + 2;
            ctx.fillStyle = accent; ctx.beginPath();
            if (bits & OPEN_END) { ctx.moveTo(x1 - 7, y - half); ctx.lineTo(x1, y); ctx.lineTo(x1 - 7, y + half); }
            if (bits & OPEN_START) { ctx.moveTo(x0 + 7, y - half); ctx.lineTo(x0, y); ctx.lineTo(x0 + 7, y + half); }
            ctx.fill();
            y0 = Math.min(y0, y - half); y1 = Math.max(y1, y + half);
          }
        } else {
          ctx.globalAlpha = 0.28; ctx.fillRect(clip0, y0, clip1 - clip0, tall); ctx.globalAlpha = 1;
          ctx.lineWidth = 1.5; ctx.beginPath();
          if (x0 >= -2) { ctx.moveTo(x0 + 2.5, y0); ctx.lineTo(x0 + 0.75, y0); ctx.lineTo(x0 + 0.75, y1); ctx.lineTo(x0 + 2.5, y1); }
          var e = Math.max(x1, x0 + 3);
          if (e <= width + 2) { ctx.moveTo(e - 2.5, y0); ctx.lineTo(e - 0.75, y0); ctx.lineTo(e - 0.75, y1); ctx.lineTo(e - 2.5, y1); }
          ctx.stroke();
        }
        x1 = Math.max(x1, x0 + 3);
      }
      ctx.setLineDash([]);
      if (m.label) { ctx.fillStyle = ink; ctx.fillText(self.titles[i], m.textStart, y); }
      self.marks.push({ i: i, id: self.ids[i], x0: m.x0, x1: m.x1, hit0: x0, hit1: x1, y0: y0, y1: y1, row: m.row, label: m.label });
    });
  };

  Axis.prototype.drawOverview = function (ctx, top) {
    var width = this.width, w0 = this.w0, w1 = this.w1, n = this.n;
    if (!this.overviewCounts) {
      var counts = new Uint32Array(Math.ceil(width / 2) + 1), most = 1;
      var scale = width / (w1 - w0);
      for (var i = 0; i < n; i++) {
        if (!this.on[i]) continue;
        var b = Math.min(counts.length - 1, Math.max(0, Math.floor(((this.lo[i] + this.hi[i]) / 2 - w0) * scale / 2)));
        counts[b]++; if (counts[b] > most) most = counts[b];
      }
      this.overviewCounts = counts; this.overviewMost = most; this.overviewPath = null;
    }
    this.overviewTop = top;
    ctx.fillStyle = this.ink; ctx.globalAlpha = 0.06; ctx.fillRect(0, top, width, OVERVIEW); ctx.globalAlpha = 0.55;
    if (!this.overviewPath || this.overviewPathTop !== top) {
      var c = this.overviewCounts, path = new Path2D();
      for (var k = 0; k < c.length; k++) if (c[k]) { var h = Math.max(1.5, (OVERVIEW - 4) * Math.sqrt(c[k] / this.overviewMost)); path.rect(k * 2, top + OVERVIEW - h, 1.5, h); }
      this.overviewPath = path; this.overviewPathTop = top;
    }
    ctx.fill(this.overviewPath);
    ctx.globalAlpha = 1;
    var a = (this.v0 - w0) / (w1 - w0) * width, z = (this.v1 - w0) / (w1 - w0) * width;
    a = Math.max(0, a); z = Math.min(width, Math.max(z, a + 3));
    ctx.strokeStyle = this.accent; ctx.lineWidth = 2; ctx.fillStyle = this.accent; ctx.globalAlpha = 0.15;
    ctx.fillRect(a, top, z - a, OVERVIEW); ctx.globalAlpha = 1; ctx.strokeRect(a + 1, top + 1, z - a - 2, OVERVIEW - 2);
  };

  // Focusable, labelled links over the marks in view (the canvas itself is a picture).
  Axis.prototype.placeLinks = function () {
    var overlay = this.overlay, self = this;
    var keep = overlay.contains(document.activeElement) ? document.activeElement.getAttribute("data-id") : null;
    var keepEra = keep === null && overlay.contains(document.activeElement) ? document.activeElement.getAttribute("data-era") : null;
    overlay.textContent = "";
    this.bands.forEach(function (band) {
      if (!self.eraHref) return;
      var a = el("a", { "data-era": band.id, "aria-label": t("era", "Era: %(title)s, %(date)s", { title: self.eras.t[band.k], date: self.eras.d[band.k] }), tabindex: "-1" });
      a.href = new URL(self.eraHref.replace("{id}", band.id), self.url).href;
      a.style.left = band.hit0 + "px"; a.style.top = band.y0 + "px";
      a.style.width = Math.max(band.hit1 - band.hit0, 6) + "px"; a.style.height = (band.y1 - band.y0) + "px";
      overlay.appendChild(a);
      if (keepEra === band.id) a.focus({ preventScroll: true });
    });
    this.marks.slice(0, 400).forEach(function (m) {
      if (m.hit1 < 0 || m.hit0 > self.width) return;
      var a = el("a", { href: self.href.replace("{id}", m.id), "data-id": m.id, "aria-label": self.titles[m.i] + ", " + self.dates[m.i], tabindex: "-1" });
      a.href = new URL(self.href.replace("{id}", m.id), self.url).href;
      var left = Math.max(0, m.hit0 - 2), right = Math.min(self.width, m.hit1 + 2);
      a.style.left = left + "px"; a.style.top = (m.y0 - 2) + "px";
      a.style.width = Math.max(right - left, 6) + "px"; a.style.height = (m.y1 - m.y0 + 4) + "px";
      overlay.appendChild(a);
      if (keep === m.id) a.focus({ preventScroll: true });
    });
    var current = overlay.querySelector("a:focus") || overlay.querySelector("a");
    if (current) current.setAttribute("tabindex", "0");
  };

  Axis.prototype.hit = function (x, y) {
    for (var k = this.marks.length - 1; k >= 0; k--) {
      var m = this.marks[k];
      if (x >= m.hit0 - 3 && x <= m.hit1 + 3 && y >= m.y0 - 3 && y <= m.y1 + 3) return { mark: m };
    }
    for (k = 0; k < this.bands.length; k++) {
      var band = this.bands[k];
      if (x >= band.hit0 && x <= band.hit1 && y >= band.y0 && y <= band.y1) return { band: band };
    }
    for (k = 0; k < this.buckets.length; k++) {
      var b = this.buckets[k];
      if (x >= b.x0 - 1 && x <= b.x1 + 1 && y >= b.y0 && y <= b.y1) return { bucket: b };
    }
    return null;
  };

  Axis.prototype.bind = function () {
    var self = this, view = this.view, pointers = {}, drag = null, pinch = null;
    function local(event) { var r = view.getBoundingClientRect(); return [event.clientX - r.left, event.clientY - r.top]; }
    view.addEventListener("wheel", function (event) {
      if (!self.ready) return;
      event.preventDefault();
      var scale = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
      var dx = event.deltaX * scale, dy = event.deltaY * scale;
      if (event.shiftKey || Math.abs(dx) > Math.abs(dy)) self.pan((event.shiftKey ? dy || dx : dx) / self.width);
      else self.zoom(Math.exp(dy * (event.ctrlKey ? 0.01 : 0.0015)), local(event)[0]);
    }, { passive: false });
    view.addEventListener("pointerdown", function (event) {
      if (!self.ready || event.button > 0) return;
      var p = local(event);
      pointers[event.pointerId] = p;
      view.setPointerCapture(event.pointerId);
      var ids = Object.keys(pointers);
      if (ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        pinch = { distance: Math.abs(a[0] - b[0]) || 1, v0: self.v0, v1: self.v1, middle: self.days((a[0] + b[0]) / 2) };
        drag = null;
        return;
      }
      var overview = p[1] >= self.overviewTop;
      var brush = !overview && (event.shiftKey || (self.brushButton && self.brushButton.getAttribute("aria-pressed") === "true"));
      drag = { x: p[0], y: p[1], v0: self.v0, v1: self.v1, moved: false, overview: overview, brush: brush };
      if (overview) self.centreOverview(p[0]);
    });
    view.addEventListener("pointermove", function (event) {
      var p = local(event);
      if (pointers[event.pointerId]) pointers[event.pointerId] = p;
      if (pinch) {
        var ids = Object.keys(pointers);
        if (ids.length < 2) return;
        var a = pointers[ids[0]], b = pointers[ids[1]];
        var factor = pinch.distance / (Math.abs(a[0] - b[0]) || 1);
        self.setView(pinch.middle - (pinch.middle - pinch.v0) * factor, pinch.middle + (pinch.v1 - pinch.middle) * factor);
        return;
      }
      if (!drag) { self.hover(p); return; }
      if (Math.abs(p[0] - drag.x) > 3) drag.moved = true;
      if (drag.overview) { self.centreOverview(p[0]); return; }
      if (drag.brush) {
        drag.to = p[0];
        self.request();
        self.brushPreview = [Math.min(drag.x, p[0]), Math.max(drag.x, p[0])];
        return;
      }
      if (drag.moved) {
        var shift = (p[0] - drag.x) * (drag.v1 - drag.v0) / self.width;
        self.setView(drag.v0 - shift, drag.v1 - shift);
      }
    });
    function end(event) {
      delete pointers[event.pointerId];
      if (pinch) { if (Object.keys(pointers).length < 2) pinch = null; return; }
      if (!drag) return;
      var current = drag; drag = null;
      var p = local(event);
      if (current.brush && current.moved) {
        var a = self.days(Math.min(current.x, p[0])), b = self.days(Math.max(current.x, p[0]));
        self.brushPreview = null;
        self.setRange([a, b]);
        return;
      }
      self.brushPreview = null;
      if (!current.moved && !current.overview && event.type === "pointerup") {
        var found = self.hit(p[0], p[1]);
        // Where links go: in the embed (<base target="_top">), the top window, not the frame.
        var base = document.querySelector("base[target]"), url = null;
        if (found && found.mark) url = new URL(self.href.replace("{id}", found.mark.id), self.url).href;
        else if (found && found.band && self.eraHref) url = new URL(self.eraHref.replace("{id}", found.band.id), self.url).href;
        if (url && base) window.open(url, base.getAttribute("target"));
        else if (url) window.location.href = url;
        else if (found && found.bucket) {
          var b0 = self.days(found.bucket.x0), b1 = self.days(found.bucket.x1), pad = (b1 - b0) * 8;
          self.setView(b0 - pad, b1 + pad);
        }
      }
    }
    view.addEventListener("pointerup", end);
    view.addEventListener("pointercancel", end);
    view.addEventListener("pointerleave", function () { self.tip.hidden = true; if (!self.focusSelected) self.select(null); });
    view.addEventListener("focusout", function (event) {
      if (view.contains(event.relatedTarget)) return;
      self.focusSelected = false; self.select(null); self.tip.hidden = true;
    });
    view.addEventListener("keydown", function (event) {
      if (!self.ready || event.altKey || event.ctrlKey || event.metaKey) return;
      var key = event.key, handled = true;
      if (key === "+" || key === "=") self.zoom(0.5);
      else if (key === "-" || key === "_") self.zoom(2);
      else if (key === "ArrowLeft") self.pan(event.shiftKey ? -0.8 : -0.2);
      else if (key === "ArrowRight") self.pan(event.shiftKey ? 0.8 : 0.2);
      else if (key === "Home") self.setView(self.w0, self.w1);
      else if (key === "End") {
        var span = Math.min(self.v1 - self.v0, (self.w1 - self.w0));
        if (self.sign > 0) self.setView(self.w1 - span, self.w1); else self.setView(self.w0, self.w0 + span);
      }
      else if (key === "Escape" && self.range) self.setRange(null);
      else handled = false;
      if (handled) event.preventDefault();
    });
    view.addEventListener("focusin", function (event) {
      // A focused mark link shows its title and date, as hovering does.
      var link = event.target.closest && event.target.closest("a[data-id], a[data-era]");
      if (!link) return;
      var index = link.hasAttribute("data-id") ? self.idIndex[link.getAttribute("data-id")] : null;
      self.focusSelected = index !== null;
      self.select(index === undefined ? null : index);
      self.describeRelations(index);
      Array.prototype.forEach.call(self.overlay.querySelectorAll("a"), function (a) { a.setAttribute("tabindex", a === link ? "0" : "-1"); });
      var r = link.getBoundingClientRect(), v = view.getBoundingClientRect();
      self.showTip(link.getAttribute("aria-label"), r.left - v.left, r.bottom - v.top);
      if (index !== null && self.relations[index]) self.tipAbove(r.top - v.top);
    });
    this.overlay.addEventListener("keydown", function (event) {
      // Arrow keys move between marks (one tab stop for all of them); Enter follows the link.
      var links = Array.prototype.slice.call(self.overlay.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (at < 0 || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
      event.preventDefault(); event.stopPropagation();
      var next = links[Math.min(links.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)))];
      if (next) next.focus();
    });
  };

  // Screen readers hear the selected event's links in words, as the arrows show them.
  Axis.prototype.describeRelations = function (i) {
    var list = i === null || i === undefined ? null : this.relations[i], self = this;
    if (!list || !list.length) return;
    this.status.textContent = list.map(function (r) {
      var words = relationWords(self.relTypes[r.type], r.out);
      return words + ": " + self.titles[r.out ? r.to : r.from];
    }).join("; ") + ".";
  };

  Axis.prototype.centreOverview = function (x) {
    var at = this.w0 + x / this.width * (this.w1 - this.w0), half = (this.v1 - this.v0) / 2;
    this.setView(at - half, at + half);
  };

  Axis.prototype.showTip = function (text, x, y) {
    this.tip.textContent = text;
    this.tip.hidden = false;
    this.tip.style.left = Math.max(0, Math.min(x, this.width - 260)) + "px";
    this.tip.style.top = (y + 6) + "px";
  };

  // Below the mark the tip would hide the arrows of its links (which bow below too).
  Axis.prototype.tipAbove = function (y) {
    this.tip.style.top = Math.max(0, y - this.tip.offsetHeight - 6) + "px";
  };

  Axis.prototype.hover = function (p) {
    var found = this.hit(p[0], p[1]);
    this.view.style.cursor = found ? "pointer" : "grab";
    if (!this.focusSelected) this.select(found && found.mark ? found.mark.i : null);
    if (!found) { this.tip.hidden = true; return; }
    if (found.mark) {
      this.showTip(this.titles[found.mark.i] + " — " + this.dates[found.mark.i], p[0], p[1]);
      if (this.relations[found.mark.i]) this.tipAbove(p[1] - 8);
    }
    else if (found.band) this.showTip(this.eras.t[found.band.k] + " — " + this.eras.d[found.band.k], p[0], p[1]);
    else {
      var b = found.bucket;
      this.showTip(t("bucket", "%(events)s, %(range)s (click to zoom in)", { events: plural(b.count, I18N.events, ["%(num)s event", "%(num)s events"]), range: this.rangeText(this.days(b.x0), this.days(b.x1)) }), p[0], p[1]);
    }
  };

  var drawBase = Axis.prototype.draw;
  Axis.prototype.draw = function () {
    drawBase.call(this);
    if (this.brushPreview && this.ready) {
      var ctx = this.canvas.getContext("2d");
      ctx.fillStyle = this.accent; ctx.globalAlpha = 0.2;
      ctx.fillRect(this.brushPreview[0], SCALE - 8, this.brushPreview[1] - this.brushPreview[0], this.overviewTop - SCALE + 4);
      ctx.globalAlpha = 1;
    }
  };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("figure[data-tl-axis]"), function (figure) {
      if (figure.tlAxis) return;
      figure.tlAxis = new Axis(figure);
    });
  }
  window.timelineAxis = { ticks: ticks, daysFromCivil: daysFromCivil, civilFromDays: civilFromDays, formatDay: formatDay, parseDay: parseDay };

  // Themes load scripts at the end of the body, after the figure: start at once rather
  // than after DOMContentLoaded, so the data file downloads while the rest parses.
  init();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
})();
