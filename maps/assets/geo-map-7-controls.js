/* geo map, part 7: the panels: ``geo.layerControl`` (basemaps, categories, routes, heat,
   regions), ``geo.legend`` (a symbol for everything drawn) and ``geo.titleBox``. */
geo.control = function (map, pos, cls, build, first) {
  var Panel = L.Control.extend({ onAdd: function () { var d = geo.el("div", "geo-box " + cls); L.DomEvent.disableClickPropagation(d); L.DomEvent.disableScrollPropagation(d); build(d); return d; } });
  var c = new Panel({ position: pos }).addTo(map), corner = c.getContainer().parentNode;
  if (first) corner.insertBefore(c.getContainer(), corner.firstChild);
  return c;
};
geo.check = function (parent, label, on, change, swatch) {
  var el = geo.el, lab = el("label", "geo-check", null, parent), inp = el("input", null, null, lab);
  inp.type = "checkbox"; inp.checked = on; if (swatch) el("i", "geo-swatch", null, lab).style.background = swatch;
  el("span", null, label, lab); L.DomEvent.on(inp, "change", function () { change(inp.checked); }); return inp;
};
// ``bases``: geo.basemaps' result; ``layers``: {routes, heat, regions} (null when absent),
// each shown at first; ``onCategory(k, on)`` when a category is switched.
geo.layerControl = function (map, id, D, rec, bases, layers, onCategory, placeLabels) {
  var el = geo.el, check = geo.check, counts = D.cats.map(function () { return 0; });
  for (var i = 0; i < rec.n; i++) counts[rec.C[i]]++;
  function toggle(layer, on) { if (on) layer.addTo(map); else map.removeLayer(layer); }
  return geo.control(map, "topright", "geo-layers", function (d) {
    var head = el("button", "geo-toggle", "Layers", d); head.type = "button";
    var body = el("div", "geo-layers-body", null, d);
    L.DomEvent.on(head, "click", function () { d.classList.toggle("geo-collapsed"); });
    el("div", "geo-h", "Basemap", body);
    bases.list.forEach(function (b, k) {
      var lab = el("label", "geo-check", null, body), inp = el("input", null, null, lab);
      inp.type = "radio"; inp.name = id + "-base"; inp.checked = k === bases.current(); el("span", null, b[0], lab);
      L.DomEvent.on(inp, "change", function () { bases.choose(k); });
      bases.onChange(function (now) { inp.checked = now === k; });
    });
    el("div", "geo-h", "Presence by " + D.by, body);
    D.cats.forEach(function (c, k) {
      check(body, c + " (" + counts[k] + ")", true, function (on) { onCategory(k, on); }, D.colors[k]);
    });
    if (D.routes.length) { el("div", "geo-h", "Movements", body); check(body, "Routes (" + D.routes.length + ")", true, function (on) { toggle(layers.routes, on); placeLabels(); }); }
    if (layers.heat || layers.regions) el("div", "geo-h", "More", body);
    if (layers.heat) check(body, "Report density (heat)", true, function (on) { toggle(layers.heat, on); });
    if (layers.regions) check(body, "Regions", true, function (on) { toggle(layers.regions, on); });
  });
};
geo.legend = function (map, D, rec, range, extras) {
  var el = geo.el, circle = geo.circle, radius = geo.radius, MODE_DASH = geo.MODE_DASH;
  function sym(parent, label, paint) {
    var r = el("div", "geo-leg", null, parent), c = el("canvas", null, null, r); c.width = 44; c.height = 24;
    c.style.height = "20px"; c.style.width = "37px";
    var ctx = c.getContext("2d"); paint(ctx); el("span", null, label, r);
  }
  function dot(ctx, x, rad, fill, stroke) { ctx.beginPath(); circle(ctx, x, 12, rad); ctx.fillStyle = fill; ctx.fill(); ctx.strokeStyle = stroke || "#fff"; ctx.stroke(); }
  var has = { near: 0, region: 0, range: 0, fig: 0, ended: 0, group: 0, modes: {} };
  for (var i = 0; i < rec.n; i++) {
    if (extras.areas && extras.areas[i]) continue;  // drawn as an area (geo-map-45-areas.js)
    has["c" + rec.C[i]] = 1;
    has[geo.LOC[rec.F[i] & 3]] = 1; if (rec.R1[i] > rec.R0[i]) has.range = 1; if (rec.EO[i + 1] > rec.EO[i]) has.fig = 1; else if (rec.FO[i + 1] > rec.FO[i]) has.fat = 1;
    if (rec.T1[i] < range[1]) has.ended = 1;
  }
  has.group = rec.nGroups < rec.n ? 1 : 0;
  D.routes.forEach(function (r) { r.legs.forEach(function (l) { has.modes[D.modes[l.m]] = 1; }); });
  return geo.control(map, "bottomleft", "geo-legend", function (outer) {
    var head = el("button", "geo-toggle", "Legend", outer), d = el("div", "geo-legend-body", null, outer);
    head.type = "button"; L.DomEvent.on(head, "click", function () { outer.classList.toggle("geo-collapsed"); });
    D.cats.forEach(function (c, k) { if (has["c" + k]) sym(d, c, function (x) { dot(x, 22, 6, D.colors[k]); }); });
    if (has.ended) sym(d, "ended before the date (grey)", function (x) { x.lineWidth = 1.5; dot(x, 22, 6, "#bdbdbd", D.colors[0] || geo.GREY); x.lineWidth = 1; });
    if (has.fig) sym(d, "strength 100 / 1,000 / 10,000", function (x) { dot(x, 6, radius(100) - 2, "#666"); dot(x, 17, radius(1000) - 3, "#666"); dot(x, 33, radius(10000) - 4, "#666"); });
    if (has.fat) sym(d, "fatalities 1 / 10 / 100 (no strength)", function (x) { var f = geo.fatalRadius; dot(x, 6, f(1) - 1, "#666"); dot(x, 18, f(10) - 2, "#666"); dot(x, 33, f(100) - 3, "#666"); });
    if (has.range) sym(d, "strength given as a range", function (x) { x.lineWidth = 2; x.beginPath(); circle(x, 22, 12, 10); x.strokeStyle = "#666"; x.stroke(); x.lineWidth = 1; dot(x, 22, 6, "#666"); });
    if (has.near) sym(d, "near the place (halo)", function (x) { x.globalAlpha = 0.25; dot(x, 22, 11, "#666", "rgba(0,0,0,0)"); x.globalAlpha = 1; dot(x, 22, 5, "#666"); });
    if (has.region) sym(d, "somewhere in the region", function (x) { x.setLineDash([4, 3]); x.beginPath(); circle(x, 22, 12, 10.5); x.strokeStyle = "#666"; x.stroke(); x.setLineDash([]); dot(x, 22, 5, "#666"); });
    if (has.group) sym(d, "reports at one place (count)", function (x) { dot(x, 18, 6, "#666"); dot(x, 27, 7, "#222", "#222"); x.fillStyle = "#fff"; x.font = "bold 9px sans-serif"; x.fillText("3", 24.5, 15.5); });
    Object.keys(MODE_DASH).forEach(function (m) {
      if (!has.modes[m]) return;
      sym(d, "route, " + m, function (x) { x.strokeStyle = "#1d3557"; x.lineWidth = 2.5; x.lineCap = m === "sea" ? "round" : "butt"; x.setLineDash(MODE_DASH[m] ? MODE_DASH[m].split(" ").map(Number) : []); x.beginPath(); x.moveTo(2, 12); x.lineTo(34, 12); x.stroke(); x.setLineDash([]); x.fillStyle = "#1d3557"; x.beginPath(); x.moveTo(42, 12); x.lineTo(34, 7); x.lineTo(34, 17); x.fill(); });
    });
    if (D.routes.length) sym(d, "waypoint (with its date)", function (x) { x.lineWidth = 2; dot(x, 22, 4, "#fff", "#1d3557"); });
    if (extras.heat) sym(d, "report density (heat layer)", function (x) { var g = x.createLinearGradient(2, 0, 42, 0); g.addColorStop(0, "rgba(255,230,40,.5)"); g.addColorStop(1, "rgba(255,0,40,.9)"); x.fillStyle = g; x.fillRect(2, 6, 40, 12); });
    if (extras.regions) sym(d, "region outline", function (x) { x.setLineDash([6, 4]); x.strokeStyle = "#444"; x.strokeRect(3, 5, 38, 14); });
  });
};
geo.titleBox = function (map, cfg, D) {
  var el = geo.el, outlets = [];
  D.sources.forEach(function (s) { if (outlets.indexOf(s.outlet) < 0) outlets.push(s.outlet); });
  return geo.control(map, "topleft", "geo-titlebox", function (d) {
    el("div", "geo-title", cfg.title, d); if (cfg.subtitle) el("div", "geo-subtitle", cfg.subtitle, d);
    if (!outlets.length) return;
    var srcLine = el("div", "geo-sources", null, d); el("b", null, "Sources: ", srcLine);
    el("span", null, outlets.slice(0, 6).join("; ") + (outlets.length > 6 ? "; and " + (outlets.length - 6) + " more" : ""), srcLine);
    srcLine.title = D.sources.map(function (s) { return s.outlet + (s.date ? " " + s.date : "") + (s.title ? ": " + s.title : ""); }).join("\n");
  }, true);
};
