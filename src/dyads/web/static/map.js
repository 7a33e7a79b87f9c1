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
  // Outlines cut at the antimeridian jump from +180 to -180 inside a ring (Russia, Fiji):
  // keep each ring's longitudes continuous, so that Leaflet does not draw a band across.
  const unwrap = (ring) => {
    const out = [ring[0]];
    for (let i = 1; i < ring.length; i++) {
      let x = ring[i][0];
      const before = out[i - 1][0];
      while (x - before > 180) x -= 360;
      while (x - before < -180) x += 360;
      out.push([x, ring[i][1]]);
    }
    return out;
  };
  const continuous = (geometry) => {
    if (geometry && geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrap);
    if (geometry && geometry.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map((polygon) => polygon.map(unwrap));
    }
  };
  fetch("/static/countries-50m.json")
    .then((r) => r.json())
    .then((topo) => {
      const countries = topojson.feature(topo, topo.objects.countries);
      countries.features.forEach((f) => continuous(f.geometry));
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
