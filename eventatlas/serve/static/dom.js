// Building DOM from data. Article text and every field that came from a news page is untrusted:
// it only ever becomes a text node, never markup, so a <script> or onerror= in an article stays inert.

const SAFE_URL = /^(https?:\/\/|\/)/i;

/** Whether a URL from the data may become a link: web and same-site URLs only. */
export function safeUrl(url) {
  return typeof url === "string" && SAFE_URL.test(url);
}

/** el("div", {class: "x"}, "text", childNode, null, [more]) — strings become text nodes. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (key === "href") {
      // a javascript: or data: URL from an article would run code when clicked
      if (SAFE_URL.test(String(value))) node.setAttribute("href", String(value));
    } else if (key === "dataset") {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(key, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/**
 * `text` cut into plain and marked pieces. spans: [{start, end, cls, data}] in offsets of `text`;
 * overlapping spans nest by splitting at every boundary, so each piece carries all spans covering it.
 */
export function highlighted(text, spans, onSpan) {
  const frag = document.createDocumentFragment();
  const valid = spans.filter((s) => s.start < s.end && s.start >= 0 && s.end <= text.length);
  const cuts = new Set([0, text.length]);
  for (const s of valid) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    const covering = valid.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) { frag.appendChild(document.createTextNode(piece)); continue; }
    const mark = el("mark", { class: covering.map((s) => s.cls).join(" ") }, piece);
    const top = covering[covering.length - 1];
    if (top.data) Object.assign(mark.dataset, top.data);
    if (top.title) mark.title = top.title;
    if (onSpan && covering.some((s) => s.data && s.data.eventId)) {
      const target = covering.find((s) => s.data && s.data.eventId);
      mark.classList.add("clickable");
      mark.addEventListener("click", () => onSpan(target));
    }
    frag.appendChild(mark);
  }
  return frag;
}

export function fmtInt(n) {
  return n === null || n === undefined ? "" : Number(n).toLocaleString("en-US");
}
