// Events per day as an SVG histogram. Drag across it to keep only that date range on the map; a click
// without a drag clears the range. When days outnumber pixels, days are binned and the label says so.
import { el, clear, fmtInt } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const PAD = { left: 36, right: 10, top: 8, bottom: 20 };

function svg(tag, attrs) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, String(v));
  return n;
}

const toDay = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

export function createTimeline(container, label, onRange) {
  let days = [];     // [t, count] sorted, one per bin
  let t0 = 0, t1 = 0, binDays = 1;
  let range = null;  // [since, until] ISO strings
  let width = 0;
  const height = () => container.clientHeight || 90;

  function draw(counts) {
    // counts: {"YYYY-MM-DD": n}
    clear(container);
    width = container.clientWidth || 600;
    const keys = Object.keys(counts).sort();
    if (!keys.length) {
      label.textContent = "No dated events to chart.";
      return;
    }
    t0 = toDay(keys[0]);
    t1 = toDay(keys[keys.length - 1]) + DAY;
    const span = Math.round((t1 - t0) / DAY);
    const plot = width - PAD.left - PAD.right;
    binDays = Math.max(1, Math.ceil(span / Math.max(1, plot / 2)));
    const bins = new Map();
    for (const k of keys) {
      const b = t0 + Math.floor((toDay(k) - t0) / DAY / binDays) * binDays * DAY;
      bins.set(b, (bins.get(b) || 0) + counts[k]);
    }
    days = [...bins.entries()].sort((a, b) => a[0] - b[0]);
    const max = Math.max(...days.map((d) => d[1]));
    const h = height();
    const root = svg("svg", { width, height: h, class: "timeline-svg", role: "img" });
    const y = (n) => h - PAD.bottom - (n / max) * (h - PAD.top - PAD.bottom);
    const barW = Math.max(1, (plot * binDays * DAY) / (t1 - t0) - (binDays * DAY * plot / (t1 - t0) > 3 ? 1 : 0));
    for (const [t, n] of days) {
      const r = svg("rect", { x: x(t), y: y(n), width: barW, height: h - PAD.bottom - y(n), class: "bar" });
      const title = svg("title");
      title.textContent = `${isoDay(t)}${binDays > 1 ? ` (+${binDays - 1} days)` : ""}: ${n} events`;
      r.appendChild(title);
      root.appendChild(r);
    }
    // y axis: the maximum, so bar heights have a scale
    root.appendChild(svg("line", { x1: PAD.left - 2, x2: PAD.left - 2, y1: PAD.top, y2: h - PAD.bottom, class: "axis" }));
    const maxLabel = svg("text", { x: PAD.left - 5, y: PAD.top + 8, class: "tick", "text-anchor": "end" });
    maxLabel.textContent = fmtInt(max);
    root.appendChild(maxLabel);
    for (const t of ticks(t0, t1, plot)) {
      const tx = svg("text", { x: x(t), y: h - 5, class: "tick", "text-anchor": "middle" });
      tx.textContent = isoDay(t);
      root.appendChild(tx);
      root.appendChild(svg("line", { x1: x(t), x2: x(t), y1: h - PAD.bottom, y2: h - PAD.bottom + 3, class: "axis" }));
    }
    const brush = svg("rect", { class: "brush", y: PAD.top - 4, height: h - PAD.top - PAD.bottom + 4, x: 0, width: 0 });
    root.appendChild(brush);
    container.appendChild(root);
    attachBrush(root, brush);
    paintRange(brush);
    describe();
  }

  function x(t) {
    return PAD.left + ((t - t0) / (t1 - t0)) * (width - PAD.left - PAD.right);
  }
  function tAt(px) {
    const f = (px - PAD.left) / (width - PAD.left - PAD.right);
    return t0 + Math.min(1, Math.max(0, f)) * (t1 - t0);
  }

  function attachBrush(root, brush) {
    let startX = null;
    const px = (ev) => ev.clientX - root.getBoundingClientRect().left;
    root.addEventListener("pointerdown", (ev) => {
      startX = px(ev);
      root.setPointerCapture(ev.pointerId);
      brush.setAttribute("x", startX);
      brush.setAttribute("width", 0);
      brush.style.display = "";
    });
    root.addEventListener("pointermove", (ev) => {
      if (startX === null) return;
      brush.setAttribute("x", Math.min(startX, px(ev)));
      brush.setAttribute("width", Math.abs(px(ev) - startX));
    });
    root.addEventListener("pointerup", (ev) => {
      if (startX === null) return;
      const a = Math.min(startX, px(ev)), b = Math.max(startX, px(ev));
      startX = null;
      if (b - a < 4) {
        range = null;
      } else {
        const since = isoDay(Math.floor(tAt(a) / DAY) * DAY);
        const until = isoDay(Math.floor((tAt(b) - 1) / DAY) * DAY);
        range = [since, until];
      }
      paintRange(brush);
      describe();
      onRange(range);
    });
  }

  function paintRange(brush) {
    if (!range) { brush.style.display = "none"; return; }
    const a = x(toDay(range[0])), b = x(toDay(range[1]) + DAY);
    brush.style.display = "";
    brush.setAttribute("x", a);
    brush.setAttribute("width", Math.max(2, b - a));
  }

  function describe() {
    const unit = binDays > 1 ? `events per ${binDays} days` : "events per day";
    label.textContent = range
      ? `${unit} · showing ${range[0]} to ${range[1]} · click the chart to clear`
      : `${unit} · drag across the chart to pick a date range`;
  }

  return {
    draw,
    range: () => range,
    setRange(r) { range = r; },
  };
}

function ticks(t0, t1, plot) {
  // about one label per 110 px, on whole days
  const n = Math.max(2, Math.floor(plot / 110));
  const step = Math.max(DAY, Math.ceil((t1 - t0) / n / DAY) * DAY);
  const out = [];
  for (let t = t0; t < t1; t += step) out.push(t);
  return out;
}
