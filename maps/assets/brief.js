// geo briefing page: link the chronology table and the map both ways, through the map's
// public API (window.geoMaps[id]) and its `geo:select` event. No text is built here: every
// string on the page was escaped when the page was written.
(() => {
  "use strict";
  const root = document.currentScript.closest(".geo-brief");
  const mapId = root.dataset.map;
  const mapEl = document.getElementById(mapId);
  const rows = Array.from(root.querySelectorAll("tbody tr"));
  const byRecord = new Map();
  for (const row of rows) if (row.dataset.record) byRecord.set(row.dataset.record, row);

  function select(row, scroll) {
    for (const r of rows) {
      r.classList.toggle("selected", r === row);
      r.setAttribute("aria-selected", r === row ? "true" : "false");
    }
    if (row && scroll) row.scrollIntoView({ block: "nearest" });
  }

  function show(row) {
    select(row, false);
    const api = window.geoMaps && window.geoMaps[mapId];
    if (!api) return;
    if (row.dataset.record) api.flyToRecord(Number(row.dataset.record));
    else if (row.dataset.bounds) api.fitBounds(JSON.parse(row.dataset.bounds));
    if (mapEl) mapEl.scrollIntoView({ block: "nearest" });
  }

  root.querySelector("table.chronology").addEventListener("click", (ev) => {
    const row = ev.target.closest("tbody tr");
    if (row && !ev.target.closest("a")) show(row);
  });
  root.querySelector("table.chronology").addEventListener("keydown", (ev) => {
    const row = ev.target.closest("tbody tr");
    if (row && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); show(row); }
  });
  // Capture phase: the map may dispatch the event on its container without bubbling.
  document.addEventListener("geo:select", (ev) => {
    if (!mapEl || !(ev.target === mapEl || mapEl.contains(ev.target))) return;
    const row = byRecord.get(String(ev.detail && ev.detail.record));
    if (row) select(row, true);
  }, true);
})();
