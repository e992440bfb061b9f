/* geo map, part 8: ``geo.basemaps``: the embedded Natural Earth basemap (always drawn, under
   any tiles) with its country names, the online tile layers, and the fall back to the
   embedded basemap, with a notice, when the tiles cannot be loaded; ``geo.regionsLayer``. */
geo.TILE_WAIT_MS = 8000;  // no tile at all within this time: the tiles count as unreachable
geo.NOTICE = "Online tiles unreachable: showing the built-in basemap";

geo.basemaps = function (map, box, geojson, online) {
  var el = geo.el, offline = L.geoJSON(geojson || [], {
    pane: "geoBase", renderer: L.canvas({ pane: "geoBase" }), interactive: false,
    style: { color: "#8a8f94", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 }
  }).addTo(map);
  // Country names (tiles carry their own): at the middle of each country's largest part,
  // grey, skipped where they would collide or sit under a panel.
  var names = [];
  ((geojson && geojson.features) || []).forEach(function (ft) {
    var g = ft.geometry, polys = g && (g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : []);
    var best = null, area = -1;
    (polys || []).forEach(function (poly) {
      var b = L.latLngBounds(poly[0].map(function (c) { return [c[1], c[0]]; })), a = (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
      if (a > area) { area = a; best = b; }
    });
    if (best && ft.properties && ft.properties.name) names.push({ c: best.getCenter(), t: String(ft.properties.name), a: area });
  });
  names.sort(function (x, y) { return y.a - x.a; });
  new geo.CanvasLayer("geoBase", function (ctx, size) {
    var z = map.getZoom(), placed = geo.controlBoxes(box);
    if (z < 3 || z > 8) return;
    ctx.font = "italic 12px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.fillStyle = "#8c8c8c";
    names.forEach(function (l) {
      var p = map.latLngToContainerPoint(l.c), w = ctx.measureText(l.t).width, b = [p.x - w / 2 - 4, p.y - 9, p.x + w / 2 + 4, p.y + 9];
      if (b[0] < 0 || b[1] < 0 || b[2] > size.x || b[3] > size.y || geo.hitsAny(b, placed)) return;
      placed.push(b); ctx.fillText(l.t.toUpperCase(), p.x, p.y);
    });
  }).addTo(map);

  // [label, layer]; the offline basemap has no layer of its own (it is always underneath).
  var list = [["Natural Earth (offline)", null]].concat((online || []).map(function (b) { return [b[0], b[1]]; }));
  var current = 0, listeners = [], notice = null, settle, watch = null;
  var settled = new Promise(function (done) { settle = done; });
  function show(text) {  // the notice, or none with ""
    if (!notice && !text) return;
    if (!notice) {
      notice = el("div", "geo-notice", null, box); notice.setAttribute("role", "status");
      notice.title = "dismiss"; L.DomEvent.disableClickPropagation(notice);
      L.DomEvent.on(notice, "click", function () { notice.style.display = "none"; });
    }
    notice.textContent = text; notice.style.display = text ? "" : "none";
  }
  // Watch a tile layer just added until the tiles in view have settled ("load"): any tile
  // loaded means the tiles work; every one failing, or none arriving in TILE_WAIT_MS, means
  // they do not, and the map goes back to Natural Earth with a notice.
  function watchTiles(layer, k) {
    var loaded = 0, failed = 0, timer = null;
    function stop() { clearTimeout(timer); layer.off("tileload", tile); layer.off("tileerror", bad); layer.off("load", done); watch = null; }
    function tile() { loaded++; show(""); }
    function bad() { failed++; }
    // after Leaflet's own "load" handling, which still needs the layer on the map
    function done() { if (loaded) { stop(); settle(true); } else if (failed) setTimeout(fail, 0); }
    function fail() { stop(); if (current === k) choose(0); show(geo.NOTICE); settle(false); }
    layer.on("tileload", tile); layer.on("tileerror", bad); layer.on("load", done);
    timer = setTimeout(function () { if (loaded) done(); else fail(); }, geo.TILE_WAIT_MS);
    return stop;
  }
  function choose(k) {
    if (watch) watch();
    list.forEach(function (o) { if (o[1]) map.removeLayer(o[1]); });
    current = k;
    if (list[k][1]) { list[k][1].addTo(map); watch = watchTiles(list[k][1], k); }
    listeners.forEach(function (fn) { fn(k); });
  }
  return {
    layer: offline, list: list,
    current: function () { return current; },
    choose: choose,
    onChange: function (fn) { listeners.push(fn); },
    // Start on the first online basemap (when there is one); ``settled`` resolves once its
    // tiles loaded (true) or were given up (false); at once with no online basemap.
    start: function () { if (list.length > 1) choose(1); else settle(true); return settled; }
  };
};
geo.regionsLayer = function (geojson) {
  if (!geojson) return null;
  return L.geoJSON(geojson, { pane: "geoRegions", style: { color: "#444", weight: 1.5, dashArray: "6 4", fillOpacity: 0.04 },
    onEachFeature: function (ft, lyr) { lyr.bindTooltip(geo.el("span", null, ft.properties.name + (ft.properties.note ? " \u2014 " + ft.properties.note : ""))); } });
};
