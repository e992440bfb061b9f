/* geo map, part 3: ``geo.CanvasLayer`` (a canvas over the map, redrawn when a move ends),
   map panes, and the report-density (heat) layer. */
// ``pad`` (a share of the map's size on every side) keeps markers in view while the map is
// dragged, before the redraw. ``draw(ctx, size, scale, ox, oy, padX, padY)`` paints it.
geo.CanvasLayer = L.Layer.extend({
  initialize: function (pane, draw, pad) { this._pane = pane; this._drawFn = draw; this._pad = pad || 0; },
  onAdd: function (m) {
    this._c = L.DomUtil.create("canvas", "geo-canvas leaflet-zoom-hide", m.getPane(this._pane));
    m.on("moveend resize viewreset", this.redraw, this); this.redraw();
  },
  onRemove: function (m) { L.DomUtil.remove(this._c); m.off("moveend resize viewreset", this.redraw, this); },
  redraw: function () {
    var m = this._map;
    if (!m) return;
    var c = this._c, size = m.getSize(), r = window.devicePixelRatio || 1;
    var px = Math.round(size.x * this._pad), py = Math.round(size.y * this._pad), w = size.x + 2 * px, h = size.y + 2 * py;
    L.DomUtil.setPosition(c, m.containerPointToLayerPoint([-px, -py]));
    c.width = w * r; c.height = h * r; c.style.width = w + "px"; c.style.height = h + "px";
    var ctx = c.getContext("2d"); ctx.setTransform(r, 0, 0, r, 0, 0);
    var scale = 256 * Math.pow(2, m.getZoom()), o = m.getPixelBounds().min;
    this._drawFn(ctx, L.point(w, h), scale, o.x - px, o.y - py, px, py);
  }
});
// The map's own panes, at set heights between Leaflet's: basemap under the tiles' labels,
// regions, heat and presence under the markers and popups, labels above the routes.
geo.panes = function (map) {
  [["geoBase", 150], ["geoRegions", 390], ["geoHeat", 420], ["geoPresence", 450], ["geoLabels", 640]].forEach(function (p) {
    map.createPane(p[0]).style.zIndex = p[1];
  });
  var labels = map.getPane("geoLabels");
  labels.classList.add("leaflet-zoom-hide"); labels.style.pointerEvents = "none";
};
geo.circle = function (ctx, x, y, r) { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); };

// Report density: a soft blob per active record, the summed alpha ramped yellow to red.
geo.heatLayer = function (rec, vis) {
  function draw(ctx, size, scale, ox, oy) {
    var w = size.x, h = size.y, rad = 22, VIS = vis.VIS;
    if (!w || !h) return;
    var blob = document.createElement("canvas"); blob.width = blob.height = rad * 2;
    var b = blob.getContext("2d"), gr = b.createRadialGradient(rad, rad, 0, rad, rad, rad);
    gr.addColorStop(0, "rgba(0,0,0,0.35)"); gr.addColorStop(1, "rgba(0,0,0,0)");
    b.fillStyle = gr; b.fillRect(0, 0, rad * 2, rad * 2);
    var off = document.createElement("canvas"); off.width = w; off.height = h;
    var o = off.getContext("2d");
    for (var j = 0; j < vis.shown; j++) {
      var k = vis.LIST[j], p = rec.PI[k];
      if (VIS[k] !== 1) continue;
      var x = rec.MX[p] * scale - ox, y = rec.MY[p] * scale - oy;
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
  return new geo.CanvasLayer("geoHeat", draw);
};
