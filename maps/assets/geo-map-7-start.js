/* geoMapCreate, part 7: The time control, sizing, the first draw and the page API (window.geoMaps).
   A section of the body of geoMapCreate (see maps/build.py: the geo-map-*.js parts are joined in
   file-name order inside one function, so they share its variables). */
var tc = el("div", "geo-time", null, box), dateBig = el("div", "geo-date", "", tc);
L.DomEvent.disableClickPropagation(tc); L.DomEvent.disableScrollPropagation(tc);
var bar = el("div", "geo-bar", null, tc);
function btn(label, title, fn) { var b = el("button", null, label, bar); b.type = "button"; b.title = title; L.DomEvent.on(b, "click", fn); return b; }
var playing = null;
btn("\u00AB", "step back", function () { setDay(shift(state.day, state.step, -1)); });
var play = btn("\u25B6", "play", function () { togglePlay(); });
btn("\u00BB", "step forward", function () { setDay(shift(state.day, state.step, 1)); });
var slider = el("input", "geo-slider", null, bar);
slider.type = "range"; slider.min = range[0]; slider.max = range[1]; slider.step = 1; slider.value = state.day;
slider.setAttribute("aria-label", "date");
L.DomEvent.on(slider, "input", function () { setDay(+slider.value); });
function select(opts, value, fn, label) {
  var s = el("select", null, null, bar); s.setAttribute("aria-label", label);
  opts.forEach(function (o) { var op = el("option", null, o[1], s); op.value = o[0]; }); s.value = value;
  L.DomEvent.on(s, "change", function () { fn(s.value); }); return s;
}
var stepSel = select([["day", "day"], ["month", "month"], ["year", "year"]], state.step, function (v) { state.step = v; refresh(); }, "step");
var modeSel = select([["asof", "as of this date"], ["window", "within this window"]], state.mode, function (v) { setMode(v); }, "mode");
function togglePlay() {
  if (playing) { clearInterval(playing); playing = null; play.textContent = "\u25B6"; play.title = "play"; return; }
  if (state.day >= range[1]) setDay(range[0]);
  play.textContent = "\u2016"; play.title = "pause";
  playing = setInterval(function () { if (state.day >= range[1]) togglePlay(); else setDay(shift(state.day, state.step, 1)); }, 800);
}
function label() {
  if (state.mode === "asof") return "as of " + iso(state.day);
  var w = windowOf(state.day);
  return state.step === "year" ? fmt(w[0], 2) : state.step === "month" ? fmt(w[0], 1) : iso(w[0]);
}
function refresh() {
  computeVisible(); presenceLayer.redraw(); heatLayer.redraw(); updateRoutes(); placeLabels();
  dateBig.textContent = label(); slider.value = state.day; stepSel.value = state.step; modeSel.value = state.mode;
}
function setDay(d) { state.day = Math.max(range[0], Math.min(range[1], Math.round(d))); refresh(); }
function setMode(m) { if (m !== "asof" && m !== "window") throw new Error("mode must be asof or window"); state.mode = m; refresh(); }
if (!D.range) tc.style.display = "none";

// Small maps (an embed, a slide) fold the legend and the layer list and use smaller type;
// the panels never grow taller than the map.
function fit() {
  var h = box.clientHeight;
  root.classList.toggle("geo-small", h < 560);
  Array.prototype.forEach.call(box.querySelectorAll(".geo-layers-body, .geo-legend-body"), function (b) { b.style.maxHeight = Math.max(80, h - 230) + "px"; });
}
fit();
if (box.clientHeight < 560) Array.prototype.forEach.call(box.querySelectorAll(".geo-legend, .geo-layers"), function (c) { c.classList.add("geo-collapsed"); });
map.on("resize", fit);
// Leaflet's own resize tracking is off (it leaves an expando on window, a global an
// embedded map must not add); a plain listener does the same.
window.addEventListener("resize", function () { map.invalidateSize(); });

// ---- start -------------------------------------------------------------------------------
if (bases.length > 1) bases[1][1].addTo(map);
// asked for (--heat, --regions): shown from the start
if (regions) regions.addTo(map);
if (cfg.heat) heatLayer.addTo(map);
routesLayer.addTo(map); presenceLayer.addTo(map);
// after the presence layer's own handler: labels avoid the names it has just drawn
map.on("moveend resize", placeLabels);
var home = D.focus || D.bounds;  // the view most records share; far outliers stay reachable
if (home) map.fitBounds(home, { paddingTopLeft: [250, 100], paddingBottomRight: [190, 110], maxZoom: 9, animate: false });
refresh();
var tiles = bases.length > 1 ? bases[1][1] : null;
var api = {
  map: map, element: box, range: D.range ? { min: iso(range[0]), max: iso(range[1]) } : null,
  setDate: function (s) { setDay(parseIso(s)); }, setMode: setMode,
  setStep: function (s) { state.step = s; refresh(); },
  fitBounds: function (b) { map.fitBounds(b, { animate: false }); },
  flyToRecord: function (k) { map.setView([LAT[k], LON[k]], Math.max(map.getZoom(), 8), { animate: false }); openRecord(k); },
  visibleCount: function () { return visible; }
};
api.ready = new Promise(function (resolve) {
  var done = function () { requestAnimationFrame(function () { if (!root.dataset.geoReady) { root.dataset.geoReady = "1"; } resolve(true); }); };
  if (!tiles || tiles._loading === false) { done(); return; }
  var timer = setTimeout(done, 8000); tiles.once("load", function () { clearTimeout(timer); done(); });
});
window.geoMaps = window.geoMaps || {};
window.geoMaps[cfg.id] = api;
if (!window.geoMap) { window.geoMap = api; api.ready.then(function () { document.documentElement.dataset.geoReady = "1"; }); }
return api;
