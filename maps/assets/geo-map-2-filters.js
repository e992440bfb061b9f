/* geo map, part 2b: ``geo.filters``: which records pass the reader's filters (the search
   box, event types, source reliability, record credibility) as a mask of 0/1 per record,
   and ``geo.filterPanel``, the panel that sets them. */
geo.filters = function (rec, vis) {
  var T = rec.T, n = rec.n;
  var state = { query: "", typeOn: T.type.map(function () { return true; }), rel: 0, cred: 0 };
  // The table entries holding ``q`` (lower-case), as 0/1 per entry.
  function hits(table, q) { return Uint8Array.from(table, function (s) { return s.toLowerCase().indexOf(q) >= 0 ? 1 : 0; }); }
  function compute() {
    var mask = vis.mask, q = state.query.trim().toLowerCase(), on = state.typeOn, rel = state.rel, cred = state.cred;
    var ET = rec.ET, RL = rec.RL, CR = rec.CR, count = 0;
    var A = q && hits(T.actor, q), St = q && hits(T.status, q), Ty = q && hits(T.type, q), Pl = q && hits(T.place, q), Nt = q && hits(rec.S, q);
    for (var k = 0; k < n; k++) {
      var ok = on[ET[k]] && (!rel || (RL[k] && RL[k] <= rel)) && (!cred || (CR[k] && CR[k] <= cred));
      if (ok && q) ok = A[rec.AC[k]] || A[rec.A2[k]] || St[rec.ST[k]] || Ty[ET[k]] || Pl[rec.PPL[rec.PI[k]]] || Nt[rec.NT[k]];
      mask[k] = ok ? 1 : 0; if (ok) count++;
    }
    state.passing = count;
  }
  return { state: state, compute: compute };
};

// The filter panel: a search box (actor, second actor, status, type, place or note), one
// check box per event type (when the data has types), and the grades (when it has any).
// ``onChange()`` after any change.
geo.filterPanel = function (map, rec, D, filters, onChange) {
  var el = geo.el, T = rec.T, state = filters.state, n = rec.n, k;
  var typeCount = T.type.map(function () { return 0; }), anyRel = 0, anyCred = 0;
  for (k = 0; k < n; k++) { typeCount[rec.ET[k]]++; anyRel |= rec.RL[k]; anyCred |= rec.CR[k]; }
  function changed() { filters.compute(); onChange(); if (info) info.textContent = state.passing === n ? "" : state.passing.toLocaleString("en") + " of " + n.toLocaleString("en") + " records match"; }
  var info = null;
  function select(parent, label, opts, fn) {
    var lab = el("label", "geo-pick", null, parent); el("span", null, label + " ", lab);
    var s = el("select", null, null, lab); s.setAttribute("aria-label", label);
    opts.forEach(function (o) { var op = el("option", null, o[1], s); op.value = o[0]; });
    L.DomEvent.on(s, "change", function () { fn(+s.value); changed(); }); return s;
  }
  return geo.control(map, "topright", "geo-filter", function (outer) {
    var head = el("button", "geo-toggle", "Filter", outer), d = el("div", "geo-filter-body", null, outer);
    head.type = "button"; L.DomEvent.on(head, "click", function () { outer.classList.toggle("geo-collapsed"); });
    var search = el("input", "geo-search", null, d);
    search.type = "search"; search.placeholder = "Filter: actor, status, type, place, text"; search.setAttribute("aria-label", "filter records");
    var timer = null;
    L.DomEvent.on(search, "input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.query = search.value; changed(); }, n > 200000 ? 250 : 80);
    });
    if (T.type.length > 1) {
      el("div", "geo-h", "Event type", d);
      T.type.forEach(function (t, i) {
        if (!typeCount[i]) return;
        geo.check(d, (t || "no type") + " (" + typeCount[i].toLocaleString("en") + ")", true, function (on) { state.typeOn[i] = on; changed(); });
      });
    }
    if (anyRel || anyCred) el("div", "geo-h", "Grades (Admiralty code)", d);
    if (anyRel) select(d, "Source reliability", [["0", "any"]].concat(geo.REL.slice(1, 6).map(function (g, i) { return [String(i + 1), i ? "A to " + g : "A only"]; })), function (v) { state.rel = v; });
    if (anyCred) select(d, "Credibility", [["0", "any"]].concat(geo.CRED_TEXT.slice(1, 6).map(function (t, i) { return [String(i + 1), i ? "1 to " + (i + 1) : "1 only"]; })), function (v) { state.cred = v; });
    info = el("div", "geo-match", "", d); info.setAttribute("role", "status");
  });
};
