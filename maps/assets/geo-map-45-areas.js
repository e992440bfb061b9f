/* geo map, part 4.5: the areas layer (issue 11). Records with an area (their own, or their
   country's or region's outline from the gazetteer: see maps/areas.py) are drawn as SVG
   paths in their own pane under the points: the actor gives the hue, the class the fill
   (control solid, contested or claimed hatched, support zone light, attack zone outline),
   with the place's name inside. They follow the time control through ``vis.VIS``: drawn
   while active, absent before their start and (as of a date) after their end; their dots
   are taken out of VIS so that a country is never a dot at its centroid. */
// What the areas layer reads of a record: the one place that knows the record columns.
geo.areaRecord = function (rec, i) { return { place: rec.place(i), status: rec.T.status[rec.ST[i]] }; };
geo.AREA_STYLE = {  // by class index (maps/areas.py CLASS_NAMES): path options for a hue
  0: function (h) { return { color: h, weight: 2, opacity: 0.9, fillColor: h, fillOpacity: 0.42 }; },
  1: function (h, hatch) { return { color: h, weight: 1.5, opacity: 0.9, dashArray: "6 3", fillColor: "url(#" + hatch + ")", fillOpacity: 1 }; },
  2: function (h) { return { color: h, weight: 1, opacity: 0.6, fillColor: h, fillOpacity: 0.14 }; },
  3: function (h) { return { color: h, weight: 2.5, opacity: 0.95, dashArray: "1 5", lineCap: "round", fill: false }; }
};
// The payload's outlines (maps/shapes.py) as Leaflet polygons' latlngs: per outline, its
// polygons, each a list of rings (the first the exterior), each a list of L.LatLng.
geo.shapes = function (S) {
  if (!S || !S.n) return [];
  var col = geo.column, NP = col(S.np), NR = col(S.nr), NV = col(S.nv), X0 = col(S.x0), Y0 = col(S.y0), DX = col(S.dx), DY = col(S.dy);
  var q = S.q, out = [], p = 0, r = 0, v = 0;
  for (var s = 0; s < S.n; s++) {
    var polys = [];
    for (var j = 0; j < NP[s]; j++, p++) {
      var rings = [];
      for (var k = 0; k < NR[p]; k++, r++) {
        var x = X0[r], y = Y0[r], ring = [L.latLng(y * q, x * q)];
        for (var m = 1; m < NV[r]; m++, v++) { x += DX[v]; y += DY[v]; ring.push(L.latLng(y * q, x * q)); }
        rings.push(ring);
      }
      polys.push(rings);
    }
    out.push(polys);
  }
  return out;
};
// Labels as DOM markers, ``{m: L.marker, at: [lat, lon], spots: fn(w, h)}``, each moved to
// the first of its spots (offsets of its centre from its point, for its width and height)
// that lies in view and overlaps none of ``taken`` (container pixels); one that fits
// nowhere takes the first, or, when ``optional``, is hidden.
// Returns the boxes of the labels placed (route labels keep clear of them).
geo.placeTags = function (map, tags, taken) {
  var placed = [], size = map.getSize();
  function fits(b) { return b[0] >= 0 && b[1] >= 0 && b[2] <= size.x && b[3] <= size.y && !geo.hitsAny(b, taken.concat(placed)); }
  tags.forEach(function (t) {
    var e = t.m.getElement(), d = e && e.firstChild;
    if (!d) return;
    d.style.visibility = "";
    var w = d.offsetWidth, h = d.offsetHeight, p = map.latLngToContainerPoint(t.at), spots = t.spots(w, h), best = null;
    function at(o) { return [p.x + o[0] - w / 2, p.y + o[1] - h / 2, p.x + o[0] + w / 2, p.y + o[1] + h / 2]; }
    for (var k = 0; k < spots.length; k++) if (fits(at(spots[k]))) { best = spots[k]; break; }
    if (!best && t.optional) { d.style.visibility = "hidden"; return; }
    best = best || spots[0];
    placed.push(at(best));
    t.m.setLatLng(map.containerPointToLatLng([p.x + best[0], p.y + best[1]]));
  });
  return placed;
};
// An area's name: on its label point, else above, below, right or left of it.
geo.AREA_LABEL_SPOTS = function (w, h) { return [[0, 0], [0, -h - 6], [0, h + 6], [w / 2 + 14, 0], [-w / 2 - 14, 0]]; };
geo.AREA_ORDER = [2, 0, 1, 3];  // drawn bottom to top: light fills under solid, outlines on top
geo.areasLayer = function (map, D, rec, vis, popups) {
  var A = D.areas || [], shapes = geo.shapes(D.shapes), S = D.areaStyle || { classes: [], actors: [], hues: [] }, svg = geo.svg;
  var uid = "geo-hatch-" + (geo._areaMaps = (geo._areaMaps || 0) + 1) + "-";
  map.createPane("geoAreas").style.zIndex = 410;
  var labelPane = map.createPane("geoAreaLabels");
  labelPane.style.zIndex = 445; labelPane.style.pointerEvents = "none";
  // One hatch pattern per actor hue, in a zero-size SVG of the map's own (fill="url(#id)").
  var defsSvg = svg("svg", { width: 0, height: 0, "aria-hidden": "true" }), defs = svg("defs", {}, defsSvg);
  defsSvg.style.position = "absolute";
  map.getContainer().appendChild(defsSvg);
  S.hues.forEach(function (h, a) {
    var p = svg("pattern", { id: uid + a, patternUnits: "userSpaceOnUse", width: 8, height: 8, patternTransform: "rotate(45)" }, defs);
    svg("rect", { width: 8, height: 8, fill: h, "fill-opacity": 0.12 }, p);
    svg("line", { x1: 0, y1: 0, x2: 0, y2: 8, stroke: h, "stroke-width": 2.5, "stroke-opacity": 0.6 }, p);
  });
  var renderer = L.svg({ pane: "geoAreas", padding: 0.3 }), group = L.layerGroup(), isArea = new Uint8Array(rec.n);
  var items = A.map(function (a) {
    var opts = geo.AREA_STYLE[a.k](S.hues[a.a], uid + a.a);
    opts.renderer = renderer; opts.className = "geo-area geo-area-" + S.classes[a.k];
    var path = L.polygon(shapes[a.s], opts).on("click", function () { popups.openRecord(a.i); });
    var b = path.getBounds(), size = (b.getEast() - b.getWest()) * (b.getNorth() - b.getSouth());
    // wide enough (2 degrees) to be an area at every zoom: its record is never a dot, and the
    // legend's point symbols leave it out
    if (Math.hypot(b.getEast() - b.getWest(), b.getNorth() - b.getSouth()) > 2) isArea[a.i] = 1;
    return { a: a, path: path, size: size, shown: false };
  });
  var byIndex = items.slice();  // by index in D.areas (the changes layer's pieces name them)
  items.sort(function (x, y) { return geo.AREA_ORDER.indexOf(x.a.k) - geo.AREA_ORDER.indexOf(y.a.k) || y.size - x.size || x.a.i - y.a.i; });
  items.forEach(function (it) { group.addLayer(it.path); });
  var labels = L.layerGroup(), tags = [], drawn = { classes: {}, actors: {} }, legendBody = null;
  function label(p, text, sub, font) {
    var d = geo.el("div", "geo-area-label"), s = d.style;
    geo.el("b", null, text, d); if (sub) geo.el("div", null, sub, d).style.fontWeight = "normal";
    s.cssText = "transform:translate(-50%,-50%);display:inline-block;white-space:nowrap;text-align:center;font:" + (font || "600 12px sans-serif") + ";color:#222;" +
      "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff;";
    return L.marker(p, { pane: "geoAreaLabels", interactive: false, keyboard: false, icon: L.divIcon({ html: d, className: "", iconSize: null }) });
  }
  // Spots right, left, above and below an area's box (``b``), clear of it, as a town's name
  // sits beside its dot.
  function besideSpots(b) {
    return function (w, h) {
      var ne = map.latLngToContainerPoint(b.getNorthEast()), sw = map.latLngToContainerPoint(b.getSouthWest());
      var hw = Math.abs(ne.x - sw.x) / 2 + 4, hh = Math.abs(ne.y - sw.y) / 2 + 3;
      return [[hw + w / 2, 0], [-hw - w / 2, 0], [0, -hh - h / 2], [0, hh + h / 2]];
    };
  }
  // After vis.compute(): show the active areas, hide their dots, relabel, update the legend.
  function redraw() {
    var VIS = vis.VIS, at = {}, order = [], hide = [], small = {};
    drawn = { classes: {}, actors: {} };
    items.forEach(function (it) {
      var on = VIS[it.a.i] === 1;
      if (it.path._path) it.path._path.style.display = on ? "" : "none";
      it.shown = on;
      if (!on) { hide.push(it.a.i); return; }
      drawn.classes[it.a.k] = 1; drawn.actors[it.a.a] = 1;
      var b = it.path.getBounds(), px = map.latLngToLayerPoint(b.getNorthEast()).distanceTo(map.latLngToLayerPoint(b.getSouthWest()));
      // an area a few pixels across keeps its dot (else a town's area would vanish at a
      // country's zoom); a town-sized one shows no label of its own: it would sit on the
      // town's name
      if (px >= 16) hide.push(it.a.i);
      if (px < 90) {  // its dot is hidden: its place is named beside it, where there is room
        if (px >= 16 && !small[it.a.p.join(",")]) small[it.a.p.join(",")] = { b: b, i: it.a.i };
        return;
      }
      var key = it.a.p.join(","), r = geo.areaRecord(rec, it.a.i);
      if (!at[key]) { at[key] = { p: it.a.p, place: r.place, st: [] }; order.push(key); }
      if (at[key].st.indexOf(r.status) < 0) at[key].st.push(r.status);
    });
    hide.forEach(function (k) { VIS[k] = 0; });
    var LIST = vis.LIST, named = {};
    if (hide.length) {  // and out of the list the point layers draw
      var m = 0;
      for (var j = 0; j < vis.shown; j++) if (VIS[LIST[j]]) LIST[m++] = LIST[j];
      vis.shown = m;
    }
    var smallKeys = Object.keys(small);
    if (smallKeys.length) {  // the place names a dot still shows: the presence layer names them
      for (var q = 0; q < vis.shown; q++) named[rec.PPL[rec.PI[LIST[q]]]] = 1;
    }
    labels.clearLayers(); tags = [];
    order.forEach(function (key) {
      var o = at[key], m = label(o.p, o.place, o.st.join(", "));
      labels.addLayer(m); tags.push({ m: m, at: o.p, spots: geo.AREA_LABEL_SPOTS });
    });
    smallKeys.forEach(function (key) {
      var o = small[key], c = o.b.getCenter();
      // named already: by a larger area at the same point, or beside a dot of the same place
      if (at[key] || named[rec.PPL[rec.PI[o.i]]]) return;
      var m = label(c, rec.place(o.i), null, "bold 11px sans-serif");  // as a town's name beside its dot
      labels.addLayer(m); tags.push({ m: m, at: [c.lat, c.lng], spots: besideSpots(o.b), optional: true });
    });
    fillLegend();
  }
  // A legend row: a rectangle drawn with path options ``o`` (as geo.AREA_STYLE gives them).
  function swatch(parent, text, o) {
    var row = geo.el("div", "geo-leg geo-leg-area", null, parent), s = svg("svg", { width: 37, height: 20, viewBox: "0 0 37 20" }, row);
    var attrs = { x: 3, y: 3, width: 31, height: 14, stroke: o.color, "stroke-width": o.weight, "stroke-opacity": o.opacity };
    if (o.dashArray) attrs["stroke-dasharray"] = o.dashArray;
    attrs.fill = o.fill === false ? "none" : o.fillColor; attrs["fill-opacity"] = o.fill === false ? 0 : o.fillOpacity;
    svg("rect", attrs, s);
    geo.el("span", null, text, row);
  }
  var CLASS_TEXT = ["control (solid)", "contested or claimed (hatched)", "support zone (light fill)", "attack zone (outline)"];
  function fillLegend() {
    if (!legendBody) return;
    while (legendBody.firstChild) legendBody.removeChild(legendBody.firstChild);
    var classes = Object.keys(drawn.classes).map(Number).sort(), actors = Object.keys(drawn.actors).map(Number).sort();
    legendBody.style.display = classes.length ? "" : "none";
    if (!classes.length) return;
    geo.el("div", "geo-h", "Areas", legendBody);
    var grey = "#555";
    if (!document.getElementById(uid + "legend")) {
      var p = svg("pattern", { id: uid + "legend", patternUnits: "userSpaceOnUse", width: 6, height: 6, patternTransform: "rotate(45)" }, defs);
      svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: grey, "stroke-width": 2.5 }, p);
    }
    classes.forEach(function (k) { swatch(legendBody, CLASS_TEXT[k], geo.AREA_STYLE[k](grey, uid + "legend")); });
    actors.forEach(function (a) { swatch(legendBody, S.actors[a], geo.AREA_STYLE[0](S.hues[a])); });
  }
  return {
    count: A.length, redraw: redraw, isArea: isArea,
    addTo: function (m) { group.addTo(m); labels.addTo(m); m.on("zoomend", function () { vis.compute(); redraw(); }); redraw(); return this; },
    // The legend's "Areas" section (in the legend's body, first), filled on every redraw.
    legend: function (box) {
      var body = box.querySelector(".geo-legend-body");
      if (!body || !A.length) return;
      legendBody = geo.el("div", "geo-legend-areas"); body.insertBefore(legendBody, body.firstChild); fillLegend();
    },
    drawn: function () { return items.filter(function (it) { return it.shown; }).map(function (it) { return it.a.i; }); },
    // for the changes layer (geo-map-46-changes.js): whether area ``j`` is drawn, the
    // renderer and pattern definitions, legend swatches
    isShown: function (j) { return byIndex[j].shown; }, shapes: shapes, tags: function () { return tags; }, renderer: renderer, defs: defs, uid: uid,
    swatch: swatch, legendBox: function () { return legendBody; }
  };
};
