/* geoMapCreate, part 2: Dates: day numbers, precision-aware text, steps, and which records the date shows.
   A section of the body of geoMapCreate (see maps/build.py: the geo-map-*.js parts are joined in
   file-name order inside one function, so they share its variables). */
// ---- time -----------------------------------------------------------------------------
var range = D.range || [0, 0], state = { day: range[1], mode: "asof", step: "month" };
// ``--at`` (cfg.at, a day number): the date the page opens at; else the last date.
if (typeof cfg.at === "number") state.day = Math.max(range[0], Math.min(range[1], cfg.at));
var span = range[1] - range[0];
state.step = span > 7300 ? "year" : span > 92 ? "month" : "day";
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
  return p === OPEN ? "" : "known to the " + PREC[Math.max(p, ep === OPEN ? p : ep)];
}
function shift(day, step, k) {
  if (step === "day") return day + k;
  var d = new Date(day * DAY), y = d.getUTCFullYear(), m = d.getUTCMonth();
  if (step === "year") y += k; else m += k;
  var last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY);
}
function windowOf(day) {
  if (state.step === "day") return [day, day];
  var d = new Date(day * DAY), y = d.getUTCFullYear(), m = state.step === "year" ? 0 : d.getUTCMonth();
  var end = state.step === "year" ? Date.UTC(y, 11, 31) : Date.UTC(y, m + 1, 0);
  return [Math.round(Date.UTC(y, m, 1) / DAY), Math.round(end / DAY)];
}
// 0 hidden, 1 active, 2 ended before the date ("as of" mode, drawn grey)
function status(a, b) {
  if (state.mode === "window") { var w = windowOf(state.day); return a <= w[1] && b >= w[0] ? 1 : 0; }
  return a > state.day ? 0 : b < state.day ? 2 : 1;
}
var VIS = new Uint8Array(n), catOn = D.cats.map(function () { return true; }), visible = 0;
function computeVisible() {
  visible = 0;
  for (var k = 0; k < n; k++) { var v = catOn[C[k]] ? status(T0[k], T1[k]) : 0; VIS[k] = v; if (v) visible++; }
}

