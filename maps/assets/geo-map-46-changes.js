/* geo map, part 4.6: "changes since" (issue 11, geo map --since DATE): what each actor
   gained and lost since a reference date, drawn over the areas. maps/changes.py cut each
   actor's control areas into pieces, each naming the areas that cover it. A piece is held
   at a date when one of those areas is active then (the time control's rule, with the
   filters and layers applied); it is gained when held now and not at the reference date,
   lost when held then and not now. The reference date is the time state's ``since`` (null:
   the view is off). */
geo.CHANGE_STYLE = {
  gained: function (h) { return { color: h, weight: 3.5, opacity: 1, fillColor: h, fillOpacity: 0.62 }; },
  lost: function (h, cross) { return { color: h, weight: 2.5, opacity: 0.95, dashArray: "7 4", fillColor: "url(#" + cross + ")", fillOpacity: 1 }; }
};
geo.changesLayer = function (map, D, rec, vis, time, areas) {
  var P = D.changes || [], A = D.areas || [], S = D.areaStyle || { actors: [], hues: [] }, svg = geo.svg, state = time.state;
  var group = L.layerGroup(), uid = areas.uid + "x", drawn = { gained: {}, lost: {} }, legendBody = null, tags = [];
  function cross(id, hue) {  // the cross-hatching of what was lost
    var p = svg("pattern", { id: id, patternUnits: "userSpaceOnUse", width: 9, height: 9 }, areas.defs);
    svg("rect", { width: 9, height: 9, fill: "#fff", "fill-opacity": 0.35 }, p);
    svg("path", { d: "M0,0 L9,9 M9,0 L0,9", stroke: hue, "stroke-width": 1.6, "stroke-opacity": 0.85 }, p);
  }
  if (P.length) { S.hues.forEach(function (h, a) { cross(uid + a, h); }); cross(uid + "legend", "#555"); }
  var items = P.map(function (pc) {
    var ll = areas.shapes[pc.s], h = S.hues[pc.a];
    function path(kind, o) { o.renderer = areas.renderer; o.className = "geo-change geo-change-" + kind; o.interactive = false; return L.polygon(ll, o); }
    var place = geo.areaRecord(rec, A[pc.m[0]].i).place;
    return { pc: pc, gained: path("gained", geo.CHANGE_STYLE.gained(h)), lost: path("lost", geo.CHANGE_STYLE.lost(h, uid + pc.a)), kind: "",
      labels: { gained: tag(pc.p, place + " gained", h), lost: tag(pc.p, place + " lost", h) } };
  });
  // A piece's tag: under its label point (a town's own name sits on the point), else
  // above it, then clear of an area's two-line name there, right or left of it.
  function TAG_SPOTS(w, h) {
    return [[0, h / 2 + 10], [0, -h / 2 - 10], [0, h * 1.5 + 16], [0, -h * 1.5 - 16], [w / 2 + 12, 0], [-w / 2 - 12, 0]];
  }
  function tag(p, text, hue) {
    var d = geo.el("div", "geo-change-label", text), s = d.style;
    s.cssText = "transform:translate(-50%,-50%);white-space:nowrap;font:italic 700 12px sans-serif;color:" + hue + ";" +
      "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff;";
    return L.marker(p, { pane: "geoAreaLabels", interactive: false, keyboard: false, icon: L.divIcon({ html: d, className: "", iconSize: null }) });
  }
  function heldOn(pc, day) {
    for (var j = 0; j < pc.m.length; j++) {
      var k = A[pc.m[j]].i;
      if (vis.mask[k] && vis.catOn[rec.C[k]] && time.activeOn(rec.T0[k], rec.T1[k], day)) return true;
    }
    return false;
  }
  function heldNow(pc) {
    for (var j = 0; j < pc.m.length; j++) if (areas.isShown(pc.m[j])) return true;
    return false;
  }
  // After the areas' redraw (which decides what is drawn now).
  function redraw() {
    drawn = { gained: {}, lost: {} };
    items.forEach(function (it) {
      var kind = "";
      if (state.since !== null) {
        var now = heldNow(it.pc), then = heldOn(it.pc, state.since);
        kind = now && !then ? "gained" : then && !now ? "lost" : "";
      }
      if (kind !== it.kind) {
        if (it.kind) { group.removeLayer(it[it.kind]); group.removeLayer(it.labels[it.kind]); }
        if (kind) { group.addLayer(it[kind]); group.addLayer(it.labels[kind]); }
        it.kind = kind;
      }
      if (kind) drawn[kind][it.pc.a] = 1;
    });
    tags = items.filter(function (it) { return it.kind; }).map(function (it) { return { m: it.labels[it.kind], at: it.pc.p, spots: TAG_SPOTS, optional: true }; });
    fillLegend();
  }
  function fillLegend() {
    if (!legendBody) return;
    while (legendBody.firstChild) legendBody.removeChild(legendBody.firstChild);
    var any = Object.keys(drawn.gained).length + Object.keys(drawn.lost).length;
    legendBody.style.display = any ? "" : "none";
    if (!any) return;
    geo.el("div", "geo-h", "Control since " + geo.dates.iso(state.since), legendBody);
    if (Object.keys(drawn.gained).length) areas.swatch(legendBody, "gained (bold outline)", geo.CHANGE_STYLE.gained("#555"));
    if (Object.keys(drawn.lost).length) areas.swatch(legendBody, "lost (cross-hatched)", geo.CHANGE_STYLE.lost("#555", uid + "legend"));
  }
  return {
    count: P.length, redraw: redraw, tags: function () { return tags; },
    addTo: function (m) { group.addTo(m); return this; },
    // The legend's "Control since" section, after the areas' own.
    legend: function (box) {
      var body = box.querySelector(".geo-legend-body"), after = areas.legendBox();
      if (!body || !P.length) return;
      legendBody = geo.el("div", "geo-legend-changes");
      body.insertBefore(legendBody, after ? after.nextSibling : body.firstChild);
      fillLegend();
    },
    // The pieces drawn, as {gained: n, lost: n} (for tests and images).
    drawn: function () {
      var n = { gained: 0, lost: 0 };
      items.forEach(function (it) { if (it.kind) n[it.kind]++; });
      return n;
    }
  };
};
// The time control's "changes since" switch and date: ``tc`` is geo.timeControl's result.
geo.changesToggle = function (tc, time, onChange) {
  var el = geo.el, state = time.state, range = time.range;
  var lab = el("label", "geo-since", null, tc.bar), on = el("input", null, null, lab);
  on.type = "checkbox"; on.checked = state.since !== null; el("span", null, "changes since", lab);
  var day = el("input", null, null, tc.bar);
  day.type = "date"; day.min = geo.dates.iso(range[0]); day.max = geo.dates.iso(range[1]);
  day.value = geo.dates.iso(state.since !== null ? state.since : range[0]);
  day.setAttribute("aria-label", "changes since this date");
  function set() {
    var d = null;
    if (on.checked) { try { d = geo.dates.parseIso(day.value); } catch (e) { d = range[0]; } }
    state.since = d; onChange();
  }
  L.DomEvent.on(on, "change", set); L.DomEvent.on(day, "change", set);
  return {
    set: function (iso) {
      on.checked = iso !== null;
      if (iso !== null) day.value = geo.dates.iso(geo.dates.parseIso(iso));
      set();
    }
  };
};
