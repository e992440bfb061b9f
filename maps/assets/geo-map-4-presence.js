/* geo map, part 4: ``geo.presenceLayer``: presence markers stamped from sprites, count
   badges and place names, on one canvas. */
geo.presenceLayer = function (rec, vis, colors) {
  var n = rec.n, nGroups = rec.nGroups, F = rec.F, C = rec.C, G = rec.G, R0 = rec.R0, R1 = rec.R1, circle = geo.circle;
  var GCOUNT = new Int32Array(nGroups), GR = new Float32Array(nGroups), GX = new Float32Array(nGroups), GY = new Float32Array(nGroups);
  // Markers are stamped from small pre-drawn sprites, blended pixel by pixel into one
  // ImageData: a software canvas takes about 5 microseconds per drawImage (and more per arc),
  // which 100,000 markers turn into half a second per step of the time control.
  var sprites = new Map(), DPR = window.devicePixelRatio || 1;
  function sprite(kind, colr, r0, r1) {
    var key = kind + colr + r0 + "/" + r1, sp = sprites.get(key);
    if (sp) return sp;
    if (kind === "tiny" || kind === "tinyended") return tiny(key, kind === "tiny" ? colr : "#bdbdbd");
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
    sp = { w: size, px: px, u32: new Uint32Array(px.buffer), idx: Int32Array.from(idx), opaque: opaque, ow: 0, off: null, serial: sprites.size + 1 };
    sprites.set(key, sp); return sp;
  }
  // The dot of a dense map: a hard-edged disc 5 device pixels wide, every pixel opaque, so
  // stamping it is a copy with no blending.
  function tiny(key, colr) {
    var w = 5, px = new Uint8ClampedArray(w * w * 4), idx = [], v = parseInt(colr.slice(1), 16);
    for (var y = 0; y < w; y++) for (var x = 0; x < w; x++) {
      var dx = x - 2, dy = y - 2;
      if (dx * dx + dy * dy > 5) continue;
      var o = (y * w + x) * 4; px[o] = v >> 16; px[o + 1] = (v >> 8) & 255; px[o + 2] = v & 255; px[o + 3] = 255; idx.push(y * w + x);
    }
    var sp = { w: w, px: px, u32: new Uint32Array(px.buffer), idx: Int32Array.from(idx), opaque: new Uint8Array(idx.length).fill(1), ow: 0, off: null, serial: sprites.size + 1 };
    sprites.set(key, sp); return sp;
  }
  var DENSE = 6000, SPR = [new Array(n), new Array(n)], GLAST = new Array(nGroups), ON = new Int32Array(n);
  function q(r) { return Math.round(r * 2) / 2; }
  var OUT = null, OUT32 = null, OW = 0, OH = 0;  // the ImageData being drawn and its size in device pixels
  function stamp(sp, x, y) {
    var w = sp.w, s = sp.px, su = sp.u32, idx = sp.idx, d = OUT, du = OUT32, n2 = idx.length;
    var x0 = Math.round(x * DPR - w / 2), y0 = Math.round(y * DPR - w / 2), base = y0 * OW + x0;
    if (x0 < 0 || y0 < 0 || x0 + w > OW || y0 + w > OH) return stampClipped(sp, x0, y0);
    if (sp.ow !== OW) {  // pixel offsets inside the output, for this canvas width
      sp.off = new Int32Array(n2); sp.ow = OW;
      for (var m = 0; m < n2; m++) { var r = (idx[m] / w) | 0; sp.off[m] = r * OW + idx[m] - r * w; }
    }
    var off = sp.off, opaque = sp.opaque;
    for (var k = 0; k < n2; k++) {
      var p = base + off[k], qk = idx[k];
      if (opaque[k] || !d[p * 4 + 3]) du[p] = su[qk]; else blend(s, qk * 4, d, p * 4);
    }
  }
  function stampClipped(sp, x0, y0) {
    var w = sp.w, idx = sp.idx;
    for (var m = 0; m < idx.length; m++) {
      var qm = idx[m], r = (qm / w) | 0, tx = x0 + qm - r * w, ty = y0 + r;
      if (tx < 0 || ty < 0 || tx >= OW || ty >= OH) continue;
      var p = ty * OW + tx;
      if (sp.opaque[m] || !OUT[p * 4 + 3]) OUT32[p] = sp.u32[qm]; else blend(sp.px, qm * 4, OUT, p * 4);
    }
  }
  function blend(s, si, d, di) {  // "source over" with straight alpha, as ImageData holds it
    var sa = s[si + 3] / 255, da = d[di + 3] / 255 * (1 - sa), oa = sa + da;
    d[di] = (s[si] * sa + d[di] * da) / oa; d[di + 1] = (s[si + 1] * sa + d[di + 1] * da) / oa;
    d[di + 2] = (s[si + 2] * sa + d[di + 2] * da) / oa; d[di + 3] = oa * 255;
  }
  // Screen positions of the distinct positions, kept while the view stays (a time step
  // moves no point); the ImageData and the last-stamp grid are kept while the size stays.
  var np = rec.MX.length, PX = new Float32Array(np), PY = new Float32Array(np), viewKey = "", IMG = null, LASTAT = null;
  function draw(ctx, size, scale, ox, oy, padX, padY) {
    var VIS = vis.VIS, LIST = vis.LIST, PI = rec.PI, k, g, j, p;
    var key = scale + "/" + ox + "/" + oy;
    if (key !== viewKey) { for (p = 0; p < np; p++) { PX[p] = rec.MX[p] * scale - ox; PY[p] = rec.MY[p] * scale - oy; } viewKey = key; }
    GCOUNT.fill(0); GR.fill(0); GLAST.fill(null);
    OW = ctx.canvas.width; OH = ctx.canvas.height;
    if (!OW || !OH) return;
    if (!IMG || IMG.width !== OW || IMG.height !== OH) { IMG = ctx.createImageData(OW, OH); LASTAT = new Int32Array(OW * OH); }
    else { new Uint32Array(IMG.data.buffer).fill(0); LASTAT.fill(0); }
    OUT = IMG.data; OUT32 = new Uint32Array(OUT.buffer);
    var on = ON, m = 0, sx = size.x + 40, sy = size.y + 40;
    for (j = 0; j < vis.shown; j++) {
      k = LIST[j]; p = PI[k];
      var x = PX[p], y = PY[p];
      if (x < -40 || y < -40 || x > sx || y > sy) continue;
      on[m++] = k;
      g = G[k]; GCOUNT[g]++; GX[g] = x; GY[g] = y; if (R1[k] > GR[g]) GR[g] = R1[k];
    }
    // Past DENSE markers on screen, sizes and halos are unreadable anyway: small opaque
    // dots in the status colour keep every record visible and each time step quick.
    var dense = m > DENSE;
    for (j = 0; j < m && !dense; j++) {  // location precision: a halo for "near", a dashed ring for "region"
      k = on[j]; var pr = F[k] & 3;
      if (pr) stamp(sprite(pr === 1 ? "halo" : "region", VIS[k] === 2 ? geo.GREY : colors[C[k]], 0, q(R1[k])), PX[PI[k]], PY[PI[k]]);
    }
    if (dense) denseDots(on, m);
    for (var pass = 2; pass > 0 && !dense; pass--) {  // ended records first, underneath
      for (j = 0; j < m; j++) {
        k = on[j];
        if (VIS[k] !== pass) continue;
        var cache = SPR[pass === 2 ? 1 : 0], sp = cache[k];
        if (!sp) sp = cache[k] = pass === 2 ? sprite("ended", colors[C[k]], q(R0[k]), q(R0[k])) : sprite("dot", colors[C[k]], q(R0[k]), q(R1[k]));
        g = G[k];
        if (GLAST[g] === sp) continue;  // the same symbol already stamped at this very place
        GLAST[g] = sp;
        var px = PX[PI[k]], py = PY[PI[k]], cell = (Math.round(py * DPR) * OW + Math.round(px * DPR)) | 0;
        if (cell >= 0 && cell < LASTAT.length) { if (LASTAT[cell] === sp.serial) continue; LASTAT[cell] = sp.serial; }
        stamp(sp, px, py);
      }
    }
    ctx.putImageData(IMG, 0, 0); OUT = OUT32 = null;
    labels(ctx, on, m, padX, padY);
    var many = 0;  // several reports at one place: a count badge (when readable)
    for (g = 0; g < nGroups; g++) if (GCOUNT[g] > 1) many++;
    ctx.font = "bold 10px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
    for (g = 0; g < nGroups && many <= 250; g++) {
      if (GCOUNT[g] < 2) continue;
      var bx = GX[g] + GR[g] * 0.75, by = GY[g] - GR[g] * 0.75, label = GCOUNT[g] > 99 ? "99+" : String(GCOUNT[g]);
      ctx.beginPath(); circle(ctx, bx, by, 8); ctx.fillStyle = "#222"; ctx.fill();
      boxes.push([bx - 9 - padX, by - 9 - padY, bx + 9 - padX, by + 9 - padY]);  // route labels keep off the badge too
      ctx.fillStyle = "#fff"; ctx.fillText(label, bx, by + 0.5);
    }
  }
  // Dense maps: the dots are all one opaque shape, so at each position only the last record
  // drawn shows: the last ended one (grey), covered by the last active one when there is
  // one. One stamp per position, however many records share it.
  var LASTE = new Int32Array(np), LASTA = new Int32Array(np), TINY = colors.map(function (c) { return sprite("tiny", c, 0, 0); });
  function denseDots(on, m) {
    var VIS = vis.VIS, PI = rec.PI, j, k, p, grey = sprite("tinyended", "#bdbdbd", 0, 0);
    LASTE.fill(-1); LASTA.fill(-1);
    for (j = 0; j < m; j++) { k = on[j]; if (VIS[k] === 2) LASTE[PI[k]] = k; else LASTA[PI[k]] = k; }
    for (p = 0; p < np; p++) if (LASTE[p] >= 0 && LASTA[p] < 0) stamp(grey, PX[p], PY[p]);
    for (p = 0; p < np; p++) if (LASTA[p] >= 0) stamp(TINY[C[LASTA[p]]], PX[p], PY[p]);
  }
  // Place names next to the markers (the offline basemap has none), largest groups first,
  // skipping any that would overlap one already placed. Canvas text is never parsed as HTML.
  // ``boxes`` (container pixels) of the markers and names drawn: route and waypoint labels
  // keep clear of them.
  var MAX_LABELS = 40, boxes = [];
  function labels(ctx, on, m, sx, sy) {
    var seen = new Uint8Array(nGroups), cand = [], placed = [], j, g;
    for (j = 0; j < m; j++) { g = G[on[j]]; if (!seen[g]) { seen[g] = 1; cand.push(g); } }
    boxes = [];
    if (cand.length > 2000) return;
    cand.forEach(function (g) { var r = GR[g] + 2; boxes.push([GX[g] - r - sx, GY[g] - r - sy, GX[g] + r - sx, GY[g] + r - sy]); });
    cand.sort(function (a, b) { return GCOUNT[b] - GCOUNT[a] || a - b; });
    ctx.font = "bold 11px sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "middle";
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.fillStyle = "#222";
    cand.forEach(function (g) {
      if (placed.length >= MAX_LABELS) return;
      var text = rec.place(rec.GFIRST[g]), w = ctx.measureText(text).width, x = GX[g] + GR[g] + (GCOUNT[g] > 1 ? 14 : 5), y = GY[g];
      var b = [x - 2, y - 8, x + w + 2, y + 8];
      if (geo.hitsAny(b, placed)) return;
      placed.push(b); ctx.strokeText(text, x, y); ctx.fillText(text, x, y);
      boxes.push([b[0] - sx, b[1] - sy, b[2] - sx, b[3] - sy]);
    });
    ctx.lineWidth = 1;
  }
  var layer = new geo.CanvasLayer("geoPresence", draw, 0.2);
  layer.boxes = function () { return boxes; };
  return layer;
};
