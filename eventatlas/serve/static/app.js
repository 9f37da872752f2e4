// The page's state and wiring: filters ask the API, the timeline and the map slice what came back. The map
// shows incidents by default (one marker per real event, every report of it in the panel); "reports" shows
// each report on its own.
import { el, clear, fmtInt } from "./dom.js";
import { TYPES, STATUSES, typeColor } from "./types.js";
import { createMap } from "./map.js";
import { createTimeline } from "./timeline.js";
import { renderEvent, renderIncident, renderList, renderDocument } from "./panel.js";
import { createControlLayer, renderPlace } from "./control.js";

const PAGE = 1000;
const MAX_EVENTS = 20000; // beyond this the browser slows; the page says so and asks for narrower filters

const $ = (id) => document.getElementById(id);
// level: the map shows incidents (every report of one real event as one marker) or each report on its own
const state = { events: [], truncated: false, range: null, selected: null, place: null, loadSeq: 0, level: "incident" };
const NOUN = { incident: ["incident", "incidents"], report: ["event", "events"] };

const atlas = createMap($("map"), (id) => go(state.level === "incident" ? { incident: id } : { event: id }));
const timeline = createTimeline($("timeline"), $("timeline-label"), (range) => {
  state.range = range;
  refresh(false);
  showControl(control.refresh(controlDate()));
});
const control = createControlLayer(atlas.map, $("control-legend"), (key) => go({ place: key }));

// the control layer shows who held what on the last day of the brushed range (without one, the latest)
function controlDate() {
  return state.range ? state.range[1] : null;
}

function showControl(pending) {
  Promise.resolve(pending).catch((err) => status(String(err.message || err), true));
}

function setupFilters() {
  const type = $("f-type");
  type.appendChild(el("option", { value: "" }, "all types"));
  for (const t of TYPES) type.appendChild(el("option", { value: t }, t));
  const status = $("f-status");
  status.appendChild(el("option", { value: "" }, "any status"));
  for (const s of STATUSES) status.appendChild(el("option", { value: s }, s));
  type.addEventListener("change", load);
  status.addEventListener("change", load);
  $("f-level").addEventListener("change", () => { state.level = $("f-level").value; go({}); load(); });
  $("f-control").addEventListener("change", (ev) => showControl(control.toggle(ev.target.checked, controlDate())));
  let timer = null;
  $("f-q").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(load, 350); });
  $("filters").addEventListener("submit", (ev) => { ev.preventDefault(); clearTimeout(timer); load(); });
  const legend = $("legend");
  for (const t of TYPES) {
    legend.appendChild(el("button", { type: "button", class: "legend-item", title: `show only ${t}`,
      onclick: () => { type.value = type.value === t ? "" : t; load(); } },
    el("span", { class: "dot", style: `background:${typeColor(t)}` }), t));
  }
  atlas.map.on("moveend", () => { if (!state.selected && !state.place) showList(); });
}

function params() {
  const p = new URLSearchParams();
  for (const [key, id] of [["type", "f-type"], ["status", "f-status"], ["q", "f-q"]]) {
    const v = $(id).value.trim();
    if (v) p.set(key, v);
  }
  return p;
}

async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => null);
  if (!r.ok) {
    const why = body && (body.detail || body.error);
    throw new Error(`${url}: ${r.status} ${typeof why === "string" ? why : JSON.stringify(why || r.statusText)}`);
  }
  return body;
}

async function load() {
  const seq = ++state.loadSeq; // a newer filter change wins over a slower, older request
  status("loading…");
  const p = params();
  p.set("limit", String(PAGE));
  let events = [];
  let cursor = null;
  const level = state.level;
  try {
    do {
      if (cursor) p.set("cursor", cursor);
      const page = level === "incident" ? await getJSON(`/api/incidents?${p}`) : await getJSON(`/api/events?${p}`);
      if (seq !== state.loadSeq) return;
      // an incident is shown by its first report's sentence
      events = events.concat(level === "incident"
        ? page.incidents.map((i) => ({ ...i, evidence: i.reports[0].evidence })) : page.events);
      cursor = page.next_cursor;
      if (cursor) status(`loading… ${fmtInt(events.length)} ${NOUN[level][1]} so far`);
    } while (cursor && events.length < MAX_EVENTS);
  } catch (err) {
    if (seq === state.loadSeq) status(String(err.message || err), true);
    return;
  }
  state.events = events;
  state.truncated = Boolean(cursor);
  refresh(true); // a brushed date range survives a filter change: the analyst narrowed both on purpose
}

function inRange(e) {
  if (!state.range) return true;
  const d = e.date && e.date.start;
  return Boolean(d) && d.slice(0, 10) >= state.range[0] && d.slice(0, 10) <= state.range[1];
}

function refresh(redrawTimeline) {
  const visible = state.events.filter(inRange);
  if (redrawTimeline) {
    const perDay = {};
    for (const e of state.events) {
      const d = e.date && e.date.start;
      if (d) perDay[d.slice(0, 10)] = (perDay[d.slice(0, 10)] || 0) + 1;
    }
    timeline.draw(perDay);
  }
  const placed = atlas.show(visible);
  if (redrawTimeline && !state.selected) atlas.fit(visible);
  const unplaced = visible.length - placed;
  const noun = NOUN[state.level][visible.length === 1 ? 0 : 1];
  status(`${fmtInt(visible.length)} ${noun}${state.range ? " in the date range" : ""}` +
    (unplaced ? ` (${fmtInt(unplaced)} without a place, listed but not mapped)` : "") +
    (state.truncated ? ` · only the newest ${fmtInt(state.events.length)} loaded: narrow the filters to see older ones` : ""));
  if (!state.selected && !state.place) showList();
}

function showList() {
  const b = atlas.bounds();
  const visible = state.events.filter(inRange);
  const inView = visible.filter((e) => !e.location || e.location.latitude === null ||
    b.contains([e.location.latitude, e.location.longitude]));
  renderList($("panel"), inView, inView.length, NOUN[state.level],
    (id) => go(state.level === "incident" ? { incident: id } : { event: id }));
}

function status(text, isError) {
  const s = $("status");
  s.textContent = text;
  s.classList.toggle("error", Boolean(isError));
}

// -- routing: #incident=ID, #event=ID, #doc=ID&event=ID, #place=KEY, so the back button and shared links work --

function go(route) {
  const p = new URLSearchParams();
  if (route.doc) p.set("doc", route.doc);
  if (route.incident) p.set("incident", route.incident);
  if (route.event) p.set("event", route.event);
  if (route.place) p.set("place", route.place);
  const hash = p.toString();
  if (location.hash.slice(1) === hash) route_(); else location.hash = hash;
}

async function route_() {
  const p = new URLSearchParams(location.hash.slice(1));
  const eventId = p.get("event"), docId = p.get("doc"), incidentId = p.get("incident"), placeKey = p.get("place");
  const reader = $("reader");
  if (docId) {
    reader.hidden = false;
    clear(reader).appendChild(el("p", { class: "muted" }, "loading article…"));
    try {
      const doc = await getJSON(`/api/documents/${encodeURIComponent(docId)}`);
      renderDocument(reader, doc, eventId, (id) => go({ event: id }), () => go({ event: eventId, place: placeKey }));
    } catch (err) {
      clear(reader).appendChild(el("p", { class: "error" }, String(err.message || err)));
    }
  } else {
    reader.hidden = true;
  }
  const wanted = incidentId ? `incident:${incidentId}` : eventId ? `event:${eventId}` : null;
  if (placeKey && placeKey !== state.place) await selectPlace(placeKey);
  if (!placeKey && state.place) { state.place = null; if (!wanted) showList(); }
  if (wanted && wanted !== state.selected) await select(wanted);
  if (!wanted && state.selected) { state.selected = null; atlas.highlight(null); if (!placeKey) showList(); }
}

async function selectPlace(key) {
  state.place = key;
  const panel = $("panel");
  clear(panel).appendChild(el("p", { class: "muted" }, "loading the place's control timeline…"));
  try {
    const body = await getJSON(`/api/control?key=${encodeURIComponent(key)}`);
    if (state.place !== key) return;
    renderPlace(panel, body.periods, (docId) => go({ doc: docId, place: key }), () => go({}));
  } catch (err) {
    clear(panel).appendChild(el("p", { class: "error" }, String(err.message || err)));
  }
}

async function select(key) {
  const [kind, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
  state.selected = key;
  atlas.highlight(id);
  const panel = $("panel");
  clear(panel).appendChild(el("p", { class: "muted" }, `loading ${kind}…`));
  const openDoc = (docId, evId) => go({ doc: docId, event: evId || id });
  try {
    if (kind === "incident") {
      const detail = await getJSON(`/api/incidents/${encodeURIComponent(id)}`);
      if (state.selected !== key) return;
      renderIncident(panel, detail, openDoc, () => go({}), (evId) => go({ event: evId }));
    } else {
      const detail = await getJSON(`/api/events/${encodeURIComponent(id)}`);
      if (state.selected !== key) return;
      renderEvent(panel, detail, openDoc, () => go({}), (incId) => go({ incident: incId }));
    }
  } catch (err) {
    clear(panel).appendChild(el("p", { class: "error" }, String(err.message || err)));
  }
}

window.addEventListener("hashchange", route_);
window.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape") {
    const p = new URLSearchParams(location.hash.slice(1));
    go(p.get("doc") ? { event: p.get("event"), incident: p.get("incident"), place: p.get("place") } : {});
  }
});
let resizeTimer = null;
window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(() => refresh(true), 200); });

setupFilters();
load().then(route_);
