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

// The presence columns of the payload (see maps/data.py) as typed arrays, plus what every
// draw needs: open ends as infinities, radii, Web Mercator positions, place groups.
geo.decode = function (D) {
  var P = D.presence, n = P.n, OPEN = geo.OPEN, k, i;
  function col(c) {
    var raw = atob(c.b), bytes = new Uint8Array(raw.length);
    for (var j = 0; j < raw.length; j++) bytes[j] = raw.charCodeAt(j);
    var T = { u1: Uint8Array, u2: Uint16Array, i4: Int32Array, f4: Float32Array }[c.t];
    return new T(bytes.buffer, 0, bytes.length / T.BYTES_PER_ELEMENT);
  }
  function prefix(a) { var o = new Int32Array(n + 1); for (var j = 0; j < n; j++) o[j + 1] = o[j] + a[j]; return o; }
  var PI = col(P.pi), PLAT = col(P.plat), PLON = col(P.plon), LAT = new Float32Array(n), LON = new Float32Array(n);
  for (k = 0; k < n; k++) { LAT[k] = PLAT[PI[k]]; LON[k] = PLON[PI[k]]; }
  var r = {
    n: n, S: D.strings, LAT: LAT, LON: LON, F: col(P.f), C: col(P.c), ST: col(P.st), AC: col(P.ac),
    PL: col(P.pl), NT: col(P.nt), SX: col(P.sx), ELO: col(P.lo), EHI: col(P.hi), ES: col(P.es), EN: col(P.en),
    SO: prefix(col(P.ns)), EO: prefix(col(P.ne)), t0: col(P.t0), t1: col(P.t1),
    T0: new Float64Array(n), T1: new Float64Array(n), R0: new Float32Array(n), R1: new Float32Array(n),
    MX: new Float64Array(n), MY: new Float64Array(n), G: new Int32Array(n)
  };
  var groups = new Map();
  for (i = 0; i < n; i++) {
    var f = r.F[i];
    r.T0[i] = ((f >> 4) & 3) === OPEN ? -Infinity : r.t0[i];
    r.T1[i] = ((f >> 6) & 3) === OPEN ? Infinity : r.t1[i];
    var lo = Infinity, hi = -1;
    for (var e = r.EO[i]; e < r.EO[i + 1]; e++) { lo = Math.min(lo, r.ELO[e]); hi = Math.max(hi, r.EHI[e]); }
    r.R0[i] = geo.radius(hi < 0 ? -1 : lo); r.R1[i] = geo.radius(hi);
    var la = Math.max(-85.05, Math.min(85.05, LAT[i])) * Math.PI / 180;
    r.MX[i] = (LON[i] + 180) / 360;
    r.MY[i] = (1 - Math.log(Math.tan(la) + 1 / Math.cos(la)) / Math.PI) / 2;
    var key = Math.round(LAT[i] * 1e4) * 4e6 + Math.round(LON[i] * 1e4), g = groups.get(key);
    if (g === undefined) { g = groups.size; groups.set(key, g); }
    r.G[i] = g;
  }
  r.nGroups = groups.size;
  r.GFIRST = new Int32Array(r.nGroups);  // the first record of each place: its name
  for (i = n - 1; i >= 0; i--) r.GFIRST[r.G[i]] = i;
  return r;
};
