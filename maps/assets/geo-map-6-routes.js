/* geo map, part 6: ``geo.routes``: routes (legs, arrows, waypoints) following the time
   control, and their labels, placed where they collide with nothing. */
geo.MODE_DASH = { overland: null, air: "10 7", sea: "1 7", unknown: "4 4" };
// ``popups`` is geo.popups' result; ``presenceBoxes()`` the boxes the presence layer drew.
geo.routes = function (map, box, D, time, popups, presenceBoxes) {
  var el = geo.el, S = D.strings, fmt = geo.dates.fmt, spanText = geo.dates.spanText, MODE_DASH = geo.MODE_DASH;
  var routesLayer = L.layerGroup(), routeViews = [];
  function routeView(r, parent) {
    var d = el("div", "geo-rec", null, parent);
    el("div", "geo-place", S[r.actor] + " \u2014 movement", d);
    popups.row(d, "Dates", spanText(r.t0, r.t1, r.f));
    var wl = el("ol", "geo-wp", null, d);
    r.wp.forEach(function (w, k) {
      var how = k ? " (" + D.modes[r.legs[k - 1].m] + ")" : "";
      el("li", null, S[w[2]] + (w[3] !== null ? ", " + fmt(w[3], w[4]) : "") + how, wl);
    });
    popups.strengthList(d, r.est, r.src); popups.row(d, "Confidence", geo.CONF[(r.f >> 2) & 3]); popups.row(d, "Note", S[r.note]);
    if (r.src.length) { var ul = el("ul", "geo-src", null, el("div", "geo-row", null, d)); r.src.forEach(function (x) { popups.sourceLine(x, ul); }); }
  }
  function arrowAt(a, b, colr) {
    var pa = map.project(a, 0), pb = map.project(b, 0), ang = Math.atan2(pb.y - pa.y, pb.x - pa.x) * 180 / Math.PI;
    var tip = el("div", "geo-arrow"); tip.style.transform = "rotate(" + ang.toFixed(1) + "deg)"; tip.style.color = colr;
    return L.marker([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], { icon: L.divIcon({ html: tip, className: "geo-arrow-icon", iconSize: [14, 14] }), interactive: false, keyboard: false });
  }
  // One label per route (actor and span, plus where it starts and ends when an end is out of
  // view), tried at points along its legs, above and below the line; dated waypoints get
  // their date. A label that fits nowhere is hidden: hovering the route or the waypoint
  // shows it, and the popup and the legend stay complete.
  var labelPane = map.getPane("geoLabels"), routeLabels = [], stopLabels = [];
  var stops = 0; D.routes.forEach(function (r) { stops += r.wp.length; });
  var showRouteLabels = D.routes.length <= 12, showStopLabels = stops <= 60;
  // Put item.e with its centre at the first of ``centres`` where it fits; else hide it.
  function place(item, centres, taken, size) {
    var e = item.e; e.style.display = ""; var w = e.offsetWidth, h = e.offsetHeight;
    for (var k = 0; k < centres.length; k++) {
      var c = centres[k], b = [c[0] - w / 2, c[1] - h / 2, c[0] + w / 2, c[1] + h / 2];
      if (b[0] < 2 || b[1] < 2 || b[2] > size.x - 2 || b[3] > size.y - 2 || geo.hitsAny(b, taken)) continue;
      L.DomUtil.setPosition(e, map.containerPointToLayerPoint([Math.round(b[0]), Math.round(b[1])]));
      taken.push(b); return true;
    }
    e.style.display = "none"; return false;
  }
  function pointsAlong(path) {  // container points at set shares of the path's length, middle first
    var pts = path.map(function (q) { return map.latLngToContainerPoint(q); }), acc = [0], k;
    for (k = 1; k < pts.length; k++) acc.push(acc[k - 1] + pts[k].distanceTo(pts[k - 1]));
    var total = acc[acc.length - 1];
    return [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9].map(function (f) {
      var d = f * total; for (k = 1; k < pts.length - 1 && acc[k] < d; k++);
      var t = acc[k] > acc[k - 1] ? (d - acc[k - 1]) / (acc[k] - acc[k - 1]) : 0;
      return [pts[k - 1].x + t * (pts[k].x - pts[k - 1].x), pts[k - 1].y + t * (pts[k].y - pts[k - 1].y), total];
    });
  }
  function placeLabels() {
    var size = map.getSize(), on = map.hasLayer(routesLayer), view = map.getBounds();
    var taken = geo.controlBoxes(box).concat(presenceBoxes()), shown = routeViews.filter(function (v) { return on && v.shown > 0; });
    routeLabels.concat(stopLabels).forEach(function (t) { t.e.style.display = "none"; });
    shown.forEach(function (v) { v.r.wp.forEach(function (w) { var p = map.latLngToContainerPoint([w[0], w[1]]); taken.push([p.x - 6, p.y - 6, p.x + 6, p.y + 6]); }); });
    shown.forEach(function (v) {
      v.stops.forEach(function (t) {
        var p = map.latLngToContainerPoint(t.at), e = t.e; e.style.display = ""; var w = e.offsetWidth / 2 + 8, h = e.offsetHeight / 2 + 8;
        place(t, [[p.x, p.y - h], [p.x + w, p.y], [p.x, p.y + h], [p.x - w, p.y]], taken, size);
      });
    });
    shown.forEach(function (v) {
      var t = v.label; if (!t) return;
      var first = v.r.wp[0], last = v.r.wp[v.r.wp.length - 1];
      t.ends.style.display = view.contains([first[0], first[1]]) && view.contains([last[0], last[1]]) ? "none" : "";
      t.e.style.display = ""; var dy = t.e.offsetHeight / 2 + 7, centres = [];
      v.r.legs.map(function (l) { return pointsAlong(l.path); })
        .sort(function (a, b) { return b[0][2] - a[0][2]; })
        .forEach(function (pts) { pts.forEach(function (p) { centres.push([p[0], p[1] + dy], [p[0], p[1] - dy]); }); });
      place(t, centres, taken, size);
    });
  }
  var actorColour = {}, RC = ["#1d3557", "#6a040f", "#386641", "#5a189a", "#7f5539", "#005f73"];
  D.routes.forEach(function (r, ri) {
    var colr = actorColour[r.actor] || (actorColour[r.actor] = RC[Object.keys(actorColour).length % RC.length]);
    var g = L.featureGroup(), pop = function (ev) { popups.pagedPopup([r], routeView, ev.latlng); }, stopsHere = [];
    var lbl = S[r.actor] + " \u00b7 " + spanText(r.t0 === null ? 0 : r.t0, r.t1 === null ? 0 : r.t1, r.f);
    var ends = S[r.wp[0][2]] + " \u2192 " + S[r.wp[r.wp.length - 1][2]];
    r.legs.forEach(function (leg) {
      var mode = D.modes[leg.m];
      // a pale solid casing under the styled line: contrast on any basemap, and a click target
      // without the gaps of a dashed or dotted line
      L.polyline(leg.path, { color: "#fff", weight: 7, opacity: 0.7, casing: true }).on("click", pop).addTo(g);
      L.polyline(leg.path, { color: colr, weight: mode === "overland" ? 3 : 2.5, dashArray: MODE_DASH[mode], lineCap: mode === "sea" ? "round" : "butt" })
        .bindTooltip(el("span", null, lbl + " (" + ends + ")"), { sticky: true, className: "geo-stop-label" }).on("click", pop).addTo(g);
      var mid = Math.floor((leg.path.length - 1) / 2);
      arrowAt(leg.path[mid], leg.path[mid + 1], colr).addTo(g);
    });
    r.wp.forEach(function (w) {
      var tipText = S[w[2]] + (w[3] !== null ? " \u00b7 " + fmt(w[3], w[4]) : "");
      L.circleMarker([w[0], w[1]], { radius: 4, color: colr, weight: 2, fillColor: "#fff", fillOpacity: 1 })
        .bindTooltip(el("span", null, tipText), { direction: "top", offset: [0, -4], className: "geo-stop-label" }).on("click", pop).addTo(g);
      if (showStopLabels && w[3] !== null) stopLabels.push(stopsHere[stopsHere.length] = { e: el("div", "geo-label geo-stop-label", tipText, labelPane), at: [w[0], w[1]] });
    });
    var label = null;
    if (showRouteLabels) {
      label = { e: el("div", "geo-label geo-rlabel", null, labelPane) };
      el("span", "geo-route-label", lbl, label.e); label.ends = el("span", "geo-route-ends", ends, label.e);
      routeLabels.push(label);
    }
    routeViews.push({ r: r, g: g, colr: colr, shown: -1, ri: ri, label: label, stops: stopsHere });
  });
  function update() {
    routeViews.forEach(function (v) {
      var s = time.status(v.r.t0 === null ? -Infinity : v.r.t0, v.r.t1 === null ? Infinity : v.r.t1);
      if (s === v.shown) return;
      v.shown = s;
      if (!s) { routesLayer.removeLayer(v.g); return; }
      routesLayer.addLayer(v.g);
      v.g.eachLayer(function (l) { if (l.setStyle && !l.options.casing) l.setStyle({ color: s === 2 ? "#6e6e6e" : v.colr, opacity: s === 2 ? 0.75 : 1 }); });
    });
  }
  return { layer: routesLayer, update: update, placeLabels: placeLabels };
};
