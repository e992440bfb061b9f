/* geo map, part 1: shared helpers on the page's namespace ``geo`` (maps/build.py declares it;
   every part only adds to it), and ``geo.decode``: the map's data decoded once into typed
   columns, marker sizes and places grouped by position. */
geo.DAY = 86400000;
geo.OPEN = 3;  // the date-precision code of an open end
geo.PREC = ["day", "month", "year"];
geo.CONF = ["confirmed", "reported", "claimed"];
geo.LOC = ["exact", "near", "region"];
geo.GREY = "#9a9a9a";

// An element with a class and text. Text goes in as textContent, never parsed as HTML.
geo.el = function (tag, cls, text, parent) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (parent) parent.appendChild(e);
  return e;
};

// An SVG element with attributes (for patterns and legend swatches).
geo.svg = function (tag, attrs, parent) {
  var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
  if (parent) parent.appendChild(e);
  return e;
};

// The one rectangle test of every label placement: boxes are [left, top, right, bottom].
geo.overlaps = function (a, b) { return a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1]; };
geo.hitsAny = function (b, list) {
  for (var k = 0; k < list.length; k++) if (geo.overlaps(b, list[k])) return true;
  return false;
};
// The boxes (container pixels, with a margin) of the panels over the map: labels keep clear.
geo.controlBoxes = function (box) {
  var base = box.getBoundingClientRect(), out = [];
  Array.prototype.forEach.call(box.querySelectorAll(".geo-box, .geo-time, .leaflet-control"), function (c) {
    var r = c.getBoundingClientRect();
    if (r.width && r.height) out.push([r.left - base.left - 4, r.top - base.top - 4, r.right - base.left + 4, r.bottom - base.top + 4]);
  });
  return out;
};
// The marker radius (px) of a strength figure; -1 means "no figure".
geo.radius = function (s) { return s < 0 ? 5 : 5 + 2.6 * Math.log10(1 + s / 10); };
// The marker radius (px) of a fatality count (markers of records without a strength).
geo.fatalRadius = function (f) { return 5 + 2.4 * Math.log10(1 + f); };
// Admiralty (NATO) grades: source reliability A..F, information credibility 1..6.
geo.REL = ["", "A", "B", "C", "D", "E", "F"];
geo.REL_TEXT = ["", "completely reliable", "usually reliable", "fairly reliable", "not usually reliable", "unreliable", "reliability cannot be judged"];
geo.CRED_TEXT = ["", "confirmed", "probably true", "possibly true", "doubtful", "improbable", "truth cannot be judged"];

// A column of the payload (see maps/columns.py): a typed array, or one repeated value.
geo.column = function (c) {
  if (c.t === "k") { var a = new Int32Array(c.n); a.fill(c.v); return a; }
  var raw = atob(c.b), bytes = new Uint8Array(raw.length);
  for (var j = 0; j < raw.length; j++) bytes[j] = raw.charCodeAt(j);
  var T = { u1: Uint8Array, u2: Uint16Array, i2: Int16Array, i4: Int32Array, f4: Float32Array }[c.t];
  return new T(bytes.buffer, 0, bytes.length / T.BYTES_PER_ELEMENT);
};

// The presence columns of the payload (see maps/data.py) as typed arrays, plus what every
// draw needs: open ends as infinities, radii, Web Mercator positions (one per distinct
// position), place groups, and the records in order of their first day.
geo.decode = function (D) {
  var P = D.presence, n = P.n, OPEN = geo.OPEN, col = geo.column, k, i, e;
  function prefix(a) { var o = new Int32Array(n + 1); for (var j = 0; j < n; j++) o[j + 1] = o[j] + a[j]; return o; }
  var PLAT = col(P.plat), PLON = col(P.plon), np = PLAT.length, T = D.tables;
  var r = {
    n: n, S: D.strings, T: T, PI: col(P.pi), PPL: col(P.pl), F: col(P.f), C: col(P.c), ST: col(P.st), AC: col(P.ac), A2: col(P.a2),
    ET: col(P.et), CR: col(P.cr), NT: col(P.nt), SX: col(P.sx), ELO: col(P.lo), EHI: Int32Array.from(col(P.hi)), ES: col(P.es), EN: col(P.en),
    FLO: col(P.fl), FHI: Int32Array.from(col(P.fh)), FS: col(P.fs), FN: col(P.fn),
    SO: prefix(col(P.ns)), EO: prefix(col(P.ne)), FO: prefix(col(P.nf)), t0: col(P.t0), t1: new Int32Array(n),
    T0: new Float64Array(n), T1: new Float64Array(n), R0: new Float32Array(n), R1: new Float32Array(n), RL: new Uint8Array(n),
    PLA: new Float64Array(np), PLO: new Float64Array(np), MX: new Float64Array(np), MY: new Float64Array(np), PG: new Int32Array(np), G: new Int32Array(n)
  };
  var groups = new Map();
  for (k = 0; k < np; k++) {
    var lat = r.PLA[k] = PLAT[k] / 1e5, lon = r.PLO[k] = PLON[k] / 1e5;
    var la = Math.max(-85.05, Math.min(85.05, lat)) * Math.PI / 180;
    r.MX[k] = (lon + 180) / 360;
    r.MY[k] = (1 - Math.log(Math.tan(la) + 1 / Math.cos(la)) / Math.PI) / 2;
    var key = Math.round(lat * 1e4) * 4e6 + Math.round(lon * 1e4), g = groups.get(key);
    if (g === undefined) { g = groups.size; groups.set(key, g); }
    r.PG[k] = g;
  }
  var DT = col(P.dt), rel = D.sources.map(function (s) { return Math.max(0, geo.REL.indexOf(s.rel || "")); });
  for (i = 0; i < n; i++) {
    var f = r.F[i], sp = (f >> 4) & 3, ep = (f >> 6) & 3;
    r.t1[i] = r.t0[i] + DT[i];
    r.T0[i] = sp === OPEN ? -Infinity : r.t0[i];
    r.T1[i] = ep === OPEN ? Infinity : r.t1[i];
    var lo = Infinity, hi = -1;
    for (e = r.EO[i]; e < r.EO[i + 1]; e++) { r.EHI[e] += r.ELO[e]; lo = Math.min(lo, r.ELO[e]); hi = Math.max(hi, r.EHI[e]); }
    if (hi >= 0) { r.R0[i] = geo.radius(lo); r.R1[i] = geo.radius(hi); }
    else {  // no strength: the fatalities, when reported, size the marker
      var fl = Infinity, fh = -1;
      for (e = r.FO[i]; e < r.FO[i + 1]; e++) { r.FHI[e] += r.FLO[e]; fl = Math.min(fl, r.FLO[e]); fh = Math.max(fh, r.FHI[e]); }
      r.R0[i] = fh < 0 ? geo.radius(-1) : geo.fatalRadius(fl); r.R1[i] = fh < 0 ? r.R0[i] : geo.fatalRadius(fh);
    }
    var best = 0;  // the best reliability among the record's sources (1 = A), 0 when none graded
    for (e = r.SO[i]; e < r.SO[i + 1]; e++) { var g2 = rel[r.SX[e]]; if (g2 && (!best || g2 < best)) best = g2; }
    r.RL[i] = best;
    r.G[i] = r.PG[r.PI[i]];
  }
  r.LAT = function (i) { return r.PLA[r.PI[i]]; };
  r.LON = function (i) { return r.PLO[r.PI[i]]; };
  r.place = function (i) { return T.place[r.PPL[r.PI[i]]]; };
  r.nGroups = groups.size;
  r.GFIRST = new Int32Array(r.nGroups);  // the first record of each place: its name
  for (i = n - 1; i >= 0; i--) r.GFIRST[r.G[i]] = i;
  // ORDER: the records by first day (open starts first), then by index; SORTED: their days.
  r.ORDER = new Int32Array(n); r.SORTED = new Float64Array(n);
  if (n < 2097152) {
    var keys = new Float64Array(n);
    for (i = 0; i < n; i++) keys[i] = (r.T0[i] === -Infinity ? 0 : r.t0[i] + 4194304) * 2097152 + i;
    keys.sort();
    for (i = 0; i < n; i++) r.ORDER[i] = keys[i] % 2097152;
  } else {
    var idx = Array.from({ length: n }, function (_, j) { return j; });
    idx.sort(function (a, b) { return r.T0[a] - r.T0[b] || a - b; });
    r.ORDER.set(idx);
  }
  for (i = 0; i < n; i++) r.SORTED[i] = r.T0[r.ORDER[i]];
  return r;
};
// The number of sorted days ``a`` that are <= ``day``.
geo.upTo = function (a, day) {
  var lo = 0, hi = a.length;
  while (lo < hi) { var mid = (lo + hi) >> 1; if (a[mid] <= day) lo = mid + 1; else hi = mid; }
  return lo;
};
