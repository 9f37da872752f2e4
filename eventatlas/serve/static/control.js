// The control layer: each place coloured by who held it at the date under the timeline's brush (without a
// brush, by its latest period), and a place's panel: its periods in order, each with the sentences and
// sources it rests on. Everything from an article goes in as text nodes.
import { el, clear, safeUrl } from "./dom.js";

/* global L */

const CONTESTED = "#9aa0a6";
const PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4",
  "#b2df8a", "#fb9a99"];

export function controllerColor(name) {
  if (!name) return CONTESTED;
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

export function createControlLayer(map, legend, onPlace) {
  // above the event markers: an analyst who turns the layer on is asking about the places
  map.createPane("control").style.zIndex = 650;
  const layer = L.layerGroup();
  let seq = 0;
  let shown = false;

  async function show(at) {
    const mine = ++seq;
    const p = new URLSearchParams({ format: "geojson", limit: "10000" });
    if (at) p.set("at", at);
    const r = await fetch(`/api/control?${p}`, { headers: { Accept: "application/geo+json" } });
    const body = await r.json().catch(() => null);
    if (mine !== seq) return null;
    if (!r.ok) throw new Error(`/api/control: ${r.status} ${body && body.error ? body.error : r.statusText}`);
    // without a date, each place's latest period: the one still going
    const byPlace = new Map();
    for (const f of body.features) {
      const key = f.properties.place_key;
      const prev = byPlace.get(key);
      if (!prev || (f.properties.since || "") > (prev.properties.since || "")) byPlace.set(key, f);
    }
    draw([...byPlace.values()], at);
    return byPlace.size;
  }

  function draw(features, at) {
    layer.clearLayers();
    const holders = new Map();
    for (const f of features) {
      if (!f.geometry) continue;
      const props = f.properties;
      const [lon, lat] = f.geometry.coordinates;
      const color = controllerColor(props.controller);
      holders.set(props.controller || "contested", color);
      const m = L.circleMarker([lat, lon], {
        radius: { town: 9, district: 13, admin1: 17, country: 20 }[props.level] || 9,
        color: props.status === "contested" ? "#444" : "#222", weight: 2, fillColor: color, fillOpacity: 0.55,
        dashArray: props.status === "contested" ? "4 3" : null, className: "ctl-marker", pane: "control",
      });
      m.bindTooltip(el("div", { class: "tip ctl-tip" }, el("b", {}, props.place), ` (${props.level})`, el("br"),
        holderText(props), el("br"), el("span", { class: "muted" }, spanText(props))), { direction: "top" });
      m.on("click", () => onPlace(props.place_key));
      m.on("add", () => {
        const node = m.getElement();
        if (!node) return;
        node.setAttribute("data-place-key", props.place_key);
        node.setAttribute("data-place", props.place);
        node.setAttribute("data-status", props.status);
        node.setAttribute("data-controller", props.controller || "");
      });
      layer.addLayer(m);
    }
    clear(legend);
    legend.appendChild(el("b", {}, at ? `Control on ${at}: ` : "Control, latest: "));
    for (const [name, color] of holders) {
      legend.appendChild(el("span", { class: "ctl-key" }, el("span", { class: "dot", style: `background:${color}` }), name));
    }
    legend.hidden = false;
  }

  return {
    async toggle(on, at) {
      shown = on;
      if (on) { layer.addTo(map); return show(at); }
      seq++;
      layer.remove();
      legend.hidden = true;
      return null;
    },
    async refresh(at) { return shown ? show(at) : null; },
    shown: () => shown,
  };
}

function holderText(p) {
  if (p.status === "contested") {
    return (p.claimants && p.claimants.length) ? `contested: ${p.claimants.join(" / ")}` : "contested";
  }
  const part = p.share !== null && p.share !== undefined ? ` (${Math.round(p.share * 100)}%)` : p.extent ? ` (${p.extent})` : "";
  return `${p.controller}${part}`;
}

function spanText(p) {
  if (p.since && p.until) return `${p.since} → ${p.until}`;
  if (p.since) return `since ${p.since}`;
  if (p.until) return `until ${p.until}`;
  return "no dates given";
}

export function renderPlace(target, periods, onDocument, onClose) {
  clear(target);
  if (!periods.length) {
    target.appendChild(el("p", { class: "muted" }, "No control periods for this place."));
    return;
  }
  const place = periods[0].place;
  const others = (place.names || []).filter((n) => n !== place.name);
  target.appendChild(el("div", { class: "place", "data-place-key": place.key },
    el("div", { class: "event-head" }, el("span", { class: "badge", style: "background:#1f2a3a" }, "CONTROL"),
      el("button", { class: "close", title: "back to the list", onclick: onClose }, "×")),
    el("h2", {}, place.name,
      el("span", { class: "muted" }, ` · ${place.level}${place.country_code ? ", " + place.country_code : ""}`)),
    others.length ? el("p", { class: "muted" }, `Also written: ${others.join(", ")}`) : null,
    el("ol", { class: "ctl-timeline" }, periods.map((p) => periodItem(p, onDocument)))));
  target.scrollTop = 0;
}

function periodItem(p, onDocument) {
  return el("li", { class: `ctl-period ctl-${p.status}`, "data-period-id": p.id },
    el("div", { class: "ctl-period-head" },
      el("span", { class: "dot", style: `background:${controllerColor(p.controller)}` }),
      el("b", {}, holderText(p)), " ", el("span", { class: `status status-${p.status}` }, p.status),
      el("span", { class: "muted ctl-span" }, ` ${spanText(p)}`)),
    el("div", { class: "muted" }, `Sources: ${p.sources.join(", ") || "none named"}`),
    el("ul", { class: "ctl-evidence" }, p.evidence.map((e) => evidenceItem(e, onDocument))));
}

function evidenceItem(e, onDocument) {
  const said = [e.outlet || "unknown outlet", e.published || "undated", e.speaker ? `says ${e.speaker}` : null,
    e.change ? `(${e.change})` : null].filter(Boolean).join(" · ");
  const read = el("a", { href: `#doc=${encodeURIComponent(e.document_id)}`, class: "read",
    onclick: (ev) => { ev.preventDefault(); onDocument(e.document_id); } }, "read article");
  const original = safeUrl(e.url)
    ? el("a", { href: e.url, target: "_blank", rel: "noopener noreferrer nofollow", class: "ext" }, "original ↗")
    : null;
  return el("li", { class: "ctl-ev" }, el("q", {}, e.text), el("div", { class: "muted" }, said, " ", read, " ", original));
}
