/* geoMapCreate, part 6: Basemaps, regions, the layer control, the legend, the title box.
   A section of the body of geoMapCreate (see maps/build.py: the geo-map-*.js parts are joined in
   file-name order inside one function, so they share its variables). */
// ---- basemaps, regions ------------------------------------------------------------------
var offline = L.geoJSON(cfg.basemap || [], { pane: "geoBase", renderer: L.canvas({ pane: "geoBase" }), interactive: false,
  style: { color: "#8a8f94", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
// Country names for the offline basemap (tiles carry their own): at the middle of each
// country's largest part, grey, skipped where they would collide.
var countryLabels = [];
((cfg.basemap && cfg.basemap.features) || []).forEach(function (ft) {
  var g = ft.geometry, polys = g && (g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : []);
  var best = null, area = -1;
  (polys || []).forEach(function (poly) {
    var b = L.latLngBounds(poly[0].map(function (c) { return [c[1], c[0]]; })), a = (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
    if (a > area) { area = a; best = b; }
  });
  if (best && ft.properties && ft.properties.name) countryLabels.push({ c: best.getCenter(), t: String(ft.properties.name), a: area });
});
countryLabels.sort(function (x, y) { return y.a - x.a; });
var baseLabels = new CanvasLayer("geoBase", function (ctx, size) {
  var z = map.getZoom(), placed = controlBoxes();  // names hidden under a panel would only confuse
  if (z < 3 || z > 8) return;
  ctx.font = "italic 12px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.fillStyle = "#8c8c8c";
  countryLabels.forEach(function (l) {
    var p = map.latLngToContainerPoint(l.c), w = ctx.measureText(l.t).width, box = [p.x - w / 2 - 4, p.y - 9, p.x + w / 2 + 4, p.y + 9];
    if (box[0] < 0 || box[1] < 0 || box[2] > size.x || box[3] > size.y) return;
    for (var k = 0; k < placed.length; k++) { var o = placed[k]; if (box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]) return; }
    placed.push(box); ctx.fillText(l.t.toUpperCase(), p.x, p.y);
  });
});
baseLabels.addTo(map);
var regions = null;
if (cfg.regions) {
  regions = L.geoJSON(cfg.regions, { pane: "geoRegions", style: { color: "#444", weight: 1.5, dashArray: "6 4", fillOpacity: 0.04 },
    onEachFeature: function (ft, lyr) { lyr.bindTooltip(el("span", null, ft.properties.name + (ft.properties.note ? " \u2014 " + ft.properties.note : ""))); } });
}
var bases = [["Natural Earth (offline)", null]].concat((baseLayers || []).map(function (b) { return [b[0], b[1]]; }));

// ---- layer control, legend, title, sources, time control ----------------------------------
function control(pos, cls, build, first) {
  var C2 = L.Control.extend({ onAdd: function () { var d = el("div", "geo-box " + cls); L.DomEvent.disableClickPropagation(d); L.DomEvent.disableScrollPropagation(d); build(d); return d; } });
  var c = new C2({ position: pos }).addTo(map), corner = c.getContainer().parentNode;
  if (first) corner.insertBefore(c.getContainer(), corner.firstChild);
  return c;
}
function check(parent, label, on, change, swatch) {
  var lab = el("label", "geo-check", null, parent), inp = el("input", null, null, lab);
  inp.type = "checkbox"; inp.checked = on; if (swatch) el("i", "geo-swatch", null, lab).style.background = swatch;
  el("span", null, label, lab); L.DomEvent.on(inp, "change", function () { change(inp.checked); }); return inp;
}
var counts = D.cats.map(function () { return 0; }); for (i = 0; i < n; i++) counts[C[i]]++;
control("topright", "geo-layers", function (d) {
  var head = el("button", "geo-toggle", "Layers", d); head.type = "button";
  var body = el("div", "geo-layers-body", null, d);
  L.DomEvent.on(head, "click", function () { d.classList.toggle("geo-collapsed"); });
  el("div", "geo-h", "Basemap", body);
  bases.forEach(function (b, k) {
    var lab = el("label", "geo-check", null, body), inp = el("input", null, null, lab);
    inp.type = "radio"; inp.name = cfg.id + "-base"; inp.checked = k === (bases.length > 1 ? 1 : 0); el("span", null, b[0], lab);
    L.DomEvent.on(inp, "change", function () { bases.forEach(function (o) { if (o[1]) map.removeLayer(o[1]); }); if (b[1]) b[1].addTo(map); });
  });
  el("div", "geo-h", "Presence by " + D.by, body);
  D.cats.forEach(function (c, k) {
    check(body, c + " (" + counts[k] + ")", true, function (on) { catOn[k] = on; refresh(); }, D.colors[k]);
  });
  if (D.routes.length) { el("div", "geo-h", "Movements", body); check(body, "Routes (" + D.routes.length + ")", true, function (on) { if (on) routesLayer.addTo(map); else map.removeLayer(routesLayer); placeLabels(); }); }
  if (cfg.heat || regions) el("div", "geo-h", "More", body);
  if (cfg.heat) check(body, "Report density (heat)", true, function (on) { if (on) heatLayer.addTo(map); else map.removeLayer(heatLayer); });
  if (regions) check(body, "Regions", true, function (on) { if (on) regions.addTo(map); else map.removeLayer(regions); });
});
function sym(parent, label, paint) {
  var r = el("div", "geo-leg", null, parent), c = el("canvas", null, null, r); c.width = 44; c.height = 24;
  c.style.height = "20px"; c.style.width = "37px";
  var ctx = c.getContext("2d"); paint(ctx); el("span", null, label, r);
}
function dot(ctx, x, rad, fill, stroke) { ctx.beginPath(); circle(ctx, x, 12, rad); ctx.fillStyle = fill; ctx.fill(); ctx.strokeStyle = stroke || "#fff"; ctx.stroke(); }
var has = { near: 0, region: 0, range: 0, fig: 0, ended: 0, group: 0, modes: {} };
for (i = 0; i < n; i++) {
  has[LOC[F[i] & 3]] = 1; if (R1[i] > R0[i]) has.range = 1; if (EO[i + 1] > EO[i]) has.fig = 1;
  if (T1[i] < range[1]) has.ended = 1;
}
has.group = nGroups < n ? 1 : 0;
D.routes.forEach(function (r) { r.legs.forEach(function (l) { has.modes[D.modes[l.m]] = 1; }); });
control("bottomleft", "geo-legend", function (outer) {
  var head = el("button", "geo-toggle", "Legend", outer), d = el("div", "geo-legend-body", null, outer);
  head.type = "button"; L.DomEvent.on(head, "click", function () { outer.classList.toggle("geo-collapsed"); });
  D.cats.forEach(function (c, k) { sym(d, c, function (x) { dot(x, 22, 6, D.colors[k]); }); });
  if (has.ended) sym(d, "ended before the date (grey)", function (x) { x.lineWidth = 1.5; dot(x, 22, 6, "#bdbdbd", D.colors[0] || GREY); x.lineWidth = 1; });
  if (has.fig) sym(d, "strength 100 / 1,000 / 10,000", function (x) { dot(x, 6, radius(100) - 2, "#666"); dot(x, 17, radius(1000) - 3, "#666"); dot(x, 33, radius(10000) - 4, "#666"); });
  if (has.range) sym(d, "strength given as a range", function (x) { x.lineWidth = 2; x.beginPath(); circle(x, 22, 12, 10); x.strokeStyle = "#666"; x.stroke(); x.lineWidth = 1; dot(x, 22, 6, "#666"); });
  if (has.near) sym(d, "near the place (halo)", function (x) { x.globalAlpha = 0.25; dot(x, 22, 11, "#666", "rgba(0,0,0,0)"); x.globalAlpha = 1; dot(x, 22, 5, "#666"); });
  if (has.region) sym(d, "somewhere in the region", function (x) { x.setLineDash([4, 3]); x.beginPath(); circle(x, 22, 12, 10.5); x.strokeStyle = "#666"; x.stroke(); x.setLineDash([]); dot(x, 22, 5, "#666"); });
  if (has.group) sym(d, "reports at one place (count)", function (x) { dot(x, 18, 6, "#666"); dot(x, 27, 7, "#222", "#222"); x.fillStyle = "#fff"; x.font = "bold 9px sans-serif"; x.fillText("3", 24.5, 15.5); });
  Object.keys(MODE_DASH).forEach(function (m) {
    if (!has.modes[m]) return;
    sym(d, "route, " + m, function (x) { x.strokeStyle = "#1d3557"; x.lineWidth = 2.5; x.lineCap = m === "sea" ? "round" : "butt"; x.setLineDash(MODE_DASH[m] ? MODE_DASH[m].split(" ").map(Number) : []); x.beginPath(); x.moveTo(2, 12); x.lineTo(34, 12); x.stroke(); x.setLineDash([]); x.fillStyle = "#1d3557"; x.beginPath(); x.moveTo(42, 12); x.lineTo(34, 7); x.lineTo(34, 17); x.fill(); });
  });
  if (D.routes.length) sym(d, "waypoint (with its date)", function (x) { x.lineWidth = 2; dot(x, 22, 4, "#fff", "#1d3557"); });
  if (cfg.heat) sym(d, "report density (heat layer)", function (x) { var g = x.createLinearGradient(2, 0, 42, 0); g.addColorStop(0, "rgba(255,230,40,.5)"); g.addColorStop(1, "rgba(255,0,40,.9)"); x.fillStyle = g; x.fillRect(2, 6, 40, 12); });
  if (regions) sym(d, "region outline", function (x) { x.setLineDash([6, 4]); x.strokeStyle = "#444"; x.strokeRect(3, 5, 38, 14); });
});
var outlets = [];
D.sources.forEach(function (s) { if (outlets.indexOf(s.outlet) < 0) outlets.push(s.outlet); });
control("topleft", "geo-titlebox", function (d) {
  el("div", "geo-title", cfg.title, d); if (cfg.subtitle) el("div", "geo-subtitle", cfg.subtitle, d);
  if (!outlets.length) return;
  var srcLine = el("div", "geo-sources", null, d); el("b", null, "Sources: ", srcLine);
  el("span", null, outlets.slice(0, 6).join("; ") + (outlets.length > 6 ? "; and " + (outlets.length - 6) + " more" : ""), srcLine);
  srcLine.title = D.sources.map(function (s) { return s.outlet + (s.date ? " " + s.date : "") + (s.title ? ": " + s.title : ""); }).join("\n");
}, true);
map.attributionControl.addAttribution("Places: GeoNames (CC BY 4.0) \u00b7 Basemap: Natural Earth");

