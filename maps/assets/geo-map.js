/* geo's own map code: canvas presence layer, routes, one time control, grouped layer
   control, legend, popups and the page API (window.geoMaps). Written for this project.
   Every piece of report text reaches the page through textContent, never as HTML. */
function geoMapCreate(L, map, cfg, baseLayers) {
  "use strict";
  var D = cfg.data, S = D.strings, P = D.presence, n = P.n, DAY = 86400000;
  var OPEN = 3, PREC = ["day", "month", "year"], CONF = ["confirmed", "reported", "claimed"];
  var LOC = ["exact", "near", "region"], GREY = "#9a9a9a";
  var box = map.getContainer(), root = document.getElementById(cfg.id) || box;

  function col(c) {
    var raw = atob(c.b), bytes = new Uint8Array(raw.length);
    for (var k = 0; k < raw.length; k++) bytes[k] = raw.charCodeAt(k);
    var T = { u1: Uint8Array, u2: Uint16Array, i4: Int32Array, f4: Float32Array }[c.t];
    return new T(bytes.buffer, 0, bytes.length / T.BYTES_PER_ELEMENT);
  }
  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (parent) parent.appendChild(e);
    return e;
  }
  function prefix(a) { var o = new Int32Array(n + 1); for (var k = 0; k < n; k++) o[k + 1] = o[k] + a[k]; return o; }

  // ---- decode the columns once ----------------------------------------------------------
  var PI = col(P.pi), PLAT = col(P.plat), PLON = col(P.plon), LAT = new Float32Array(n), LON = new Float32Array(n);
  for (var k0 = 0; k0 < n; k0++) { LAT[k0] = PLAT[PI[k0]]; LON[k0] = PLON[PI[k0]]; }
  var F = col(P.f), C = col(P.c), ST = col(P.st), AC = col(P.ac);
  var PL = col(P.pl), NT = col(P.nt), SX = col(P.sx), ELO = col(P.lo), EHI = col(P.hi);
  var ES = col(P.es), EN = col(P.en), SO = prefix(col(P.ns)), EO = prefix(col(P.ne));
  var t0 = col(P.t0), t1 = col(P.t1);
  var T0 = new Float64Array(n), T1 = new Float64Array(n), R0 = new Float32Array(n), R1 = new Float32Array(n);
  var MX = new Float64Array(n), MY = new Float64Array(n), G = new Int32Array(n), groups = new Map();
  function radius(s) { return s < 0 ? 5 : 5 + 2.6 * Math.log10(1 + s / 10); }
  for (var i = 0; i < n; i++) {
    var f = F[i];
    T0[i] = ((f >> 4) & 3) === OPEN ? -Infinity : t0[i];
    T1[i] = ((f >> 6) & 3) === OPEN ? Infinity : t1[i];
    var lo = Infinity, hi = -1;
    for (var e = EO[i]; e < EO[i + 1]; e++) { lo = Math.min(lo, ELO[e]); hi = Math.max(hi, EHI[e]); }
    R0[i] = radius(hi < 0 ? -1 : lo); R1[i] = radius(hi);
    var la = Math.max(-85.05, Math.min(85.05, LAT[i])) * Math.PI / 180;
    MX[i] = (LON[i] + 180) / 360;
    MY[i] = (1 - Math.log(Math.tan(la) + 1 / Math.cos(la)) / Math.PI) / 2;
    var key = Math.round(LAT[i] * 1e4) * 4e6 + Math.round(LON[i] * 1e4), g = groups.get(key);
    if (g === undefined) { g = groups.size; groups.set(key, g); }
    G[i] = g;
  }
  var nGroups = groups.size, GCOUNT = new Int32Array(nGroups), GR = new Float32Array(nGroups);
  var GX = new Float32Array(nGroups), GY = new Float32Array(nGroups);

  // ---- time -----------------------------------------------------------------------------
  var range = D.range || [0, 0], state = { day: range[1], mode: "asof", step: "month" };
  var span = range[1] - range[0];
  state.step = span > 7300 ? "year" : span > 92 ? "month" : "day";
  function iso(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  function fmt(day, p) { var s = iso(day); return p === 2 ? s.slice(0, 4) : p === 1 ? s.slice(0, 7) : s; }
  function parseIso(s) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(s).trim());
    if (!m) throw new Error("not a date: " + s);
    return Math.round(Date.UTC(+m[1], m[2] ? m[2] - 1 : 0, m[3] ? +m[3] : 1) / DAY);
  }
  function spanText(a, b, f) {
    var sp = (f >> 4) & 3, ep = (f >> 6) & 3;
    if (sp === OPEN && ep === OPEN) return "undated";
    if (sp === OPEN) return "until " + fmt(b, ep);
    if (ep === OPEN) return "from " + fmt(a, sp) + " (open end)";
    var x = fmt(a, sp), y = fmt(b, ep);
    return x === y ? x : x + " to " + y;
  }
  function precText(f) {
    var sp = (f >> 4) & 3, ep = (f >> 6) & 3, p = sp === OPEN ? ep : sp;
    return p === OPEN ? "" : "known to the " + PREC[Math.max(p, ep === OPEN ? p : ep)];
  }
  function shift(day, step, k) {
    if (step === "day") return day + k;
    var d = new Date(day * DAY), y = d.getUTCFullYear(), m = d.getUTCMonth();
    if (step === "year") y += k; else m += k;
    var last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return Math.round(Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY);
  }
  function windowOf(day) {
    if (state.step === "day") return [day, day];
    var d = new Date(day * DAY), y = d.getUTCFullYear(), m = state.step === "year" ? 0 : d.getUTCMonth();
    var end = state.step === "year" ? Date.UTC(y, 11, 31) : Date.UTC(y, m + 1, 0);
    return [Math.round(Date.UTC(y, m, 1) / DAY), Math.round(end / DAY)];
  }
  // 0 hidden, 1 active, 2 ended before the date ("as of" mode, drawn grey)
  function status(a, b) {
    if (state.mode === "window") { var w = windowOf(state.day); return a <= w[1] && b >= w[0] ? 1 : 0; }
    return a > state.day ? 0 : b < state.day ? 2 : 1;
  }
  var VIS = new Uint8Array(n), catOn = D.cats.map(function () { return true; }), visible = 0;
  function computeVisible() {
    visible = 0;
    for (var k = 0; k < n; k++) { var v = catOn[C[k]] ? status(T0[k], T1[k]) : 0; VIS[k] = v; if (v) visible++; }
  }

  // ---- canvas layers (presence and heat) -------------------------------------------------
  // A canvas over the map, redrawn when a move ends. ``pad`` (a share of the map's size on
  // every side) keeps markers in view while the map is dragged, before the redraw.
  var CanvasLayer = L.Layer.extend({
    initialize: function (pane, draw, pad) { this._pane = pane; this._drawFn = draw; this._pad = pad || 0; },
    onAdd: function (m) {
      this._c = L.DomUtil.create("canvas", "geo-canvas leaflet-zoom-hide", m.getPane(this._pane));
      m.on("moveend resize viewreset", this.redraw, this); this.redraw();
    },
    onRemove: function (m) { L.DomUtil.remove(this._c); m.off("moveend resize viewreset", this.redraw, this); },
    redraw: function () {
      if (!this._map) return;
      var c = this._c, size = map.getSize(), r = window.devicePixelRatio || 1;
      var px = Math.round(size.x * this._pad), py = Math.round(size.y * this._pad), w = size.x + 2 * px, h = size.y + 2 * py;
      L.DomUtil.setPosition(c, map.containerPointToLayerPoint([-px, -py]));
      c.width = w * r; c.height = h * r; c.style.width = w + "px"; c.style.height = h + "px";
      var ctx = c.getContext("2d"); ctx.setTransform(r, 0, 0, r, 0, 0);
      var scale = 256 * Math.pow(2, map.getZoom()), o = map.getPixelBounds().min;
      this._drawFn(ctx, L.point(w, h), scale, o.x - px, o.y - py);
    }
  });
  function pane(name, z) { var p = map.createPane(name); p.style.zIndex = z; return name; }
  pane("geoBase", 150); pane("geoRegions", 390); pane("geoHeat", 420); pane("geoPresence", 450);

  function circle(ctx, x, y, r) { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); }
  // Markers are stamped from small pre-drawn sprites, blended pixel by pixel into one
  // ImageData: a software canvas takes about 5 microseconds per drawImage (and more per arc),
  // which 100,000 markers turn into half a second per step of the time control.
  var sprites = new Map(), DPR = window.devicePixelRatio || 1;
  function sprite(kind, colr, r0, r1) {
    var key = kind + colr + r0 + "/" + r1, sp = sprites.get(key);
    if (sp) return sp;
    var R = kind === "region" ? r1 + 17 : kind === "halo" ? r1 + 8 : r1 + 2, size = Math.ceil(2 * R * DPR);
    var cv = document.createElement("canvas"); cv.width = cv.height = size;
    var x = cv.getContext("2d"), m = size / 2 / DPR; x.scale(DPR, DPR); x.beginPath();
    if (kind === "halo") { circle(x, m, m, r1 + 7); x.globalAlpha = 0.2; x.fillStyle = colr; x.fill(); }
    else if (kind === "region") { x.setLineDash([4, 3]); circle(x, m, m, r1 + 16); x.globalAlpha = 0.8; x.strokeStyle = colr; x.stroke(); }
    else {
      if (r1 > r0) { x.lineWidth = 2; circle(x, m, m, r1); x.strokeStyle = colr; x.stroke(); x.beginPath(); x.lineWidth = 1; }
      var ended = kind === "ended";  // ended: grey, ringed in its colour so the status still reads
      circle(x, m, m, r0); x.globalAlpha = ended ? 0.85 : 0.9; x.fillStyle = ended ? "#bdbdbd" : colr; x.fill();
      x.globalAlpha = 1; x.lineWidth = ended ? 1.5 : 1; x.strokeStyle = ended ? colr : "#fff"; x.stroke();
    }
    var px = x.getImageData(0, 0, size, size).data, idx = [];
    for (var k = 0; k < size * size; k++) if (px[k * 4 + 3]) idx.push(k);  // only the pixels that show
    var opaque = Uint8Array.from(idx, function (k) { return px[k * 4 + 3] === 255 ? 1 : 0; });
    sp = { w: size, px: px, u32: new Uint32Array(px.buffer), idx: Int32Array.from(idx), opaque: opaque, ow: 0, off: null };
    sprites.set(key, sp); return sp;
  }
  var DENSE = 20000, SPR = [new Array(n), new Array(n), new Array(n), new Array(n)], GLAST = new Array(nGroups);
  function q(r) { return Math.round(r * 2) / 2; }
  var OUT = null, OUT32 = null, OW = 0, OH = 0;  // the ImageData being drawn and its size in device pixels
  function stamp(ctx, sp, x, y) {
    var w = sp.w, s = sp.px, su = sp.u32, idx = sp.idx, d = OUT, du = OUT32, n2 = idx.length;
    var x0 = Math.round(x * DPR - w / 2), y0 = Math.round(y * DPR - w / 2), base = y0 * OW + x0;
    if (x0 < 0 || y0 < 0 || x0 + w > OW || y0 + w > OH) return stampClipped(sp, x0, y0);
    if (sp.ow !== OW) {  // pixel offsets inside the output, for this canvas width
      sp.off = new Int32Array(n2); sp.ow = OW;
      for (var m = 0; m < n2; m++) { var r = (idx[m] / w) | 0; sp.off[m] = r * OW + idx[m] - r * w; }
    }
    var off = sp.off, opaque = sp.opaque;
    for (var k = 0; k < n2; k++) {
      var p = base + off[k], q = idx[k];
      if (opaque[k] || !d[p * 4 + 3]) du[p] = su[q]; else blend(s, q * 4, d, p * 4);
    }
  }
  function stampClipped(sp, x0, y0) {
    var w = sp.w, idx = sp.idx;
    for (var m = 0; m < idx.length; m++) {
      var q = idx[m], r = (q / w) | 0, tx = x0 + q - r * w, ty = y0 + r;
      if (tx < 0 || ty < 0 || tx >= OW || ty >= OH) continue;
      var p = ty * OW + tx;
      if (sp.opaque[m] || !OUT[p * 4 + 3]) OUT32[p] = sp.u32[q]; else blend(sp.px, q * 4, OUT, p * 4);
    }
  }
  function blend(s, si, d, di) {  // "source over" with straight alpha, as ImageData holds it
    var sa = s[si + 3] / 255, da = d[di + 3] / 255 * (1 - sa), oa = sa + da;
    d[di] = (s[si] * sa + d[di] * da) / oa; d[di + 1] = (s[si + 1] * sa + d[di + 1] * da) / oa;
    d[di + 2] = (s[si + 2] * sa + d[di + 2] * da) / oa; d[di + 3] = oa * 255;
  }
  function drawPresence(ctx, size, scale, ox, oy) {
    var X = new Float32Array(n), Y = new Float32Array(n), on = [], k, g, j;
    GCOUNT.fill(0); GR.fill(0); GLAST.fill(null);
    OW = ctx.canvas.width; OH = ctx.canvas.height;
    var img = OW && OH ? ctx.createImageData(OW, OH) : null;
    if (!img) return;
    OUT = img.data; OUT32 = new Uint32Array(OUT.buffer);
    for (k = 0; k < n; k++) {
      if (!VIS[k]) continue;
      var x = MX[k] * scale - ox, y = MY[k] * scale - oy;
      if (x < -40 || y < -40 || x > size.x + 40 || y > size.y + 40) continue;
      X[k] = x; Y[k] = y; on.push(k);
      g = G[k]; GCOUNT[g]++; GX[g] = x; GY[g] = y; GR[g] = Math.max(GR[g], R1[k]);
    }
    // Past DENSE markers on screen, sizes and halos are unreadable anyway: small dots in the
    // status colour keep every record visible and each time step quick.
    var dense = on.length > DENSE;
    for (j = 0; j < on.length && !dense; j++) {  // location precision: a halo for "near", a dashed ring for "region"
      k = on[j]; var p = F[k] & 3;
      if (p) stamp(ctx, sprite(p === 1 ? "halo" : "region", VIS[k] === 2 ? GREY : D.colors[C[k]], 0, q(R1[k])), X[k], Y[k]);
    }
    for (var pass = 2; pass > 0; pass--) {  // ended records first, underneath
      for (j = 0; j < on.length; j++) {
        k = on[j];
        if (VIS[k] !== pass) continue;
        var cache = SPR[(pass === 2 ? 2 : 0) + (dense ? 1 : 0)], sp = cache[k];
        if (!sp) {
          var r0 = dense ? 2.5 : q(R0[k]), r1 = dense ? 2.5 : q(R1[k]);
          sp = cache[k] = pass === 2 ? sprite("ended", D.colors[C[k]], r0, r0) : sprite("dot", D.colors[C[k]], r0, r1);
        }
        g = G[k];
        if (GLAST[g] === sp) continue;  // the same symbol already stamped at this very place
        GLAST[g] = sp; stamp(ctx, sp, X[k], Y[k]);
      }
    }
    ctx.putImageData(img, 0, 0); OUT = OUT32 = null;
    labels(ctx, on, X, Y);
    var many = 0;  // several reports at one place: a count badge (when readable)
    for (g = 0; g < nGroups; g++) if (GCOUNT[g] > 1) many++;
    ctx.font = "bold 10px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
    for (g = 0; g < nGroups && many <= 250; g++) {
      if (GCOUNT[g] < 2) continue;
      var bx = GX[g] + GR[g] * 0.75, by = GY[g] - GR[g] * 0.75, label = GCOUNT[g] > 99 ? "99+" : String(GCOUNT[g]);
      ctx.beginPath(); circle(ctx, bx, by, 8); ctx.fillStyle = "#222"; ctx.fill();
      ctx.fillStyle = "#fff"; ctx.fillText(label, bx, by + 0.5);
    }
  }
  // Place names next to the markers (the offline basemap has none), largest groups first,
  // skipping any that would overlap one already placed. Canvas text is never parsed as HTML.
  var GFIRST = new Int32Array(nGroups), MAX_LABELS = 40;
  for (i = n - 1; i >= 0; i--) GFIRST[G[i]] = i;
  function labels(ctx, on, X, Y) {
    var seen = new Uint8Array(nGroups), cand = [], placed = [], j, g;
    for (j = 0; j < on.length; j++) { g = G[on[j]]; if (!seen[g]) { seen[g] = 1; cand.push(g); } }
    if (cand.length > 2000) return;
    cand.sort(function (a, b) { return GCOUNT[b] - GCOUNT[a] || a - b; });
    ctx.font = "bold 11px sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "middle";
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.fillStyle = "#222";
    cand.forEach(function (g) {
      if (placed.length >= MAX_LABELS) return;
      var text = S[PL[GFIRST[g]]], w = ctx.measureText(text).width, x = GX[g] + GR[g] + (GCOUNT[g] > 1 ? 14 : 5), y = GY[g];
      var box = [x - 2, y - 8, x + w + 2, y + 8];
      for (var p = 0; p < placed.length; p++) {
        var o = placed[p];
        if (box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]) return;
      }
      placed.push(box); ctx.strokeText(text, x, y); ctx.fillText(text, x, y);
    });
    ctx.lineWidth = 1;
  }
  function drawHeat(ctx, size, scale, ox, oy) {
    var w = size.x, h = size.y, rad = 22;
    if (!w || !h) return;
    var blob = document.createElement("canvas"); blob.width = blob.height = rad * 2;
    var b = blob.getContext("2d"), gr = b.createRadialGradient(rad, rad, 0, rad, rad, rad);
    gr.addColorStop(0, "rgba(0,0,0,0.35)"); gr.addColorStop(1, "rgba(0,0,0,0)");
    b.fillStyle = gr; b.fillRect(0, 0, rad * 2, rad * 2);
    var off = document.createElement("canvas"); off.width = w; off.height = h;
    var o = off.getContext("2d");
    for (var k = 0; k < n; k++) {
      if (VIS[k] !== 1) continue;
      var x = MX[k] * scale - ox, y = MY[k] * scale - oy;
      if (x > -rad && y > -rad && x < w + rad && y < h + rad) o.drawImage(blob, x - rad, y - rad);
    }
    var img = o.getImageData(0, 0, w, h), d = img.data;
    for (var p = 3; p < d.length; p += 4) {  // alpha -> yellow..red ramp
      var a = d[p] / 255;
      if (!a) continue;
      d[p - 3] = 255; d[p - 2] = Math.round(230 * (1 - a)); d[p - 1] = 40; d[p] = Math.round(60 + 170 * a);
    }
    ctx.putImageData(img, 0, 0);
  }
  var presenceLayer = new CanvasLayer("geoPresence", drawPresence, 0.2);
  var heatLayer = new CanvasLayer("geoHeat", drawHeat);

  // ---- popups ----------------------------------------------------------------------------
  function sourceLine(si, parent) {
    var s = D.sources[si], li = el("li", null, null, parent);
    el("span", "geo-outlet", s.outlet, li);
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
  function strengthList(parent, ests, recSources) {
    if (!ests.length) { row(parent, "Strength", "no figure reported"); return; }
    var r = el("div", "geo-row", null, parent); el("b", null, "Strength:", r);
    var ul = el("ul", "geo-est", null, r);
    ests.forEach(function (x) {
      var by = x[2] ? outlet(x[2] - 1) : recSources.map(outlet).join("; ");
      el("li", null, fig(x[0], x[1]) + (by ? " \u2014 " + by : "") + (x[3] ? " (" + S[x[3]] + ")" : ""), ul);
    });
  }
  function recordView(i, parent) {
    var d = el("div", "geo-rec", null, parent);
    el("div", "geo-place", S[PL[i]], d);
    row(d, "Dates", spanText(t0[i], t1[i], F[i]) + (precText(F[i]) ? " (" + precText(F[i]) + ")" : ""));
    row(d, "Status", S[ST[i]]); row(d, "Actor", S[AC[i]]);
    row(d, "Location", LOC[F[i] & 3] === "exact" ? "at the place" : LOC[F[i] & 3] === "near" ? "near the place" : "somewhere in the region");
    var srcs = []; for (var s = SO[i]; s < SO[i + 1]; s++) srcs.push(SX[s]);
    var ests = []; for (var e = EO[i]; e < EO[i + 1]; e++) ests.push([ELO[e], EHI[e], ES[e], EN[e]]);
    strengthList(d, ests, srcs);
    row(d, "Confidence", CONF[(F[i] >> 2) & 3]); row(d, "Note", S[NT[i]]);
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
    var items = [i]; for (var k = 0; k < n; k++) if (k !== i && VIS[k] && G[k] === G[i]) items.push(k);
    pagedPopup(items, recordView, [LAT[i], LON[i]]);
    box.dispatchEvent(new CustomEvent("geo:select", { detail: { record: i }, bubbles: true }));
  }
  function hit(pt) {
    var scale = 256 * Math.pow(2, map.getZoom()), o = map.getPixelBounds().min, best = -1, bd = Infinity;
    for (var k = 0; k < n; k++) {
      if (!VIS[k]) continue;
      var dx = MX[k] * scale - o.x - pt.x, dy = MY[k] * scale - o.y - pt.y, d2 = dx * dx + dy * dy, r = R1[k] + 3;
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

  // ---- routes -------------------------------------------------------------------------------
  var MODE_DASH = { overland: null, air: "10 7", sea: "1 7", unknown: "4 4" };
  var routesLayer = L.layerGroup(), routeViews = [];
  function routeView(r, parent) {
    var d = el("div", "geo-rec", null, parent);
    el("div", "geo-place", S[r.actor] + " \u2014 movement", d);
    row(d, "Dates", spanText(r.t0, r.t1, r.f));
    var wl = el("ol", "geo-wp", null, d);
    r.wp.forEach(function (w, k) {
      var how = k ? " (" + D.modes[r.legs[k - 1].m] + ")" : "";
      el("li", null, S[w[2]] + (w[3] !== null ? ", " + fmt(w[3], w[4]) : "") + how, wl);
    });
    strengthList(d, r.est, r.src); row(d, "Confidence", CONF[(r.f >> 2) & 3]); row(d, "Note", S[r.note]);
    if (r.src.length) { var ul = el("ul", "geo-src", null, el("div", "geo-row", null, d)); r.src.forEach(function (x) { sourceLine(x, ul); }); }
  }
  function arrowAt(a, b, colr) {
    var pa = map.project(a, 0), pb = map.project(b, 0), ang = Math.atan2(pb.y - pa.y, pb.x - pa.x) * 180 / Math.PI;
    var tip = el("div", "geo-arrow"); tip.style.transform = "rotate(" + ang.toFixed(1) + "deg)"; tip.style.color = colr;
    return L.marker([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], { icon: L.divIcon({ html: tip, className: "geo-arrow-icon", iconSize: [14, 14] }), interactive: false, keyboard: false });
  }
  function legLen(l) { var a = l.path[0], b = l.path[l.path.length - 1]; return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]); }
  function halfway(path) {
    if (path.length > 2) return path[Math.floor(path.length / 2)];
    return [(path[0][0] + path[1][0]) / 2, (path[0][1] + path[1][1]) / 2];
  }
  var routeLabels = [];
  // A label whose anchor is near or past the edge would show cut off: hide it until in view.
  function placeLabels() {
    var inner = map.getBounds().pad(-0.06);
    routeLabels.forEach(function (t) { var e = t.getElement(); if (e) e.style.visibility = inner.contains(t.getLatLng()) ? "" : "hidden"; });
  }
  map.on("moveend zoomend", placeLabels);
  var stops = 0; D.routes.forEach(function (r) { stops += r.wp.length; });
  var fewStops = stops <= 20;  // dated waypoints keep their label on screen when there are few
  var actorColour = {}, RC = ["#1d3557", "#6a040f", "#386641", "#5a189a", "#7f5539", "#005f73"];
  D.routes.forEach(function (r, ri) {
    var colr = actorColour[r.actor] || (actorColour[r.actor] = RC[Object.keys(actorColour).length % RC.length]);
    var g = L.featureGroup(), pop = function (ev) { pagedPopup([r], routeView, ev.latlng); };
    r.legs.forEach(function (leg) {
      var mode = D.modes[leg.m];
      // a pale solid casing under the styled line: contrast on any basemap, and a click target
      // without the gaps of a dashed or dotted line
      L.polyline(leg.path, { color: "#fff", weight: 7, opacity: 0.7, casing: true }).on("click", pop).addTo(g);
      L.polyline(leg.path, { color: colr, weight: mode === "overland" ? 3 : 2.5, dashArray: MODE_DASH[mode], lineCap: mode === "sea" ? "round" : "butt" }).on("click", pop).addTo(g);
      var mid = Math.floor((leg.path.length - 1) / 2);
      arrowAt(leg.path[mid], leg.path[mid + 1], colr).addTo(g);
    });
    r.wp.forEach(function (w) {
      var tipText = S[w[2]] + (w[3] !== null ? " \u00b7 " + fmt(w[3], w[4]) : "");
      L.circleMarker([w[0], w[1]], { radius: 4, color: colr, weight: 2, fillColor: "#fff", fillOpacity: 1 })
        .bindTooltip(el("span", null, tipText), { direction: "top", offset: [0, -4], permanent: fewStops && w[3] !== null, className: "geo-stop-label" }).on("click", pop).addTo(g);
    });
    // the label sits halfway along the longest leg, clear of the dated waypoints
    var longest = r.legs.reduce(function (a, b) { return b.path.length > a.path.length || (b.path.length === a.path.length && legLen(b) > legLen(a)) ? b : a; }, r.legs[0]);
    var mid = longest ? halfway(longest.path) : [r.wp[0][0], r.wp[0][1]], lbl = S[r.actor] + " \u00b7 " + spanText(r.t0 === null ? 0 : r.t0, r.t1 === null ? 0 : r.t1, r.f);
    var tip = L.tooltip({ permanent: D.routes.length <= 12, direction: "bottom", className: "geo-route-label", offset: [0, 10] })
      .setLatLng([mid[0], mid[1]]).setContent(el("span", null, lbl)).addTo(g);
    routeLabels.push(tip);
    routeViews.push({ r: r, g: g, colr: colr, shown: -1, ri: ri });
  });
  function updateRoutes() {
    routeViews.forEach(function (v) {
      var s = status(v.r.t0 === null ? -Infinity : v.r.t0, v.r.t1 === null ? Infinity : v.r.t1);
      if (s === v.shown) return;
      v.shown = s;
      if (!s) { routesLayer.removeLayer(v.g); return; }
      routesLayer.addLayer(v.g);
      v.g.eachLayer(function (l) { if (l.setStyle && !l.options.casing) l.setStyle({ color: s === 2 ? "#6e6e6e" : v.colr, opacity: s === 2 ? 0.75 : 1 }); });
    });
  }

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
    var z = map.getZoom(), placed = [];
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
    if (D.routes.length) { el("div", "geo-h", "Movements", body); check(body, "Routes (" + D.routes.length + ")", true, function (on) { if (on) routesLayer.addTo(map); else map.removeLayer(routesLayer); }); }
    if (cfg.heat || regions) el("div", "geo-h", "More", body);
    if (cfg.heat) check(body, "Report density (heat)", false, function (on) { if (on) heatLayer.addTo(map); else map.removeLayer(heatLayer); });
    if (regions) check(body, "Regions", false, function (on) { if (on) regions.addTo(map); else map.removeLayer(regions); });
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

  var tc = el("div", "geo-time", null, box), dateBig = el("div", "geo-date", "", tc);
  L.DomEvent.disableClickPropagation(tc); L.DomEvent.disableScrollPropagation(tc);
  var bar = el("div", "geo-bar", null, tc);
  function btn(label, title, fn) { var b = el("button", null, label, bar); b.type = "button"; b.title = title; L.DomEvent.on(b, "click", fn); return b; }
  var playing = null;
  btn("\u00AB", "step back", function () { setDay(shift(state.day, state.step, -1)); });
  var play = btn("\u25B6", "play", function () { togglePlay(); });
  btn("\u00BB", "step forward", function () { setDay(shift(state.day, state.step, 1)); });
  var slider = el("input", "geo-slider", null, bar);
  slider.type = "range"; slider.min = range[0]; slider.max = range[1]; slider.step = 1; slider.value = state.day;
  slider.setAttribute("aria-label", "date");
  L.DomEvent.on(slider, "input", function () { setDay(+slider.value); });
  function select(opts, value, fn, label) {
    var s = el("select", null, null, bar); s.setAttribute("aria-label", label);
    opts.forEach(function (o) { var op = el("option", null, o[1], s); op.value = o[0]; }); s.value = value;
    L.DomEvent.on(s, "change", function () { fn(s.value); }); return s;
  }
  var stepSel = select([["day", "day"], ["month", "month"], ["year", "year"]], state.step, function (v) { state.step = v; refresh(); }, "step");
  var modeSel = select([["asof", "as of this date"], ["window", "within this window"]], state.mode, function (v) { setMode(v); }, "mode");
  function togglePlay() {
    if (playing) { clearInterval(playing); playing = null; play.textContent = "\u25B6"; play.title = "play"; return; }
    if (state.day >= range[1]) setDay(range[0]);
    play.textContent = "\u2016"; play.title = "pause";
    playing = setInterval(function () { if (state.day >= range[1]) togglePlay(); else setDay(shift(state.day, state.step, 1)); }, 800);
  }
  function label() {
    if (state.mode === "asof") return "as of " + iso(state.day);
    var w = windowOf(state.day);
    return state.step === "year" ? fmt(w[0], 2) : state.step === "month" ? fmt(w[0], 1) : iso(w[0]);
  }
  function refresh() {
    computeVisible(); presenceLayer.redraw(); heatLayer.redraw(); updateRoutes(); placeLabels();
    dateBig.textContent = label(); slider.value = state.day; stepSel.value = state.step; modeSel.value = state.mode;
  }
  function setDay(d) { state.day = Math.max(range[0], Math.min(range[1], Math.round(d))); refresh(); }
  function setMode(m) { if (m !== "asof" && m !== "window") throw new Error("mode must be asof or window"); state.mode = m; refresh(); }
  if (!D.range) tc.style.display = "none";

  // Small maps (an embed, a slide) fold the legend and the layer list and use smaller type;
  // the panels never grow taller than the map.
  function fit() {
    var h = box.clientHeight;
    root.classList.toggle("geo-small", h < 560);
    Array.prototype.forEach.call(box.querySelectorAll(".geo-layers-body, .geo-legend-body"), function (b) { b.style.maxHeight = Math.max(80, h - 230) + "px"; });
  }
  fit();
  if (box.clientHeight < 560) Array.prototype.forEach.call(box.querySelectorAll(".geo-legend, .geo-layers"), function (c) { c.classList.add("geo-collapsed"); });
  map.on("resize", fit);
  // Leaflet's own resize tracking is off (it leaves an expando on window, a global an
  // embedded map must not add); a plain listener does the same.
  window.addEventListener("resize", function () { map.invalidateSize(); });

  // ---- start -------------------------------------------------------------------------------
  if (bases.length > 1) bases[1][1].addTo(map);
  routesLayer.addTo(map); presenceLayer.addTo(map);
  var home = D.focus || D.bounds;  // the view most records share; far outliers stay reachable
  if (home) map.fitBounds(home, { paddingTopLeft: [250, 100], paddingBottomRight: [190, 110], maxZoom: 9, animate: false });
  refresh();
  var tiles = bases.length > 1 ? bases[1][1] : null;
  var api = {
    map: map, element: box, range: D.range ? { min: iso(range[0]), max: iso(range[1]) } : null,
    setDate: function (s) { setDay(parseIso(s)); }, setMode: setMode,
    setStep: function (s) { state.step = s; refresh(); },
    fitBounds: function (b) { map.fitBounds(b, { animate: false }); },
    flyToRecord: function (k) { map.setView([LAT[k], LON[k]], Math.max(map.getZoom(), 8), { animate: false }); openRecord(k); },
    visibleCount: function () { return visible; }
  };
  api.ready = new Promise(function (resolve) {
    var done = function () { requestAnimationFrame(function () { if (!root.dataset.geoReady) { root.dataset.geoReady = "1"; } resolve(true); }); };
    if (!tiles || tiles._loading === false) { done(); return; }
    var timer = setTimeout(done, 8000); tiles.once("load", function () { clearTimeout(timer); done(); });
  });
  window.geoMaps = window.geoMaps || {};
  window.geoMaps[cfg.id] = api;
  if (!window.geoMap) { window.geoMap = api; api.ready.then(function () { document.documentElement.dataset.geoReady = "1"; }); }
  return api;
}
