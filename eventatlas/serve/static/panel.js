// The side panel (one incident with every report of it, or one report with the others of its incident) and
// the reading view (one article, its events, claims and opinions marked in the text). Everything from an
// article goes in as text nodes.
import { el, clear, highlighted, fmtInt, safeUrl } from "./dom.js";
import { typeColor } from "./types.js";

export function amount(q) {
  if (!q) return "";
  const { low, high } = q;
  let s;
  if (low === null && high === null) s = "?";
  else if (low === null) s = `up to ${fmtInt(high)}`;
  else if (high === null) s = `${fmtInt(low)}+`;
  else if (low === high) s = fmtInt(low);
  else s = `${fmtInt(low)}–${fmtInt(high)}`;
  return (q.approximate ? "~" : "") + s;
}

function badge(type) {
  return el("span", { class: "badge", style: `background:${typeColor(type)}` }, type);
}

function placeLine(loc) {
  if (!loc) return "no place found";
  const name = loc.name || loc.text;
  const where = [name, loc.admin1 !== name ? loc.admin1 : null, loc.country_code].filter(Boolean).join(", ");
  const said = loc.text && loc.name && loc.text !== loc.name ? ` (text: “${loc.text}”)` : "";
  return where + said;
}

function dateLine(d) {
  if (!d || (!d.start && !d.text)) return "undated";
  const range = d.start && d.end && d.end !== d.start ? `${d.start} to ${d.end}` : d.start || "";
  return [range, d.text && d.text !== d.start ? `“${d.text}”` : "", d.precision ? `(${d.precision})` : ""]
    .filter(Boolean).join(" ");
}

function attributionLine(a) {
  if (!a) return el("span", { class: "muted" }, "not attributed: the outlet's own voice");
  return el("span", {},
    a.speaker ? el("b", {}, a.speaker) : el("span", { class: "muted" }, "unnamed source"),
    a.affiliation ? ` (${a.affiliation})` : "",
    a.via ? `, via ${a.via}` : "",
    a.text ? el("span", { class: "muted" }, ` — “${a.text}”`) : "");
}

function docLinks(src, onDocument, eventId) {
  return [
    el("a", { href: `#doc=${encodeURIComponent(src.document_id)}&event=${encodeURIComponent(eventId || "")}`,
      class: "read", onclick: (ev) => { ev.preventDefault(); onDocument(src.document_id, eventId); } },
    "read article"),
    safeUrl(src.url) ? el("a", { href: src.url, target: "_blank", rel: "noopener noreferrer nofollow", class: "ext" },
      "original ↗") : null,
  ];
}

function sourceBlock(src, i, onDocument) {
  const para = src.paragraph || { text: src.evidence.text, start: src.evidence.start };
  const spans = [{ start: src.evidence.start - para.start, end: src.evidence.end - para.start, cls: "evidence" }];
  return el("article", { class: "source" + (i === 0 ? " first" : "") },
    el("header", {},
      el("b", {}, src.outlet || "unknown outlet"), " · ", src.published || "undated", " · ",
      el("span", { class: "title" }, src.title || src.document_id), " ", docLinks(src, onDocument, src.event_id)),
    el("p", { class: "paragraph" }, highlighted(para.text, spans)),
    el("div", { class: "attr" }, "Attributed to: ", attributionLine(src.attribution)),
    src.quantities && src.quantities.length
      ? el("div", { class: "src-q" }, "Figures here: ",
        src.quantities.map((q, j) => [j ? "; " : "", `${q.category} ${amount(q)}`, el("span", { class: "muted" }, ` (“${q.text}”)`)]))
      : null);
}

const TIERS = { 1: "counts the dead", 2: "monitor or authority", 3: "party or unnamed", 4: "witnesses" };

// One row per category (low, best, high), then one line per source under it: the table keeps four columns
// whatever the number of sources, so it reads the same with two reports as with twenty.
function figuresTable(figures) {
  const cats = Object.keys(figures || {});
  if (!cats.length) return null;
  const head = el("tr", {}, el("th", {}, "figure"), el("th", {}, "low"), el("th", {}, "best"), el("th", {}, "high"));
  const rows = [];
  for (const c of cats) {
    const f = figures[c];
    rows.push(el("tr", { class: "fig-sum" }, el("th", { scope: "row" }, c), el("td", {}, fmtInt(f.low)),
      el("td", { class: "best" }, fmtInt(f.best)), el("td", {}, f.high === null || f.high === undefined ? "—" : fmtInt(f.high))));
    const sources = f.sources || [];
    if (!sources.length) continue;
    rows.push(el("tr", { class: "fig-src-row" }, el("td", { colspan: 4 }, el("ul", { class: "fig-sources" },
      sources.map((s) => el("li", { class: `fig-src tier-${s.reliability || 3}` },
        el("span", { class: "fig-amount" }, amount(s)), " ",
        el("b", {}, s.outlet || s.document_id || "unknown outlet"),
        s.published ? el("span", { class: "muted" }, ` ${s.published}`) : null,
        s.speaker ? [" — ", s.speaker] : el("span", { class: "muted" }, " — unnamed source"),
        s.reliability ? el("span", { class: "tier", title: TIERS[s.reliability] || "" }, ` tier ${s.reliability}`) : null))))));
  }
  return el("table", { class: "figures" }, el("thead", {}, head), el("tbody", {}, rows));
}

function actorList(actors) {
  if (!actors || !actors.length) return el("span", { class: "muted" }, "none named");
  return el("ul", { class: "actors" }, actors.map((a) =>
    el("li", {}, el("span", { class: "role" }, a.role), " ", el("b", {}, a.name || a.text),
      a.text && a.name && a.text !== a.name ? el("span", { class: "muted" }, ` “${a.text}”`) : null,
      a.type || a.country_code ? el("span", { class: "muted" }, ` (${[a.type, a.country_code].filter(Boolean).join(", ")})`) : null)));
}

function head(e, onClose) {
  return el("div", { class: "event-head" },
    badge(e.type), " ", el("span", { class: `status status-${e.status}` }, e.status),
    e.mode ? el("span", { class: "muted" }, ` · ${e.mode}`) : null,
    el("button", { class: "close", title: "back to the list", onclick: onClose }, "×"));
}

function acledLine(acled) {
  return acled ? [acled.event_type, acled.sub_event_type].filter(Boolean).join(" / ") : null;
}

// One incident: what its reports agree on, its figures across sources, and every report's evidence.
export function renderIncident(target, inc, onDocument, onClose, onEvent) {
  clear(target);
  const loc = inc.location;
  const acled = acledLine(inc.acled);
  const sources = inc.sources || [];
  target.appendChild(el("div", { class: "event incident", "data-incident-id": inc.id },
    head(inc, onClose),
    el("h2", {}, placeLine(loc)),
    el("dl", { class: "facts" },
      el("dt", {}, "Dates"), el("dd", {}, dateLine(inc.date), el("span", { class: "muted" }, " (what every report allows)")),
      el("dt", {}, "Place"), el("dd", {}, placeLine(loc)),
      acled ? [el("dt", {}, "ACLED"), el("dd", {}, acled)] : null,
      el("dt", {}, "Actors"), el("dd", {}, actorList(inc.actors)),
      el("dt", {}, "Reports"), el("dd", { class: "report-count" },
        `${fmtInt(inc.number_of_reports)} report${inc.number_of_reports === 1 ? "" : "s"} in ${fmtInt(inc.number_of_sources)} article${inc.number_of_sources === 1 ? "" : "s"}`,
        inc.outlets && inc.outlets.length ? el("span", { class: "muted" }, `: ${inc.outlets.join(", ")}`) : null)),
    inc.figures && Object.keys(inc.figures).length ? el("section", {},
      el("h3", {}, "Figures across the reports, side by side"), figuresTable(inc.figures)) : null,
    el("section", {}, el("h3", {}, `Evidence: ${sources.length} report${sources.length === 1 ? "" : "s"}`),
      sources.map((src, i) => [sourceBlock(src, i, onDocument),
        el("a", { href: `#event=${encodeURIComponent(src.event_id)}`, class: "read report-link",
          onclick: (ev) => { ev.preventDefault(); onEvent(src.event_id); } }, "this report on its own")]))));
  target.scrollTop = 0;
}

export function renderEvent(target, e, onDocument, onClose, onIncident) {
  clear(target);
  const sources = e.sources && e.sources.length ? e.sources : [{
    event_id: e.id, document_id: e.document.id, title: e.document.title, outlet: e.document.outlet,
    url: e.document.url, published: e.document.published, evidence: e.evidence, paragraph: null,
    attribution: e.attribution, quantities: e.quantities,
  }];
  const loc = e.location;
  const acled = acledLine(e.acled);
  target.appendChild(el("div", { class: "event", "data-event-id": e.id },
    head(e, onClose),
    el("h2", {}, placeLine(loc)),
    el("dl", { class: "facts" },
      el("dt", {}, "Date"), el("dd", {}, dateLine(e.date)),
      el("dt", {}, "Place"), el("dd", {}, placeLine(loc),
        loc && loc.latitude !== null && loc.latitude !== undefined
          ? el("span", { class: "muted" }, ` · ${loc.latitude.toFixed(3)}, ${loc.longitude.toFixed(3)} · precision: ${loc.precision || "?"}`) : null),
      acled ? [el("dt", {}, "ACLED"), el("dd", {}, acled)] : null,
      el("dt", {}, "Actors"), el("dd", {}, actorList(e.actors)),
      el("dt", {}, "Attribution"), el("dd", {}, attributionLine(e.attribution)),
      el("dt", {}, "Confidence"), el("dd", {}, e.confidence !== null && e.confidence !== undefined ? e.confidence.toFixed(2) : "?"),
      e.incident_id && onIncident ? [el("dt", {}, "Incident"), el("dd", {}, el("a", {
        href: `#incident=${encodeURIComponent(e.incident_id)}`, class: "read incident-link",
        onclick: (ev) => { ev.preventDefault(); onIncident(e.incident_id); } },
      sources.length > 1 ? `one of ${sources.length} reports: the incident` : "the incident"))] : null),
    e.quantities.length ? el("section", {}, el("h3", {}, "Quantities in this report"),
      el("table", { class: "quantities" },
        el("thead", {}, el("tr", {}, el("th", {}, "category"), el("th", {}, "low"), el("th", {}, "high"), el("th", {}, "as written"))),
        el("tbody", {}, e.quantities.map((q) => el("tr", {}, el("td", {}, q.category),
          el("td", {}, (q.approximate ? "~" : "") + (q.low === null ? "—" : fmtInt(q.low))),
          el("td", {}, q.high === null ? "—" : fmtInt(q.high)), el("td", { class: "muted" }, q.text)))))) : null,
    e.figures && Object.keys(e.figures).length ? el("section", {},
      el("h3", {}, sources.length > 1 ? "Figures across the reports, side by side" : "Figures"), figuresTable(e.figures)) : null,
    el("section", {}, el("h3", {}, sources.length > 1 ? `Evidence: ${sources.length} reports of this incident` : "Evidence"),
      sources.map((s, i) => sourceBlock(s, i, onDocument)))));
  target.scrollTop = 0;
}

export function renderList(target, events, total, noun, onSelect) {
  clear(target);
  const shown = events.slice(0, 300);
  target.appendChild(el("div", { class: "list-head" },
    `${fmtInt(total)} ${noun[total === 1 ? 0 : 1]} in view`, total > shown.length ? `; the ${shown.length} newest in view are listed` : "",
    ". Click a marker or a row to read its evidence."));
  target.appendChild(el("ol", { class: "event-list" }, shown.map((e) => el("li", {
    tabindex: "0", [e.reports ? "data-incident-id" : "data-event-id"]: e.id, onclick: () => onSelect(e.id),
    onkeydown: (ev) => { if (ev.key === "Enter") onSelect(e.id); },
  },
  el("span", { class: "dot", style: `background:${typeColor(e.type)}` }), el("b", {}, e.type), " ",
  el("span", { class: "muted" }, [(e.date && e.date.start) || "undated", (e.location && (e.location.name || e.location.text)) || "no place",
    e.reports ? `${e.number_of_reports} report${e.number_of_reports === 1 ? "" : "s"}` : null].filter(Boolean).join(" · ")),
  e.status !== "occurred" ? el("span", { class: `status status-${e.status}` }, e.status) : null,
  el("div", { class: "ev-text" }, e.evidence.text)))));
}

export function renderDocument(target, doc, focusEventId, onEvent, onClose) {
  clear(target);
  const spans = [];
  for (const o of doc.opinions || []) spans.push({ start: o.start, end: o.end, cls: "opinion", title: "opinion" });
  for (const c of doc.claims || []) spans.push({ start: c.evidence.start, end: c.evidence.end, cls: "claim", title: `claim: ${c.kind}` });
  for (const e of doc.events || []) {
    spans.push({ start: e.evidence.start, end: e.evidence.end, title: `${e.type} (${e.status})`,
      cls: "ev" + (e.id === focusEventId ? " focus" : ""), data: { eventId: e.id } });
  }
  const text = el("div", { class: "doc-text" }, highlighted(doc.text || "", spans, (s) => onEvent(s.data.eventId)));
  target.appendChild(el("div", { class: "reader-inner" },
    el("button", { class: "close", title: "close the article", onclick: onClose }, "×"),
    el("h2", {}, doc.title || doc.id),
    el("div", { class: "meta" }, [doc.outlet, doc.published, doc.language, (doc.credits || []).join(", ")].filter(Boolean).join(" · "),
      safeUrl(doc.url) ? [" · ", el("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer nofollow" }, "original ↗")] : null),
    el("div", { class: "legend-inline" }, el("mark", { class: "ev" }, "event"), " ", el("mark", { class: "claim" }, "claim"), " ",
      el("mark", { class: "opinion" }, "opinion"), el("span", { class: "muted" }, ` · ${(doc.events || []).length} event${(doc.events || []).length === 1 ? "" : "s"} in this article; click one to open it`)),
    text));
  const focus = target.querySelector("mark.focus");
  if (focus) focus.scrollIntoView({ block: "center" });
}
