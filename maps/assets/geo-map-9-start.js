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
  var track = el("div", "geo-track", null, bar), slider = el("input", "geo-slider", null, track);
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
    var since = state.since !== null ? " \u00b7 changes since " + dates.iso(state.since) : "";
    if (state.mode === "asof") return "as of " + dates.iso(state.day) + since;
    var w = time.windowOf(state.day);
    return (state.step === "year" ? dates.fmt(w[0], 2) : state.step === "month" ? dates.fmt(w[0], 1) : dates.iso(w[0])) + since;
  }
  return {
    element: tc, bar: bar, track: track, slider: slider, setDay: setDay, setMode: setMode, setStep: setStep,
    sync: function () { dateBig.textContent = label(); slider.value = state.day; stepSel.value = state.step; modeSel.value = state.mode; }
  };
};

// Events over time above the slider: one bar per bin of first days, counting the records
// that pass the filters and layers; the bars up to the date shown are dark.
geo.histogram = function (tc, rec, vis, range, bar) {
  var c = geo.el("canvas", "geo-hist", null, null), BINS = 120, counts = new Int32Array(BINS), span = Math.max(1, range[1] - range[0] + 1);
  tc.insertBefore(c, bar); c.setAttribute("role", "img");
  function count() {
    counts.fill(0);
    var mask = vis.mask, on = vis.catOn, C = rec.C, T0 = rec.T0, total = 0;
    for (var k = 0; k < rec.n; k++) {
      var t = T0[k];
      if (t === -Infinity || !mask[k] || !on[C[k]]) continue;
      counts[Math.min(BINS - 1, Math.max(0, Math.floor((t - range[0]) * BINS / span)))]++; total++;
    }
    c.setAttribute("aria-label", "histogram of " + total + " dated records over time");
    c.dataset.total = total;
  }
  function draw(day) {
    var w = bar.clientWidth || 280, h = 26, r = window.devicePixelRatio || 1, max = 1, b;
    c.width = w * r; c.height = h * r; c.style.height = h + "px"; c.style.width = w + "px";
    var x = c.getContext("2d"); x.setTransform(r, 0, 0, r, 0, 0);
    for (b = 0; b < BINS; b++) max = Math.max(max, counts[b]);
    var now = Math.floor((day - range[0]) * BINS / span), bw = w / BINS;
    for (b = 0; b < BINS; b++) {
      if (!counts[b]) continue;
      var bh = Math.max(1, Math.round(counts[b] / max * (h - 2)));
      x.fillStyle = b <= now ? "#1d3557" : "#b8c4d6"; x.fillRect(b * bw, h - bh, Math.max(1, bw - 0.5), bh);
    }
  }
  count();
  return { count: count, draw: draw, element: c };
};

// Small maps (an embed, a slide) fold the legend and the layer list and use smaller type;
// the panels never grow taller than the map.
geo.fitPanels = function (map, box, root) {
  function fit() {
    var h = box.clientHeight;
    root.classList.toggle("geo-small", h < 560);
    root.classList.toggle("geo-narrow", box.clientWidth < 600);  // a phone: the time control wraps
    Array.prototype.forEach.call(box.querySelectorAll(".geo-layers-body, .geo-legend-body"), function (b) { b.style.maxHeight = Math.max(80, h - 230) + "px"; });
  }
  fit();
  if (box.clientHeight < 560 || box.clientWidth < 600) Array.prototype.forEach.call(box.querySelectorAll(".geo-legend, .geo-layers, .geo-filter"), function (c) { c.classList.add("geo-collapsed"); });
  map.on("resize", fit);
};

// One map: ``map`` is the Leaflet map maps/elements.py made, ``cfg`` its options and data (see
// maps/build.py), ``online`` the [label, tile layer] pairs of the online basemaps.
geo.create = function (map, cfg, online) {
  var D = cfg.data, box = map.getContainer(), root = document.getElementById(cfg.id) || box;
  var rec = geo.decode(D), range = D.range || [0, 0], time = geo.time(range, cfg.at);
  var vis = geo.visibility(rec, D.cats.length, time), filters = geo.filters(rec, vis);
  // Many one-day events (an ACLED export): "as of" the last date would grey all but the
  // last day's, so such a map opens on the events within each step instead.
  for (var k = 0, single = 0; k < rec.n; k++) if (rec.T1[k] === rec.T0[k]) single++;
  if (rec.n >= 1000 && single * 2 > rec.n && time.state.step !== "day") time.state.mode = "window";
  geo.panes(map);
  var presence = geo.presenceLayer(rec, vis, D.colors), heat = geo.heatLayer(rec, vis);
  var popups = geo.popups(map, box, D, rec, vis), areas = geo.areasLayer(map, D, rec, vis, popups);
  if (D.changes && typeof cfg.since === "number") time.state.since = cfg.since;
  var changes = geo.changesLayer(map, D, rec, vis, time, areas);
  // Area labels and change tags keep off the names and badges the presence layer drew;
  // route labels keep off all three.
  var tagBoxes = [];
  function placeTags() { tagBoxes = geo.placeTags(map, areas.tags().concat(changes.tags()), geo.controlBoxes(box).concat(presence.boxes())); }
  var routes = geo.routes(map, box, D, time, popups, function () { return presence.boxes().concat(tagBoxes); });
  var bases = geo.basemaps(map, box, cfg.basemap, online), regions = geo.regionsLayer(cfg.regions);
  var layers = { routes: routes.layer, heat: cfg.heat ? heat : null, regions: regions };
  geo.layerControl(map, cfg.id, D, rec, bases, layers, function (k, on) { vis.catOn[k] = on; refilter(); }, routes.placeLabels);
  geo.filterPanel(map, rec, D, filters, refilter);
  geo.legend(map, D, rec, range, { heat: cfg.heat, regions: regions, areas: areas.isArea }); areas.legend(box); changes.legend(box);
  geo.titleBox(map, cfg, D);
  map.attributionControl.addAttribution("Places: GeoNames (CC BY 4.0) \u00b7 Basemap: Natural Earth");
  var tc = geo.timeControl(box, time, refresh), hist = geo.histogram(tc.track, rec, vis, range, tc.slider);
  var since = changes.count ? geo.changesToggle(tc, time, refresh) : null;
  function refresh() { vis.compute(); areas.redraw(); changes.redraw(); presence.redraw(); placeTags(); heat.redraw(); routes.update(); routes.placeLabels(); tc.sync(); hist.draw(time.state.day); }
  function refilter() { hist.count(); refresh(); }
  if (!D.range) tc.element.style.display = "none";
  geo.fitPanels(map, box, root);
  // Leaflet's own resize tracking is off (it leaves an expando on window, a global an
  // embedded map must not add); a plain listener does the same.
  window.addEventListener("resize", function () { map.invalidateSize(); });

  var tiles = bases.start();
  if (regions) regions.addTo(map);  // asked for (--regions, --heat): shown from the start
  if (cfg.heat) heat.addTo(map);
  areas.addTo(map); changes.addTo(map); routes.layer.addTo(map); presence.addTo(map);
  // after the presence layer's own handler: labels avoid the names it has just drawn
  map.on("moveend resize", function () { placeTags(); routes.placeLabels(); });
  var home = D.focus || D.bounds;  // the view most records share; far outliers stay reachable
  var print = geo.print(map, box, root, home);
  var narrow = box.clientWidth < 600;  // folded panels: only the title and the time control to keep clear of
  if (home) map.fitBounds(home, { paddingTopLeft: narrow ? [10, 90] : [250, 100], paddingBottomRight: narrow ? [10, 120] : [190, 110], maxZoom: 9, animate: false });
  refresh();
  var api = {
    map: map, element: box, range: D.range ? { min: geo.dates.iso(range[0]), max: geo.dates.iso(range[1]) } : null,
    setDate: function (s) { tc.setDay(geo.dates.parseIso(s)); }, setMode: tc.setMode, setStep: tc.setStep,
    fitBounds: function (b) { map.fitBounds(b, { animate: false }); },
    flyToRecord: function (k) { map.setView([rec.LAT(k), rec.LON(k)], Math.max(map.getZoom(), 8), { animate: false }); popups.openRecord(k); },
    visibleCount: function () { return vis.visible; }, drawnAreas: areas.drawn,
    // "changes since" (with --since): ``setSince("2015-01-01")`` or ``setSince(null)``;
    // ``changesDrawn()`` gives {gained: n, lost: n} pieces
    setSince: function (s) { if (!since) throw new Error("this map has no changes view (geo map --since)"); since.set(s); },
    changesDrawn: changes.drawn,
    // the search box's filter, as typed there (actor, status, type, place or note text)
    setFilter: function (text) { filters.state.query = String(text || ""); filters.compute(); refilter(); },
    // Images: ``setPrint(true, frame)`` hides the controls (the date becomes a caption);
    // ``fitPrint(bounds)`` fits bounds (default: the opening extent) inside the free part.
    setPrint: print.set, fitPrint: print.fit,
    routesDrawn: routes.drawn
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
