// The map of event places: country outlines from the bundled world-atlas (Natural Earth),
// drawn by the bundled Leaflet without any tile server, shaded by the number of events.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("map-data").textContent);
  const most = Math.max(1, ...Object.values(data.places).map((p) => p.events));
  const shade = (n) => (n ? `rgba(200, 56, 28, ${0.2 + 0.8 * Math.sqrt(n / most)})` : "#f4f1ea");
  const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 7, zoomSnap: 0.25,
                             attributionControl: false }).setView([25, 15], 1.5);
  window.dyadsMap = map;
  fetch("/static/countries-50m.json")
    .then((r) => r.json())
    .then((topo) => {
      const countries = topojson.feature(topo, topo.objects.countries);
      const layer = L.geoJSON(countries, {
        style: (f) => {
          const p = data.places[f.id];
          return { color: "#8a94a6", weight: 0.6, fillOpacity: 1, fillColor: shade(p ? p.events : 0) };
        },
        onEachFeature: (f, l) => {
          const p = data.places[f.id];
          l.bindTooltip(p ? `${p.name} (${p.code}): ${p.events} event${p.events === 1 ? "" : "s"}`
                          : f.properties.name, { sticky: true });
          if (p) {
            l.on("click", () => {
              const query = new URLSearchParams(data.drill);
              query.set("place", p.code);
              window.location.href = "/events?" + query.toString();
            });
          }
        },
      }).addTo(map);
      window.dyadsMapLayer = layer;
    });
})();
