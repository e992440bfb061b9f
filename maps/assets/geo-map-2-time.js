/* geo map, part 2: dates (day numbers, precision-aware text, steps), the time state, and
   which records the date shows. */
geo.dates = (function () {
  var DAY = geo.DAY, OPEN = geo.OPEN;
  function iso(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  function fmt(day, p) { var s = iso(day); return p === 2 ? s.slice(0, 4) : p === 1 ? s.slice(0, 7) : s; }
  function parseIso(s) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(s).trim());
    if (!m) throw new Error("not a date: " + s);
    return Math.round(Date.UTC(+m[1], m[2] ? m[2] - 1 : 0, m[3] ? +m[3] : 1) / DAY);
  }
  function spanText(a, b, f) {
    var sp = (f >> 4) & 3, ep = (f >> 6) & 3;
    if (sp === OPEN && ep === OPEN) return "undated";
    if (sp === OPEN) return "until " + fmt(b, ep);
    if (ep === OPEN) return "from " + fmt(a, sp) + " (open end)";
    var x = fmt(a, sp), y = fmt(b, ep);
    return x === y ? x : x + " to " + y;
  }
  function precText(f) {
    var sp = (f >> 4) & 3, ep = (f >> 6) & 3, p = sp === OPEN ? ep : sp;
    return p === OPEN ? "" : "known to the " + geo.PREC[Math.max(p, ep === OPEN ? p : ep)];
  }
  function shift(day, step, k) {
    if (step === "day") return day + k;
    var d = new Date(day * DAY), y = d.getUTCFullYear(), m = d.getUTCMonth();
    if (step === "year") y += k; else m += k;
    var last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return Math.round(Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY);
  }
  return { iso: iso, fmt: fmt, parseIso: parseIso, spanText: spanText, precText: precText, shift: shift };
})();

// The time state of one map: the date shown, "as of" or "window" mode, the step. ``at``
// (a day number, from --at) is the date the page opens at; else the last date.
geo.time = function (range, at) {
  // ``since``: the reference day of the "changes since" view (geo-map-46-changes.js), or null
  var state = { day: range[1], mode: "asof", step: "month", since: null }, span = range[1] - range[0], DAY = geo.DAY;
  state.step = span > 7300 ? "year" : span > 92 ? "month" : "day";
  if (typeof at === "number") state.day = Math.max(range[0], Math.min(range[1], at));
  function windowOf(day) {
    if (state.step === "day") return [day, day];
    var d = new Date(day * DAY), y = d.getUTCFullYear(), m = state.step === "year" ? 0 : d.getUTCMonth();
    var end = state.step === "year" ? Date.UTC(y, 11, 31) : Date.UTC(y, m + 1, 0);
    return [Math.round(Date.UTC(y, m, 1) / DAY), Math.round(end / DAY)];
  }
  // 0 hidden, 1 active, 2 ended before the date ("as of" mode, drawn grey)
  function status(a, b) {
    if (state.mode === "window") { var w = windowOf(state.day); return a <= w[1] && b >= w[0] ? 1 : 0; }
    return activeOn(a, b, state.day) ? 1 : a > state.day ? 0 : 2;
  }
  // Whether a record from day ``a`` to day ``b`` is active "as of" ``day``.
  function activeOn(a, b, day) { return a <= day && b >= day; }
  return { range: range, state: state, windowOf: windowOf, status: status, activeOn: activeOn };
};

// What each record shows at the current date (VIS: 0, 1 or 2, as time.status) given the
// categories switched on in the layer control and the filters (``mask``: 1 for a record
// that passes them; see geo-map-2-filters.js). The records come in order of their first
// day (rec.ORDER), so a step only walks those begun by the date: LIST holds them, in that
// order, and ``shown`` how many of LIST are drawn.
geo.visibility = function (rec, ncats, time) {
  var n = rec.n, vis = { VIS: new Uint8Array(n), LIST: new Int32Array(n), shown: 0, catOn: [], mask: new Uint8Array(n).fill(1), visible: 0 };
  for (var c = 0; c < ncats; c++) vis.catOn.push(true);
  vis.compute = function () {
    var VIS = vis.VIS, LIST = vis.LIST, on = vis.catOn, mask = vis.mask, C = rec.C, T1 = rec.T1, ORDER = rec.ORDER;
    var state = time.state, count = 0, j, k, lo, hi, ended;
    if (state.mode === "window") { var w = time.windowOf(state.day); lo = w[0]; hi = w[1]; ended = false; }
    else { lo = hi = state.day; ended = true; }
    var upto = geo.upTo(rec.SORTED, hi);
    VIS.fill(0);
    for (j = 0; j < upto; j++) {
      k = ORDER[j];
      if (!mask[k] || !on[C[k]]) continue;
      var t1 = T1[k];
      if (t1 < lo && !ended) continue;
      VIS[k] = t1 < lo ? 2 : 1; LIST[count++] = k;
    }
    vis.shown = vis.visible = count;
  };
  return vis;
};
