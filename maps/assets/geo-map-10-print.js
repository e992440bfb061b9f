/* geo map, part 10: ``geo.print``: the map as an image (PNG, PDF, frames) or a printed page:
   no interactive controls, the date as a caption, and the data fitted inside the part of the
   map that the title, legend and caption leave free. */
// The largest rectangle [left, top, right, bottom] of a ``w`` x ``h`` map that overlaps none
// of ``boxes``, judged by how large data of ``aspect`` (width / height) would be drawn in it.
geo.freeRect = function (w, h, boxes, aspect) {
  var xs = [0, w], ys = [0, h], best = [0, 0, w, h], score = -1;
  boxes.forEach(function (b) { xs.push(b[0], b[2]); ys.push(b[1], b[3]); });
  xs = xs.filter(function (x) { return x >= 0 && x <= w; }); ys = ys.filter(function (y) { return y >= 0 && y <= h; });
  xs.forEach(function (l) { xs.forEach(function (r) { if (r <= l) return; ys.forEach(function (t) { ys.forEach(function (b) {
    if (b <= t) return;
    var rect = [l, t, r, b], fit = Math.min((r - l) / aspect, b - t);
    if (fit > score && !geo.hitsAny(rect, boxes)) { score = fit; best = rect; }
  }); }); }); });
  return best;
};
// ``home`` is the extent the map opens at; ``set(on, frame)`` switches the image styles on
// (``frame``: one of a sequence, with a larger date) or off; ``fit(bounds)`` fits ``bounds``
// (or ``home``) inside the free part of the map.
geo.print = function (map, box, root, home) {
  var margin = 14;
  function set(on, frame) {
    root.classList.toggle("geo-print", !!on); root.classList.toggle("geo-print-frame", !!(on && frame));
    map.options.zoomSnap = on ? 0 : 1;  // an image fits its data exactly, not to the next whole zoom
    map.invalidateSize({ animate: false });
  }
  function fit(bounds) {
    var b = bounds ? L.latLngBounds(bounds) : L.latLngBounds(home || [[-60, -170], [75, 170]]).pad(0.08), size = map.getSize();
    var sw = map.project(b.getSouthWest(), 0), ne = map.project(b.getNorthEast(), 0);
    var aspect = Math.max(1e-6, Math.abs(ne.x - sw.x)) / Math.max(1e-6, Math.abs(sw.y - ne.y));
    var r = geo.freeRect(size.x, size.y, geo.controlBoxes(box), aspect);
    map.fitBounds(b, { paddingTopLeft: [r[0] + margin, r[1] + margin], paddingBottomRight: [size.x - r[2] + margin, size.y - r[3] + margin], maxZoom: 9, animate: false });
    return r;
  }
  // A page printed from the browser gets the same styles.
  window.addEventListener("beforeprint", function () { set(true, false); });
  window.addEventListener("afterprint", function () { set(false, false); });
  return { set: set, fit: fit };
};
