/* geo map, part 5: ``geo.popups``: popups of presence records (paged where reports share a
   place), the pieces route popups reuse, and the click and hover test on the canvas. */
geo.popups = function (map, box, D, rec, vis) {
  var el = geo.el, S = rec.S, T = rec.T, dates = geo.dates;
  function sourceLine(si, parent) {
    var s = D.sources[si], li = el("li", null, null, parent);
    el("span", "geo-outlet", s.outlet, li);
    if (s.rel) { var g = el("span", "geo-grade", " [" + s.rel + "]", li); g.title = "source reliability " + s.rel + ": " + geo.REL_TEXT[geo.REL.indexOf(s.rel)]; }
    if (s.date) el("span", null, " (" + s.date + ")", li);
    if (s.title) el("span", "geo-title", " \u201c" + s.title + "\u201d", li);
    if (s.url && /^https?:\/\//i.test(s.url)) {
      li.appendChild(document.createTextNode(" "));
      var a = el("a", null, "link", li); a.href = s.url; a.target = "_blank"; a.rel = "noopener noreferrer";
    }
  }
  function row(parent, label, text) {
    if (text === "" || text === null || text === undefined) return;
    var r = el("div", "geo-row", null, parent); el("b", null, label + ": ", r); el("span", null, text, r);
  }
  function fig(lo, hi) { return lo === hi ? lo.toLocaleString("en") : lo.toLocaleString("en") + "\u2013" + hi.toLocaleString("en"); }
  function outlet(si) { var s = D.sources[si]; return s.outlet + (s.date ? " " + s.date : ""); }
  function strengthList(parent, ests, recSources, what) {
    what = what || "Strength";
    if (!ests.length) { row(parent, what, "no figure reported"); return; }
    var r = el("div", "geo-row", null, parent); el("b", null, what + ":", r);
    var ul = el("ul", "geo-est", null, r);
    ests.forEach(function (x) {
      var by = x[2] ? outlet(x[2] - 1) : recSources.map(outlet).join("; ");
      el("li", null, fig(x[0], x[1]) + (by ? " \u2014 " + by : "") + (x[3] ? " (" + S[x[3]] + ")" : ""), ul);
    });
  }
  function recordView(i, parent) {
    var d = el("div", "geo-rec", null, parent), F = rec.F, loc = geo.LOC[F[i] & 3];
    el("div", "geo-place", rec.place(i), d);
    row(d, "Dates", dates.spanText(rec.t0[i], rec.t1[i], F[i]) + (dates.precText(F[i]) ? " (" + dates.precText(F[i]) + ")" : ""));
    row(d, "Event type", T.type[rec.ET[i]]); row(d, "Status", T.status[rec.ST[i]]);
    row(d, "Actor", T.actor[rec.AC[i]]); row(d, "Second actor", T.actor[rec.A2[i]]);
    row(d, "Location", loc === "exact" ? "at the place" : loc === "near" ? "near the place" : "somewhere in the region");
    var srcs = []; for (var s = rec.SO[i]; s < rec.SO[i + 1]; s++) srcs.push(rec.SX[s]);
    var ests = []; for (var e = rec.EO[i]; e < rec.EO[i + 1]; e++) ests.push([rec.ELO[e], rec.EHI[e], rec.ES[e], rec.EN[e]]);
    strengthList(d, ests, srcs);
    if (rec.FO[i + 1] > rec.FO[i]) {
      var fats = []; for (var f = rec.FO[i]; f < rec.FO[i + 1]; f++) fats.push([rec.FLO[f], rec.FHI[f], rec.FS[f], rec.FN[f]]);
      strengthList(d, fats, srcs, "Fatalities");
    }
    row(d, "Confidence", geo.CONF[(F[i] >> 2) & 3]);
    if (rec.CR[i]) row(d, "Credibility", rec.CR[i] + " (" + geo.CRED_TEXT[rec.CR[i]] + ")");
    row(d, "Note", S[rec.NT[i]]);
    if (srcs.length) { var r = el("div", "geo-row", null, d); el("b", null, "Sources:", r); var ul = el("ul", "geo-src", null, r); srcs.forEach(function (x) { sourceLine(x, ul); }); }
  }
  function pagedPopup(items, render, latlng) {
    var wrap = el("div", "geo-pop"), per = 3, page = 0, pages = Math.ceil(items.length / per);
    var head = el("div", "geo-pager", null, wrap), body = el("div", null, null, wrap);
    var prev = el("button", null, "\u2039", head), info = el("span", null, "", head), next = el("button", null, "\u203a", head);
    prev.type = next.type = "button"; prev.title = "previous"; next.title = "next";
    function show() {
      body.textContent = "";
      items.slice(page * per, page * per + per).forEach(function (it) { render(it, body); });
      info.textContent = items.length > 1 ? " " + items.length + " reports here, page " + (page + 1) + " of " + pages + " " : "";
      head.style.display = items.length > 1 ? "" : "none"; prev.disabled = page === 0; next.disabled = page >= pages - 1;
    }
    L.DomEvent.on(prev, "click", function (ev) { L.DomEvent.stop(ev); if (page > 0) { page--; show(); } });
    L.DomEvent.on(next, "click", function (ev) { L.DomEvent.stop(ev); if (page < pages - 1) { page++; show(); } });
    show();
    return L.popup({ maxWidth: 360, maxHeight: 380, autoPanPadding: [20, 20] }).setLatLng(latlng).setContent(wrap).openOn(map);
  }
  function openRecord(i) {
    var items = [i], G = rec.G;
    for (var j = 0; j < vis.shown; j++) { var k = vis.LIST[j]; if (k !== i && G[k] === G[i]) items.push(k); }
    pagedPopup(items, recordView, [rec.LAT(i), rec.LON(i)]);
    box.dispatchEvent(new CustomEvent("geo:select", { detail: { record: i }, bubbles: true }));
  }
  function hit(pt) {
    var scale = 256 * Math.pow(2, map.getZoom()), o = map.getPixelBounds().min, best = -1, bd = Infinity;
    for (var j = 0; j < vis.shown; j++) {
      var k = vis.LIST[j], p = rec.PI[k];
      var dx = rec.MX[p] * scale - o.x - pt.x, dy = rec.MY[p] * scale - o.y - pt.y, d2 = dx * dx + dy * dy, r = rec.R1[k] + 3;
      if (d2 <= r * r && d2 < bd) { bd = d2; best = k; }
    }
    return best;
  }
  map.on("click", function (ev) { var k = hit(ev.containerPoint); if (k >= 0) openRecord(k); });
  var hoverPending = false;
  map.on("mousemove", function (ev) {
    if (hoverPending) return; hoverPending = true;
    requestAnimationFrame(function () { hoverPending = false; box.classList.toggle("geo-hover", hit(ev.containerPoint) >= 0); });
  });
  return { pagedPopup: pagedPopup, openRecord: openRecord, sourceLine: sourceLine, row: row, strengthList: strengthList };
};
