// The map: country outlines from the vendored world-atlas TopoJSON (no tile server, works offline) and one
// circle marker per located incident (or report), clustered where they crowd.
import { el } from "./dom.js";
import { typeColor } from "./types.js";

/* global L, topojson */

const UNCLUSTER_ZOOM = 8;

export function createMap(container, onSelect) {
  const map = L.map(container, {
    worldCopyJump: false, minZoom: 2, maxZoom: 14, zoomSnap: 0.5, preferCanvas: false,
    maxBounds: [[-85, -200], [85, 200]], attributionControl: true,
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth via world-atlas");
  map.setView([20, 15], 2);

  fetch("/static/vendor/world-atlas/countries-50m.json")
    .then((r) => r.json())
    .then((world) => {
      const countries = topojson.feature(world, world.objects.countries);
      // Antarctica's ring runs along the map's bottom edge and adds nothing to a map of events
      countries.features = countries.features.filter((f) => f.id !== "010");
      for (const f of countries.features) unwrapGeometry(f.geometry);
      L.geoJSON(countries, {
        interactive: false,
        style: { color: "#8a8f98", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
      }).addTo(map);
      container.dataset.basemap = "ready";
    })
    .catch((err) => { container.dataset.basemap = "failed: " + err; });

  const clusters = L.markerClusterGroup({
    maxClusterRadius: 40, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
    chunkedLoading: true, iconCreateFunction: clusterIcon, disableClusteringAtZoom: UNCLUSTER_ZOOM,
  });
  map.addLayer(clusters);

  let byId = new Map();
  let selected = null;

  function show(events) {
    clusters.clearLayers();
    byId = new Map();
    const markers = [];
    for (const e of events) {
      const loc = e.location;
      if (!loc || loc.latitude === null || loc.longitude === null) continue;
      const m = L.circleMarker([loc.latitude, loc.longitude], {
        radius: precisionRadius(loc.precision), color: "#222", weight: 1,
        fillColor: typeColor(e.type), fillOpacity: e.status === "occurred" ? 0.85 : 0.35,
        dashArray: e.status === "occurred" ? null : "2 2",
        className: "ev-marker",
      });
      m.eventType = e.type;
      m.bindTooltip(tooltip(e), { direction: "top", offset: [0, -4] });
      m.on("click", () => onSelect(e.id));
      // an incident's marker carries its id as data-incident-id, a report's as data-event-id
      const attr = e.reports ? "data-incident-id" : "data-event-id";
      m.on("add", () => m.getElement() && m.getElement().setAttribute(attr, e.id));
      byId.set(e.id, m);
      markers.push(m);
    }
    clusters.addLayers(markers);
    if (selected) highlight(selected);
    return markers.length;
  }

  function highlight(id) {
    if (selected && byId.has(selected)) byId.get(selected).setStyle({ weight: 1, color: "#222" });
    selected = id;
    const m = byId.get(id);
    if (!m) return;
    m.setStyle({ weight: 3, color: "#000" });
    // a marker hidden in a cluster or off screen is brought into view at a regional zoom, where
    // clustering stops; markercluster's own zoomToShowLayer would zoom to street level for co-located events
    const shown = clusters.getVisibleParent(m) === m && map.getBounds().contains(m.getLatLng());
    if (!shown) map.setView(m.getLatLng(), Math.max(map.getZoom(), UNCLUSTER_ZOOM));
    m.bringToFront();
  }

  function fit(events) {
    const pts = events.filter((e) => e.location && e.location.latitude !== null)
      .map((e) => [e.location.latitude, e.location.longitude]);
    if (pts.length) map.fitBounds(L.latLngBounds(pts).pad(0.15), { maxZoom: 7 });
  }

  return { map, show, highlight, fit, bounds: () => map.getBounds() };
}

// Leaflet draws rings on a flat plane, so a ring that steps across the antimeridian (Russia's Chukotka,
// Fiji) would draw a stripe across the whole map; shifting longitudes by 360° keeps each step short.
function unwrapGeometry(geom) {
  if (!geom) return;
  const polys = geom.type === "Polygon" ? [geom.coordinates] : geom.type === "MultiPolygon" ? geom.coordinates : [];
  for (const poly of polys) {
    for (const ring of poly) {
      let shift = 0;
      for (let i = 1; i < ring.length; i++) {
        const step = ring[i][0] + shift - ring[i - 1][0];
        if (step > 180) shift -= 360;
        else if (step < -180) shift += 360;
        ring[i] = [ring[i][0] + shift, ring[i][1]];
      }
    }
  }
}

function precisionRadius(precision) {
  // a point-precise place gets a small, sharp dot; a country-wide one a larger, vaguer one
  return { point: 5, city: 6, admin1: 8, country: 10, region: 11 }[precision] || 6;
}

function tooltip(e) {
  const loc = e.location || {};
  return el("div", { class: "tip" },
    el("b", { style: `color:${typeColor(e.type)}` }, e.type), " ", e.status !== "occurred" ? `(${e.status}) ` : "",
    (e.date && e.date.start) || "undated", el("br"),
    loc.name || loc.text || "", loc.country_code ? `, ${loc.country_code}` : "",
    e.reports ? ` · ${e.number_of_reports} report${e.number_of_reports === 1 ? "" : "s"}` : "", el("br"),
    el("span", { class: "tip-evidence" }, clip(e.evidence.text, 140)));
}

function clip(s, n) {
  return s.length > n ? s.slice(0, n - 1) + "…" : s;
}

function clusterIcon(cluster) {
  // ring coloured by the cluster's commonest type so a red cluster means mostly assaults
  const counts = {};
  for (const m of cluster.getAllChildMarkers()) counts[m.eventType] = (counts[m.eventType] || 0) + 1;
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  const n = cluster.getChildCount();
  const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
  const div = el("div", { class: "cluster", style: `border-color:${typeColor(top[0])};width:${size}px;height:${size}px` },
    el("span", {}, String(n)));
  return L.divIcon({ html: div, className: "cluster-icon", iconSize: [size, size] });
}
