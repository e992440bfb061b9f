/* geoMapCreate, part 1: The map's data decoded once: typed columns, marker sizes, places grouped by position.
   A section of the body of geoMapCreate (see maps/build.py: the geo-map-*.js parts are joined in
   file-name order inside one function, so they share its variables). */
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

