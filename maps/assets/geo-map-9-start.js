/* geo map, part 9: ``geo.timeControl`` (the date, the slider, play, step and mode) and
   ``geo.create``, which builds one map from its parts and returns its API (window.geoMaps). */
// ``onChange()`` redraws the map after the date, step or mode changed.
geo.timeControl = function (box, time, onChange) {
  var el = geo.el, dates = geo.dates, state = time.state, range = time.range;
  var tc = el("div", "geo-time", null, box), dateBig = el("div", "geo-date", "", tc);
  L.DomEvent.disableClickPropagation(tc); L.DomEvent.disableScrollPropagation(tc);
  var bar = el("div", "geo-bar", null, tc), playing = null;
  function btn(label, title, fn) { var b = el("button", null, label, bar); b.type = "button"; b.title = title; L.DomEvent.on(b, "click", fn); return b; }
  function setDay(d) { state.day = Math.max(range[0], Math.min(range[1], Math.round(d))); onChange(); }
  function setMode(m) { if (m !== "asof" && m !== "window") throw new Error("mode must be asof or window"); state.mode = m; onChange(); }
  function setStep(s) { state.step = s; onChange(); }
  btn("\u00AB", "step back", function () { setDay(dates.shift(state.day, state.step, -1)); });
  var play = btn("\u25B6", "play", function () { togglePlay(); });
  btn("\u00BB", "step forward", function () { setDay(dates.shift(state.day, state.step, 1)); });
  var slider = el("input", "geo-slider", null, bar);
  slider.type = "range"; slider.min = range[0]; slider.max = range[1]; slider.step = 1; slider.value = state.day;
  slider.setAttribute("aria-label", "date");
  L.DomEvent.on(slider, "input", function () { setDay(+slider.value); });
  function select(opts, value, fn, label) {
    var s = el("select", null, null, bar); s.setAttribute("aria-label", label);
    opts.forEach(function (o) { var op = el("option", null, o[1], s); op.value = o[0]; }); s.value = value;
    L.DomEvent.on(s, "change", function () { fn(s.value); }); return s;
  }
  var stepSel = select([["day", "day"], ["month", "month"], ["year", "year"]], state.step, setStep, "step");
  var modeSel = select([["asof", "as of this date"], ["window", "within this window"]], state.mode, setMode, "mode");
  function togglePlay() {
    if (playing) { clearInterval(playing); playing = null; play.textContent = "\u25B6"; play.title = "play"; return; }
    if (state.day >= range[1]) setDay(range[0]);
    play.textContent = "\u2016"; play.title = "pause";
    playing = setInterval(function () { if (state.day >= range[1]) togglePlay(); else setDay(dates.shift(state.day, state.step, 1)); }, 800);
  }
  function label() {
    if (state.mode === "asof") return "as of " + dates.iso(state.day);
    var w = time.windowOf(state.day);
    return state.step === "year" ? dates.fmt(w[0], 2) : state.step === "month" ? dates.fmt(w[0], 1) : dates.iso(w[0]);
  }
  return {
    element: tc, setDay: setDay, setMode: setMode, setStep: setStep,
    sync: function () { dateBig.textContent = label(); slider.value = state.day; stepSel.value = state.step; modeSel.value = state.mode; }
  };
};

// Small maps (an embed, a slide) fold the legend and the layer list and use smaller type;
// the panels never grow taller than the map.
geo.fitPanels = function (map, box, root) {
  function fit() {
    var h = box.clientHeight;
    root.classList.toggle("geo-small", h < 560);
    Array.prototype.forEach.call(box.querySelectorAll(".geo-layers-body, .geo-legend-body"), function (b) { b.style.maxHeight = Math.max(80, h - 230) + "px"; });
  }
  fit();
  if (box.clientHeight < 560) Array.prototype.forEach.call(box.querySelectorAll(".geo-legend, .geo-layers"), function (c) { c.classList.add("geo-collapsed"); });
  map.on("resize", fit);
};

// One map: ``map`` is the Leaflet map folium made, ``cfg`` its options and data (see
// maps/build.py), ``online`` the [label, tile layer] pairs of the online basemaps.
geo.create = function (map, cfg, online) {
  var D = cfg.data, box = map.getContainer(), root = document.getElementById(cfg.id) || box;
  var rec = geo.decode(D), range = D.range || [0, 0], time = geo.time(range, cfg.at);
  var vis = geo.visibility(rec, D.cats.length, time);
  geo.panes(map);
  var presence = geo.presenceLayer(rec, vis, D.colors), heat = geo.heatLayer(rec, vis);
  var popups = geo.popups(map, box, D, rec, vis), areas = geo.areasLayer(map, D, rec, vis, popups);
  var routes = geo.routes(map, box, D, time, popups, presence.boxes);
  var bases = geo.basemaps(map, box, cfg.basemap, online), regions = geo.regionsLayer(cfg.regions);
  var layers = { routes: routes.layer, heat: cfg.heat ? heat : null, regions: regions };
  geo.layerControl(map, cfg.id, D, rec, bases, layers, function (k, on) { vis.catOn[k] = on; refresh(); }, routes.placeLabels);
  geo.legend(map, D, rec, range, { heat: cfg.heat, regions: regions, areas: areas.isArea }); areas.legend(box);
  geo.titleBox(map, cfg, D);
  map.attributionControl.addAttribution("Places: GeoNames (CC BY 4.0) \u00b7 Basemap: Natural Earth");
  var tc = geo.timeControl(box, time, refresh);
  function refresh() { vis.compute(); areas.redraw(); presence.redraw(); heat.redraw(); routes.update(); routes.placeLabels(); tc.sync(); }
  if (!D.range) tc.element.style.display = "none";
  geo.fitPanels(map, box, root);
  // Leaflet's own resize tracking is off (it leaves an expando on window, a global an
  // embedded map must not add); a plain listener does the same.
  window.addEventListener("resize", function () { map.invalidateSize(); });

  var tiles = bases.start();
  if (regions) regions.addTo(map);  // asked for (--regions, --heat): shown from the start
  if (cfg.heat) heat.addTo(map);
  areas.addTo(map); routes.layer.addTo(map); presence.addTo(map);
  // after the presence layer's own handler: labels avoid the names it has just drawn
  map.on("moveend resize", routes.placeLabels);
  var home = D.focus || D.bounds;  // the view most records share; far outliers stay reachable
  if (home) map.fitBounds(home, { paddingTopLeft: [250, 100], paddingBottomRight: [190, 110], maxZoom: 9, animate: false });
  refresh();
  var api = {
    map: map, element: box, range: D.range ? { min: geo.dates.iso(range[0]), max: geo.dates.iso(range[1]) } : null,
    setDate: function (s) { tc.setDay(geo.dates.parseIso(s)); }, setMode: tc.setMode, setStep: tc.setStep,
    fitBounds: function (b) { map.fitBounds(b, { animate: false }); },
    flyToRecord: function (k) { map.setView([rec.LAT[k], rec.LON[k]], Math.max(map.getZoom(), 8), { animate: false }); popups.openRecord(k); },
    visibleCount: function () { return vis.visible; }, drawnAreas: areas.drawn
  };
  // Ready once the basemap has drawn: tiles loaded, or given up for Natural Earth.
  api.ready = tiles.then(function () {
    return new Promise(function (resolve) { requestAnimationFrame(function () { root.dataset.geoReady = "1"; resolve(true); }); });
  });
  window.geoMaps = window.geoMaps || {};
  window.geoMaps[cfg.id] = api;
  if (!window.geoMap) { window.geoMap = api; api.ready.then(function () { document.documentElement.dataset.geoReady = "1"; }); }
  return api;
};
