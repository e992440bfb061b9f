/* geo map, part 6: ``geo.routes``: routes (legs, arrows, waypoints) following the time
   control, and their labels, placed where they collide with nothing. */
geo.MODE_DASH = { overland: null, air: "10 7", sea: "1 7", unknown: "4 4" };
// The line width (px) of a route whose largest strength figure is ``s`` (-1: no figure):
// bold enough for a slide, wider with the force that moved.
geo.routeWidth = function (s) { return s < 0 ? 3.5 : Math.min(9, 3.5 + 1.6 * Math.log10(1 + s / 10)); };
// When each waypoint of route ``r`` is reached: its own date (first day); the route's start
// for an undated first waypoint; an undated waypoint between two dated ones at an even pace
// along the path between them (``lens``: each leg's length); after the last dated one, as it
// (nothing says later); before any date, -Infinity. Never earlier than the waypoint before.
geo.reachTimes = function (r, lens) {
  var n = r.wp.length, t = r.wp.map(function (w) { return w[3]; }), k, j;
  if (t[0] === null && r.t0 !== null) t[0] = r.t0;
  for (k = 0; k < n; k++) {
    if (t[k] !== null) continue;
    var a = k - 1; while (a >= 0 && t[a] === null) a--;
    var b = k + 1; while (b < n && r.wp[b][3] === null) b++;
    if (a < 0) { t[k] = -Infinity; continue; }
    if (b >= n) { t[k] = t[a]; continue; }
    var done = 0, all = 0;
    for (j = a; j < b; j++) { all += lens[j]; if (j < k) done += lens[j]; }
    t[k] = t[a] + (all ? done / all : 0) * (r.wp[b][3] - t[a]);
  }
  for (k = 1; k < n; k++) t[k] = Math.max(t[k], t[k - 1]);
  return t;
};
// The part of ``path`` ([lat, lon] points) from its start to the share ``f`` of its length.
geo.pathPart = function (path, f) {
  if (f >= 1) return path;
  var d = [0], k;
  for (k = 1; k < path.length; k++) d.push(d[k - 1] + L.latLng(path[k - 1]).distanceTo(path[k]));
  var want = f * d[d.length - 1], out = [path[0]];
  for (k = 1; k < path.length && d[k] < want; k++) out.push(path[k]);
  if (k < path.length) {
    var s = d[k] > d[k - 1] ? (want - d[k - 1]) / (d[k] - d[k - 1]) : 0, p = path[k - 1], q = path[k];
    out.push([p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1])]);
  }
  return out;
};
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
  // An arrowhead (an SVG triangle with a white rim, sized to the line) at ``b``, pointing from ``a``.
  function arrowAt(a, b, colr, width, at) {
    var pa = map.project(a, 0), pb = map.project(b, 0), ang = Math.atan2(pb.y - pa.y, pb.x - pa.x) * 180 / Math.PI;
    var size = Math.round(10 + 2.6 * width), NS = "http://www.w3.org/2000/svg", svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", size); svg.setAttribute("height", size); svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("class", "geo-arrow"); svg.style.transform = "rotate(" + ang.toFixed(1) + "deg)";
    var tri = document.createElementNS(NS, "polygon"); tri.setAttribute("points", "19,10 3,2 7,10 3,18");
    tri.setAttribute("fill", colr); tri.setAttribute("stroke", "#fff"); tri.setAttribute("stroke-width", "1.5"); tri.setAttribute("stroke-linejoin", "round");
    svg.appendChild(tri);
    return L.marker(at || [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], { icon: L.divIcon({ html: svg, className: "geo-arrow-icon", iconSize: [size, size] }), interactive: false, keyboard: false });
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
    shown.forEach(function (v) { v.r.wp.slice(0, v.reached).forEach(function (w) { var p = map.latLngToContainerPoint([w[0], w[1]]); taken.push([p.x - 6, p.y - 6, p.x + 6, p.y + 6]); }); });
    shown.forEach(function (v) {
      v.stops.forEach(function (t) {
        if (t.k >= v.reached) return;  // a later waypoint: no label before it is reached
        var p = map.latLngToContainerPoint(t.at), e = t.e; e.style.display = ""; var w = e.offsetWidth / 2 + 8, h = e.offsetHeight / 2 + 8;
        place(t, [[p.x, p.y - h], [p.x + w, p.y], [p.x, p.y + h], [p.x - w, p.y]], taken, size);
      });
    });
    shown.forEach(function (v) {
      var t = v.label; if (!t) return;
      var first = v.r.wp[0], last = v.r.wp[v.reached - 1];
      t.ends.style.display = view.contains([first[0], first[1]]) && view.contains([last[0], last[1]]) ? "none" : "";
      t.e.style.display = ""; var dy = t.e.offsetHeight / 2 + 7, centres = [];
      v.parts.map(function (f, j) { return pointsAlong(geo.pathPart(v.r.legs[j].path, f)); }).filter(function (pts) { return pts[0][2] > 0; })
        .sort(function (a, b) { return b[0][2] - a[0][2]; })
        .forEach(function (pts) { pts.forEach(function (p) { centres.push([p[0], p[1] + dy], [p[0], p[1] - dy]); }); });
      place(t, centres, taken, size);
    });
  }
  var actorColour = {}, RC = ["#1d3557", "#6a040f", "#386641", "#5a189a", "#7f5539", "#005f73"];
  D.routes.forEach(function (r, ri) {
    var colr = actorColour[r.actor] || (actorColour[r.actor] = RC[Object.keys(actorColour).length % RC.length]);
    var lens = r.legs.map(function (l) { return lengthOf(l.path); });
    var big = -1; r.est.forEach(function (e) { big = Math.max(big, e[1]); });
    var v = { r: r, g: L.featureGroup(), colr: colr, shown: -1, key: "", ri: ri, label: null, stops: [], reach: geo.reachTimes(r, lens),
      width: geo.routeWidth(big), lbl: S[r.actor] + " \u00b7 " + spanText(r.t0 === null ? 0 : r.t0, r.t1 === null ? 0 : r.t1, r.f), reached: 1, parts: [] };
    r.wp.forEach(function (w, k) {
      var tipText = S[w[2]] + (w[3] !== null ? " \u00b7 " + fmt(w[3], w[4]) : "");
      if (showStopLabels && w[3] !== null) stopLabels.push(v.stops[v.stops.length] = { e: el("div", "geo-label geo-stop-label", tipText, labelPane), at: [w[0], w[1]], k: k });
    });
    if (showRouteLabels) {
      v.label = { e: el("div", "geo-label geo-rlabel", null, labelPane) };
      el("span", "geo-route-label", v.lbl, v.label.e); v.label.ends = el("span", "geo-route-ends", "", v.label.e);
      routeLabels.push(v.label);
    }
    routeViews.push(v);
  });
  function lengthOf(path) { var d = 0; for (var k = 1; k < path.length; k++) d += L.latLng(path[k - 1]).distanceTo(path[k]); return d; }
  // Draw route ``v`` as of ``day``: the legs whose start is reached, the current one up to
  // where the clock puts it (with the arrowhead at its tip), the waypoints reached; ``s`` is
  // time.status (2: ended, grey).
  function draw(v, s, day) {
    var r = v.r, g = v.g, colr = s === 2 ? "#6e6e6e" : v.colr, op = s === 2 ? 0.75 : 1, parts = [], reached = 0, k;
    for (k = 0; k < r.wp.length && v.reach[k] <= day; k++) reached = k + 1;
    r.legs.forEach(function (leg, j) {
      var a = v.reach[j], b = v.reach[j + 1];
      if (!(a <= day)) return;
      parts.push(b <= day || b === a ? 1 : Math.max(0, Math.min(1, (day - a) / (b - a))));
    });
    var key = s + "|" + parts.map(function (f) { return f.toFixed(3); }).join(",");
    if (key === v.key) return;
    v.key = key; v.parts = parts; v.reached = Math.max(1, reached); g.clearLayers();
    var pop = function (ev) { popups.pagedPopup([r], routeView, ev.latlng); }, w = v.width;
    parts.forEach(function (f, j) {
      var leg = r.legs[j], mode = D.modes[leg.m], path = geo.pathPart(leg.path, f), n = path.length;
      var dash = MODE_DASH[mode] ? MODE_DASH[mode].split(" ").map(function (x) { return Math.round(x * w / 3); }).join(" ") : null;
      // a pale solid casing under the styled line: contrast on any basemap, and a click target
      // without the gaps of a dashed or dotted line
      L.polyline(path, { color: "#fff", weight: w + 4, opacity: 0.7, casing: true }).on("click", pop).addTo(g);
      L.polyline(path, { color: colr, opacity: op, weight: mode === "overland" ? w : w - 0.5, dashArray: dash, lineCap: mode === "sea" ? "round" : "butt", geoLeg: j, geoShare: f })
        .bindTooltip(el("span", null, v.lbl), { sticky: true, className: "geo-stop-label" }).on("click", pop).addTo(g);
      if (n < 2) return;
      if (f < 1) arrowAt(path[n - 2], path[n - 1], colr, w, path[n - 1]).addTo(g);
      else { var mid = Math.floor((n - 1) / 2); arrowAt(path[mid], path[mid + 1], colr, w).addTo(g); }
    });
    r.wp.forEach(function (wp, k) {
      if (k >= v.reached) return;  // not reached as of the date: hidden, as is its label
      var tipText = S[wp[2]] + (wp[3] !== null ? " \u00b7 " + fmt(wp[3], wp[4]) : "");
      L.circleMarker([wp[0], wp[1]], { radius: 4 + w / 3, color: colr, opacity: op, weight: 2, fillColor: "#fff", fillOpacity: 1 })
        .bindTooltip(el("span", null, tipText), { direction: "top", offset: [0, -4], className: "geo-stop-label" }).on("click", pop).addTo(g);
    });
    if (v.label) v.label.ends.textContent = S[r.wp[0][2]] + " \u2192 " + S[r.wp[v.reached - 1][2]] + (v.reached < r.wp.length ? " \u2192 \u2026" : "");
  }
  function update() {
    var day = time.state.mode === "window" ? time.windowOf(time.state.day)[1] : time.state.day;
    routeViews.forEach(function (v) {
      var s = time.status(v.r.t0 === null ? -Infinity : v.r.t0, v.r.t1 === null ? Infinity : v.r.t1);
      if (s) draw(v, s, s === 2 ? Infinity : day);
      if (s === v.shown) return;
      v.shown = s;
      if (!s) routesLayer.removeLayer(v.g); else routesLayer.addLayer(v.g);
    });
  }
  // What is drawn, per route: the share of each leg drawn (legs not listed are not drawn)
  // and the waypoints reached. Read from the drawn lines themselves, for tests and tools.
  function drawn() {
    return routeViews.map(function (v) {
      var legs = [];
      if (v.shown > 0) v.g.eachLayer(function (l) { if (l.options.geoLeg !== undefined) legs[l.options.geoLeg] = { share: l.options.geoShare, end: l.getLatLngs()[l.getLatLngs().length - 1] }; });
      return { shown: v.shown > 0, legs: legs, waypoints: v.shown > 0 ? v.reached : 0 };
    });
  }
  return { layer: routesLayer, update: update, placeLabels: placeLabels, drawn: drawn };
};
