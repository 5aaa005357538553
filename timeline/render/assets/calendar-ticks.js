/* timeline: axis ticks in the display calendar (Jalali, Hijri, Julian), the rules of
   timeline/render/calendar_ticks.py. axis.js calls window.timelineCalendarTicks with
   the "cal" entry of axis.json; null means "use Gregorian ticks" (a view the calendar
   cannot cover). Jalali and Julian by the arithmetic of timeline/dates/calendars.py
   (jalaali-js's, for Jalali); Hijri from the Umm al-Qura month lengths in the data
   file, since the browser's own Umm al-Qura calendar disagrees with hijridate's. */
(function () {
  "use strict";

  var BREAKS = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178];
  var YEARS = { jalali: [1, 3177], hijri: [1343, 1500], julian: [-9999, 9999] };
  var REFORM = -141427; // 1582-10-15, days since 1970

  function div(a, b) { return Math.trunc(a / b); }
  function mod(a, b) { return a - div(a, b) * b; }
  // [leap, the day of March of Nowruz] of a Jalali year (jalaali-js's jalCal).
  function jalaliYear(jy) {
    var gy = jy + 621, leapJ = -14, jp = BREAKS[0], jump = 0, n;
    for (var i = 1; i < BREAKS.length; i++) {
      jump = BREAKS[i] - jp;
      if (jy < BREAKS[i]) break;
      leapJ += div(jump, 33) * 8 + div(mod(jump, 33), 4);
      jp = BREAKS[i];
    }
    n = jy - jp;
    leapJ += div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
    if (mod(jump, 33) === 4 && jump - n === 4) leapJ += 1;
    var leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
    var march = 20 + leapJ - leapG;
    if (jump - n < 6) n = n - jump + div(jump + 4, 33) * 33;
    return [mod(mod(n + 1, 33) - 1, 4) === 0, march];
  }

  function Calendar(cal, base) {
    this.name = cal.name;
    this.base = base;
    if (cal.name === "hijri") {
      // Month starts of the Umm al-Qura table, from its first month on.
      var starts = [cal.first[1]];
      for (var i = 0; i < cal.lengths.length; i++) starts.push(starts[i] + { 8: 28, 9: 29, 0: 30, 1: 31 }[cal.lengths[i]]);
      this.firstHijri = cal.first[0];
      this.starts = starts;
    }
  }
  Calendar.prototype.monthLength = function (y, m) {
    if (this.name === "julian") return m === 2 ? (mod(y, 4) === 0 ? 29 : 28) : ([4, 6, 9, 11].indexOf(m) >= 0 ? 30 : 31);
    if (this.name === "jalali") return m <= 6 ? 31 : (m <= 11 || jalaliYear(y)[0] ? 30 : 29);
    var k = (y - this.firstHijri) * 12 + m - 1;
    return this.starts[k + 1] - this.starts[k];
  };
  Calendar.prototype.start = function (y, m) {
    if (this.name === "julian") {
      var a = Math.floor((14 - m) / 12), yy = y + 4800 - a, mm = m + 12 * a - 3;
      return 1 + Math.floor((153 * mm + 2) / 5) + 365 * yy + Math.floor(yy / 4) - 32083 - 2440588;
    }
    if (this.name === "jalali") return this.base.daysFromCivil(y + 621, 3, jalaliYear(y)[1]) + (m - 1) * 31 - div(m, 7) * (m - 7);
    return this.starts[(y - this.firstHijri) * 12 + m - 1];
  };
  // [year, month, day] of a day, or null outside the calendar.
  Calendar.prototype.fromDays = function (days) {
    if (this.name === "julian") {
      var c = days + 2440588 + 32082, d = Math.floor((4 * c + 3) / 1461), e = c - Math.floor(1461 * d / 4), m = Math.floor((5 * e + 2) / 153);
      return [d - 4800 + Math.floor(m / 10), m + 3 - 12 * Math.floor(m / 10), e - Math.floor((153 * m + 2) / 5) + 1];
    }
    if (this.name === "jalali") {
      var gy = this.base.civilFromDays(days)[0], jy = gy - 621;
      if (jy < 1 || jy > 3177) return null;
      var nowruz = this.base.daysFromCivil(gy, 3, jalaliYear(jy)[1]);
      if (days < nowruz) {
        if (--jy < 1) return null;
        nowruz = this.base.daysFromCivil(gy - 1, 3, jalaliYear(jy)[1]);
      }
      var offset = days - nowruz;
      return offset < 186 ? [jy, Math.floor(offset / 31) + 1, offset % 31 + 1] : [jy, Math.floor((offset - 186) / 30) + 7, (offset - 186) % 30 + 1];
    }
    var s = this.starts;
    if (days < s[0] || days >= s[s.length - 1]) return null;
    var lo = 0, hi = s.length - 1;
    while (hi - lo > 1) { var mid = (lo + hi) >> 1; if (s[mid] <= days) lo = mid; else hi = mid; }
    return [this.firstHijri + Math.floor(lo / 12), lo % 12 + 1, days - s[lo] + 1];
  };

  function historical(y) { return y > 0 ? y : y - 1; }

  window.timelineCalendarTicks = function (lo, hi, unit, step, cal, base) {
    var c = cal.calendar || (cal.calendar = new Calendar(cal, base)), name = c.name, out = [];
    if (name === "julian" && hi >= REFORM) return null;
    var first = c.fromDays(Math.floor(lo)), last = c.fromDays(Math.ceil(hi)), range = YEARS[name];
    if (!first || !last || first[0] < range[0] || last[0] > range[1]) return null;
    var lowYear = Math.max(range[0], first[0] - 1), highYear = Math.min(range[1], last[0] + 1);
    var months = cal.months;
    function yearText(y, era) { return name === "julian" ? base.yearLabel(y, era) : String(y); }
    if (unit === "year") {
      var bc = lowYear <= 0;
      for (var h = Math.floor(historical(lowYear) / step) * step; ; h += step) {
        var year = h === 0 ? (step >= 10 ? 1 : null) : (h > 0 ? h : h + 1);
        if (year === null || year < range[0]) continue;
        if (year > highYear) break;
        var at = c.start(year, 1);
        if (at >= lo && at <= hi) out.push([at, yearText(year, bc && year < 1000)]);
      }
    } else if (unit === "month") {
      var y = first[0], m = first[1] - (first[1] - 1) % step;
      while (y <= highYear) {
        var t = c.start(y, m);
        if (t > hi) break;
        if (t >= lo) out.push([t, months[m - 1] + (m === 1 || !out.length ? " " + yearText(y) : "")]);
        m += step; if (m > 12) { m -= 12; y += 1; }
      }
    } else {
      for (var day = Math.floor(lo); day <= hi; day++) {
        var cd = c.fromDays(day), dom = cd[2], mn = months[cd[1] - 1];
        if (unit === "day") {
          var keep = dom === 1 || ((dom - 1) % step === 0 && c.monthLength(cd[0], cd[1]) - dom + 1 > step / 2);
          if (keep && day >= lo) out.push([day, dom + " " + mn + (!out.length || (dom === 1 && cd[1] === 1) ? " " + yearText(cd[0]) : "")]);
        } else {
          for (var hour = 0; hour < 24; hour += step) {
            var ht = day + hour / 24;
            if (ht < lo || ht > hi) continue;
            var dayText = dom + " " + mn + " " + yearText(cd[0]);
            var pad = (hour < 10 ? "0" : "") + hour + ":00";
            out.push([ht, hour === 0 ? dayText : (!out.length ? pad + " " + dayText : pad)]);
          }
        }
      }
    }
    if (cal.zero) {
      var zero = cal.zero.charCodeAt(0);
      out.forEach(function (tick) { tick[1] = tick[1].replace(/[0-9]/g, function (d) { return String.fromCharCode(zero + d.charCodeAt(0) - 48); }); });
    }
    return out;
  };
})();
