// eventwire dashboard: plain JS + SVG, talks only to this server's /api.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const QUAD_COLORS = { 0: "#9aa3af", 1: "#7fbf9e", 2: "#2e7d5b", 3: "#e8918a", 4: "#c0392b" };
const state = { sort: "-date", offset: 0, limit: 50, world: null, worldReady: null, booting: false };
const $ = (sel) => document.querySelector(sel);

// ---------- small helpers ----------
function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c.nodeType ? c : String(c));
  return node;
}
const svg = (tag, attrs, ...c) => el("svg:" + tag, attrs, ...c);
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
function showError(msg) {
  const box = $("#error");
  box.textContent = msg;
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 6000);
}
async function api(path, params) {
  const url = new URL(path, location.href);
  if (params) for (const [k, v] of params) url.searchParams.append(k, v);
  const resp = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await resp.json().catch(() => ({}));
  if (!resp.ok) {
    const detail = Array.isArray(body.detail) ? body.detail.map((d) => `${d.loc.slice(-1)}: ${d.msg}`).join("; ") : body.detail;
    throw new Error(`${resp.status}: ${detail || resp.statusText}`);
  }
  return body;
}
const fmtNum = (n) => (n === null || n === undefined ? "" : Number(n).toLocaleString());

// ---------- filters <-> URL ----------
const FIELDS = ["country", "dyad", "sector", "type", "quad", "start", "end", "place", "q", "bbox"];
function filterParams() {
  const form = $("#filters");
  const out = [];
  for (const name of FIELDS) {
    const v = (form.elements[name].value || "").trim();
    if (!v) continue;
    if (name === "quad") for (const q of v.split(",")) out.push(["quad", q]);
    else out.push([name, name === "dyad" || name === "sector" ? v.toUpperCase() : v]);
  }
  return out;
}
function setFilters(values) {
  const form = $("#filters");
  for (const [k, v] of Object.entries(values)) {
    const input = form.elements[k];
    if (!input) continue;
    if (input.tagName === "SELECT" && v && ![...input.options].some((o) => o.value === v)) input.append(el("option", { value: v, text: v }));
    input.value = v;
  }
  const chip = $("#bbox-chip");
  const bbox = form.elements.bbox.value;
  chip.hidden = !bbox;
  chip.textContent = bbox ? `area ${bbox} ×` : "";
}
function syncUrl() {
  const p = new URLSearchParams();
  for (const name of FIELDS) { const v = $("#filters").elements[name].value; if (v) p.set(name, v); }
  history.replaceState(null, "", (p.toString() ? "?" + p : location.pathname) + location.hash);
}
function readUrl() {
  const p = new URLSearchParams(location.search);
  const values = {};
  for (const name of FIELDS) if (p.get(name)) values[name] = p.get(name);
  setFilters(values);
}

// ---------- timeline ----------
function interval() {
  // the filter's dates decide; without them the server picks from the matching events' span
  const f = $("#filters").elements;
  if (!f.start.value || !f.end.value) return "auto";
  const days = (new Date(f.end.value) - new Date(f.start.value)) / 86400000;
  return days > 1100 ? "month" : days > 120 ? "week" : "day";
}
function drawTimeline(data) {
  const box = clear($("#timeline"));
  const W = box.clientWidth || 800, H = box.clientHeight || 170, padL = 34, padB = 16, padT = 6;
  box.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const periods = new Map();
  for (const r of data.series) {
    if (!periods.has(r.period)) periods.set(r.period, { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0, g: 0 });
    const p = periods.get(r.period);
    p[r.quad_class] += r.count;
    p.g += r.goldstein || 0;
  }
  $("#timeline-note").textContent = `per ${data.interval}: cooperation (quad 1–2) up, conflict (quad 3–4) down`;
  if (!periods.size) { box.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty", text: "no dated events" })); return; }
  const keys = allPeriods([...periods.keys()].sort(), data.interval);
  for (const k of keys) if (!periods.has(k)) periods.set(k, { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0, g: 0 });
  const maxUp = Math.max(1, ...keys.map((k) => periods.get(k)[1] + periods.get(k)[2]));
  const maxDown = Math.max(1, ...keys.map((k) => periods.get(k)[3] + periods.get(k)[4]));
  const plotH = H - padB - padT;
  const zero = padT + plotH * (maxUp / (maxUp + maxDown));
  const scale = plotH / (maxUp + maxDown);
  const bw = (W - padL - 4) / keys.length;
  keys.forEach((k, i) => {
    const p = periods.get(k);
    const w = Math.max(1, Math.min(bw * 0.85, 48));
    const x = padL + i * bw + (bw - w) / 2;
    const title = `${k}: ${p[1] + p[2]} cooperation, ${p[3] + p[4]} conflict, ${p[0]} statements; Goldstein ${p.g.toFixed(1)}`;
    let y = zero;
    for (const q of [1, 2]) {
      const h = p[q] * scale;
      y -= h;
      if (h > 0) box.append(svg("rect", { x, y, width: w, height: h, fill: QUAD_COLORS[q], class: "bar", onclick: () => zoomPeriod(k, data.interval) }, svg("title", { text: title })));
    }
    y = zero;
    for (const q of [3, 4]) {
      const h = p[q] * scale;
      if (h > 0) box.append(svg("rect", { x, y, width: w, height: h, fill: QUAD_COLORS[q], class: "bar", onclick: () => zoomPeriod(k, data.interval) }, svg("title", { text: title })));
      y += h;
    }
  });
  box.append(svg("line", { x1: padL, x2: W, y1: zero, y2: zero, class: "axis" }));
  box.append(svg("text", { x: padL - 4, y: padT + 8, "text-anchor": "end", text: maxUp }));
  box.append(svg("text", { x: padL - 4, y: H - padB, "text-anchor": "end", text: maxDown }));
  box.append(svg("text", { x: padL, y: H - 3, text: keys[0] }));
  box.append(svg("text", { x: W - 2, y: H - 3, "text-anchor": "end", text: keys[keys.length - 1] }));
}
// every period from the first to the last (and across the filter's dates), so quiet days show as gaps
function allPeriods(keys, unit) {
  const f = $("#filters").elements;
  const align = (iso) => {
    const d = new Date(iso + "T00:00:00Z");
    if (unit === "week") d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    if (unit === "month") d.setUTCDate(1);
    return d;
  };
  const lo = [keys[0], f.start.value].filter(Boolean).sort()[0];
  const hi = [keys[keys.length - 1], f.end.value].filter(Boolean).sort().pop();
  const out = [];
  for (let d = align(lo); d <= align(hi) && out.length < 4000;) {
    out.push(d.toISOString().slice(0, 10));
    if (unit === "day") d.setUTCDate(d.getUTCDate() + 1);
    else if (unit === "week") d.setUTCDate(d.getUTCDate() + 7);
    else d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out.length < 4000 ? out : keys;
}
function zoomPeriod(period, unit) {
  const start = new Date(period + "T00:00:00Z");
  const end = new Date(start);
  if (unit === "day") end.setUTCDate(end.getUTCDate());
  else if (unit === "week") end.setUTCDate(end.getUTCDate() + 6);
  else { end.setUTCMonth(end.getUTCMonth() + 1); end.setUTCDate(0); }
  setFilters({ start: period, end: end.toISOString().slice(0, 10) });
  refresh();
}

// ---------- map ----------
const MAP_W = 720, MAP_H = 360; // equirectangular: x = lon, y = lat, 2 px per degree
const px = (lon) => (lon + 180) * 2, py = (lat) => (90 - lat) * 2;
function worldLayer() {
  const g = svg("g", {});
  if (!state.world) return g;
  const s = state.world.scale;
  for (const c of state.world.countries) {
    let d = "";
    for (const ring of c.rings) {
      for (let i = 0; i < ring.length; i += 2) d += (i ? "L" : "M") + px(ring[i] / s).toFixed(1) + " " + py(ring[i + 1] / s).toFixed(1);
      d += "Z";
    }
    g.append(svg("path", { d, class: "land" }, svg("title", { text: c.name })));
  }
  return g;
}
function drawMap(data) {
  const box = clear($("#map"));
  box.append(worldLayer());
  const pts = data.places;
  // fit the view to the events (the whole world when they are spread out)
  let view = [0, 10, MAP_W, 300];
  if (pts.length) {
    const xs = pts.map((p) => px(p.lon)), ys = pts.map((p) => py(p.lat));
    let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const w = Math.max(x1 - x0, 60) * 1.3, h = Math.max(y1 - y0, 30) * 1.3;
    const aspect = (box.clientWidth || 600) / (box.clientHeight || 300);
    const vw = Math.min(MAP_W, Math.max(w, h * aspect)), vh = vw / aspect;
    view = [(x0 + x1) / 2 - vw / 2, (y0 + y1) / 2 - vh / 2, vw, vh];
  }
  box.setAttribute("viewBox", view.join(" "));
  box.setAttribute("preserveAspectRatio", "xMidYMid meet");
  const maxCount = Math.max(1, ...pts.map((p) => p.count));
  const unit = view[2] / 180;
  for (const p of pts.slice().reverse()) {
    const share = p.conflict / Math.max(1, p.conflict + p.cooperation);
    const color = p.conflict + p.cooperation === 0 ? QUAD_COLORS[0] : share >= 0.5 ? QUAD_COLORS[4] : QUAD_COLORS[2];
    const r = unit * (0.6 + 2.4 * Math.sqrt(p.count / maxCount));
    box.append(svg("circle", { cx: px(p.lon), cy: py(p.lat), r, fill: color, "fill-opacity": 0.75, class: "dot",
      onclick: () => { setFilters({ place: p.place || "" }); refresh(); } },
      svg("title", { text: `${p.place || "?"}: ${p.count} events (${p.conflict} conflict, ${p.cooperation} cooperation)` })));
  }
  enableBoxSelect(box);
}
function enableBoxSelect(box) {
  let start = null, rect = null;
  const toMap = (ev) => {
    const pt = box.createSVGPoint();
    pt.x = ev.clientX; pt.y = ev.clientY;
    return pt.matrixTransform(box.getScreenCTM().inverse());
  };
  box.onmousedown = (ev) => {
    if (!ev.shiftKey) return;
    ev.preventDefault();
    start = toMap(ev);
    rect = svg("rect", { class: "sel", x: start.x, y: start.y, width: 0, height: 0 });
    box.append(rect);
  };
  box.onmousemove = (ev) => {
    if (!start) return;
    const p = toMap(ev);
    rect.setAttribute("x", Math.min(p.x, start.x)); rect.setAttribute("y", Math.min(p.y, start.y));
    rect.setAttribute("width", Math.abs(p.x - start.x)); rect.setAttribute("height", Math.abs(p.y - start.y));
  };
  box.onmouseup = (ev) => {
    if (!start) return;
    const p = toMap(ev);
    const lon = (x) => Math.max(-180, Math.min(180, x / 2 - 180)).toFixed(2);
    const lat = (y) => Math.max(-90, Math.min(90, 90 - y / 2)).toFixed(2);
    const bbox = [lon(Math.min(p.x, start.x)), lat(Math.max(p.y, start.y)), lon(Math.max(p.x, start.x)), lat(Math.min(p.y, start.y))];
    start = null;
    if (Number(bbox[0]) < Number(bbox[2]) && Number(bbox[1]) < Number(bbox[3])) { setFilters({ bbox: bbox.join(",") }); refresh(); }
  };
}

// ---------- network ----------
function drawNetwork(data) {
  const box = clear($("#network"));
  const W = box.clientWidth || 400, H = box.clientHeight || 300;
  box.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const nodes = data.nodes.slice(0, 24);
  if (!nodes.length) { box.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty", text: "no events with both an actor and a recipient country" })); return; }
  const keep = new Set(nodes.map((n) => n.id));
  const R = Math.min(W, H) / 2 - 34, cx = W / 2, cy = H / 2;
  const pos = new Map(nodes.map((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
    return [n.id, [cx + R * Math.cos(a), cy + R * Math.sin(a), a]];
  }));
  const maxE = Math.max(1, ...data.edges.map((e) => e.count));
  const maxN = Math.max(1, ...nodes.map((n) => n.count));
  const defs = svg("defs", {});
  for (const [id, color] of [["arrow-coop", QUAD_COLORS[2]], ["arrow-conf", QUAD_COLORS[4]], ["arrow-mid", QUAD_COLORS[0]]])
    defs.append(svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 3.5, markerHeight: 3.5, orient: "auto-start-reverse" }, svg("path", { d: "M0 0L10 5L0 10z", fill: color })));
  box.append(defs);
  for (const e of data.edges) {
    if (!keep.has(e.source) || !keep.has(e.target)) continue;
    const [x1, y1] = pos.get(e.source), [x2, y2] = pos.get(e.target);
    const kind = e.mean_goldstein < -0.5 ? "conf" : e.mean_goldstein > 0.5 ? "coop" : "mid";
    const color = { conf: QUAD_COLORS[4], coop: QUAD_COLORS[2], mid: QUAD_COLORS[0] }[kind];
    // bend each direction to its own side so A->B and B->A stay apart
    const mx = (x1 + x2) / 2 + (y2 - y1) * 0.12, my = (y1 + y2) / 2 - (x2 - x1) * 0.12;
    const dx = x2 - mx, dy = y2 - my, len = Math.hypot(dx, dy) || 1;
    const rT = 4 + 8 * Math.sqrt((nodes.find((n) => n.id === e.target) || { count: 1 }).count / maxN);
    const ex = x2 - (dx / len) * (rT + 2), ey = y2 - (dy / len) * (rT + 2);
    box.append(svg("path", { d: `M${x1} ${y1}Q${mx} ${my} ${ex} ${ey}`, class: "edge", stroke: color,
      "stroke-width": 1.5 + 3 * Math.sqrt(e.count / maxE), "marker-end": `url(#arrow-${kind})`,
      onclick: () => { setFilters({ dyad: `${e.source.slice(0, 3)}-${e.target.slice(0, 3)}`, country: "" }); refresh(); } },
      svg("title", { text: `${e.source} → ${e.target}: ${e.count} events (${e.conflict} conflict, ${e.cooperation} cooperation), mean Goldstein ${e.mean_goldstein}` })));
  }
  for (const n of nodes) {
    const [x, y, a] = pos.get(n.id);
    const r = 4 + 8 * Math.sqrt(n.count / maxN);
    const lx = x + Math.cos(a) * (r + 4), ly = y + Math.sin(a) * (r + 4) + 3;
    box.append(svg("g", { class: "node", onclick: () => { setFilters({ country: n.id.slice(0, 3), dyad: "" }); refresh(); } },
      svg("circle", { cx: x, cy: y, r }), svg("text", { x: lx, y: ly, "text-anchor": Math.cos(a) < -0.2 ? "end" : Math.cos(a) > 0.2 ? "start" : "middle", text: n.id }),
      svg("title", { text: `${n.id}: ${n.count} events in these dyads` })));
  }
}

// ---------- alerts ----------
function drawAlerts(data) {
  const list = clear($("#alerts"));
  if (!data.alerts.length) { list.append(el("li", { class: "muted", text: `no spikes in the week to ${data.as_of || "—"}` })); return; }
  for (const a of data.alerts.slice(0, 20)) {
    const sig = a.signals.map((s) => (s.signal === "conflict_count" ? `${s.value} conflict events vs ${s.baseline_mean}` : `Goldstein ${s.value} vs ${s.baseline_mean}`)).join("; ");
    list.append(el("li", { title: `${a.evidence.length} evidence events; click to filter`, onclick: () => {
      setFilters(a.kind === "dyad" ? { dyad: a.key, country: "", quad: "3,4", start: a.start, end: a.end } : { country: a.key, dyad: "", quad: "3,4", start: a.start, end: a.end });
      refresh();
    } }, el("span", { class: "score", text: a.score.toFixed(1) }), el("b", { text: a.key }), " ", el("span", { class: "muted", text: `${a.start}…${a.end}: ${sig}` })));
  }
}

// ---------- table ----------
function drawTable(data) {
  const body = clear($("#events tbody"));
  $("#count").textContent = `${fmtNum(data.total)} matching`;
  for (const e of data.events) {
    const snippet = (e.text || "").length > 160 ? e.text.slice(0, 157) + "…" : e.text || "";
    body.append(el("tr", { "data-id": e.id, onclick: () => openEvent(e.id) },
      el("td", { text: e.date || "—" }), el("td", { class: `q${e.quad_class}`, text: e.event }), el("td", { text: e.cameo }),
      el("td", { title: e.actor_text || "", text: e.actor_code || "?" }), el("td", { title: e.recipient_text || "", text: e.recipient_code || "?" }),
      el("td", { text: e.place || "" }), el("td", { class: `num q${e.quad_class}`, text: e.goldstein }), el("td", { class: "num", text: e.num_mentions }),
      el("td", { class: "evidence", text: snippet })));
  }
  if (!data.events.length) body.append(el("tr", {}, el("td", { colspan: 9, class: "muted", text: "no events match these filters" })));
  const last = Math.min(data.total, data.offset + data.events.length);
  $("#page").textContent = data.total ? `${fmtNum(data.offset + 1)}–${fmtNum(last)} of ${fmtNum(data.total)}` : "";
  $("#prev").disabled = data.offset === 0;
  $("#next").disabled = last >= data.total;
  for (const th of document.querySelectorAll("#events th[data-sort]")) {
    const key = th.dataset.sort;
    th.classList.toggle("sorted", state.sort.replace("-", "") === key);
    th.classList.toggle("asc", state.sort === key);
  }
}
async function loadTable() {
  const params = [...filterParams(), ["sort", state.sort], ["limit", state.limit], ["offset", state.offset]];
  drawTable(await api("api/events", params));
}

// ---------- detail: event and article ----------
function highlighted(text, spans) {
  const out = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    out.push(text.slice(at, s.start));
    out.push(el("mark", { class: `hl-${s.role}`, title: s.role + (s.code ? ` ${s.code}` : "") , text: text.slice(s.start, s.end) }));
    at = s.end;
  }
  out.push(text.slice(at));
  return out;
}
function entity(list) {
  if (!list || !list.length) return "—";
  return list.map((a) => `${a.code || "?"} (${a.text})`).join("; ");
}
async function openEvent(id) {
  let ev;
  try { ev = await api(`api/events/${encodeURIComponent(id)}`); } catch (err) { showError(err.message); return; }
  const r = ev.record || {};
  const mod = r.modality || {};
  const flags = ["negated", "hypothetical", "future", "historical"].filter((k) => mod[k]);
  const body = clear($("#detail-body"));
  body.append(
    el("h3", { class: `q${ev.quad_class}`, text: `${ev.event} · ${ev.cameo} ${r.cameo_name || ""}` }),
    el("dl", { class: "facts" },
      el("dt", { text: "Date" }), el("dd", { text: `${ev.date || "unknown"} (${ev.date_source})` }),
      el("dt", { text: "Actor" }), el("dd", { text: entity(r.actor) }),
      el("dt", { text: "Recipient" }), el("dd", { text: entity(r.recipient) }),
      el("dt", { text: "Where" }), el("dd", { text: ev.place ? `${ev.place} (${ev.place_country || "?"}; ${ev.lat}, ${ev.lon})` : "—" }),
      el("dt", { text: "Quad · Goldstein" }), el("dd", { text: `${ev.quad_class} · ${ev.goldstein}` }),
      el("dt", { text: "Confidence" }), el("dd", { text: `${ev.confidence} (${r.decided_by || ""})` }),
      flags.length || mod.reported_by ? el("dt", { text: "Modality" }) : null,
      flags.length || mod.reported_by ? el("dd", { text: [...flags, mod.reported_by ? `reported by ${mod.reported_by}` : ""].filter(Boolean).join(", ") }) : null,
      (r.quantities || []).length ? el("dt", { text: "Quantities" }) : null,
      (r.quantities || []).length ? el("dd", { text: r.quantities.map((q) => `${q.text} (${q.kind})`).join("; ") }) : null,
      el("dt", { text: "Reports" }), el("dd", { text: `${ev.num_mentions} sentence(s) in ${ev.num_articles} article(s) from ${ev.num_sources} source(s)` })),
    el("h4", {}, `Evidence (${ev.mentions.length})`),
    el("div", { class: "legend" }, el("mark", { class: "hl-actor", text: "actor" }), el("mark", { class: "hl-trigger", text: "predicate" }), el("mark", { class: "hl-recipient", text: "recipient" })));
  for (const m of ev.mentions) {
    body.append(el("div", { class: "mention" },
      el("blockquote", { class: "evidence" }, highlighted(m.text || "", m.spans || [])),
      el("div", { class: "cite" },
        el("a", { href: `#article/${encodeURIComponent(m.article_id)}`, class: "article-link", onclick: (e) => { e.preventDefault(); openArticle(m.article_id, m, id); } },
          m.title || m.article_id),
        ` · ${m.outlet || m.source || "unknown outlet"} · ${m.published || "undated"} · sentence ${m.sentence}`,
        m.url ? el("span", {}, " · ", el("a", { href: m.url, target: "_blank", rel: "noopener noreferrer", text: "original ↗" })) : null)));
  }
  $("#detail").hidden = false;
  history.replaceState(null, "", location.search + `#event/${encodeURIComponent(id)}`);
}
async function openArticle(id, mention, fromEvent) {
  let a;
  try { a = await api(`api/articles/${encodeURIComponent(id)}`); } catch (err) { showError(err.message); return; }
  const body = clear($("#detail-body"));
  const text = a.text || "";
  const marks = mention ? [{ start: mention.start_char, end: mention.end_char, role: "sentence" }] : [];
  body.append(
    fromEvent ? el("a", { href: `#event/${encodeURIComponent(fromEvent)}`, class: "back", onclick: (e) => { e.preventDefault(); openEvent(fromEvent); } }, "‹ back to the event") : null,
    el("h3", { text: a.title || a.id }),
    el("p", { class: "muted" }, `${a.source || "unknown outlet"} · ${a.published || "undated"} · ${a.status} · `,
      a.url ? el("a", { href: a.url, target: "_blank", rel: "noopener noreferrer", text: "original ↗" }) : "no URL"),
    el("h4", { text: `Events coded from it (${a.events.length})` }),
    el("ul", {}, a.events.map((e) => el("li", {}, el("a", { href: `#event/${encodeURIComponent(e.event_id)}`, onclick: (ev) => { ev.preventDefault(); openEvent(e.event_id); } },
      `${e.event} ${e.cameo}: ${e.actor_code || "?"} → ${e.recipient_code || "?"}`), el("span", { class: "muted", text: ` sentence ${e.sentence}` })))),
    el("h4", { text: "Text" }),
    el("div", { class: "article-text" }, highlighted(text, marks)));
  $("#detail").hidden = false;
  history.replaceState(null, "", location.search + `#article/${encodeURIComponent(id)}`);
}
function closeDetail() {
  $("#detail").hidden = true;
  history.replaceState(null, "", location.pathname + location.search);
}

// ---------- wiring ----------
async function refresh() {
  state.offset = 0;
  syncUrl();
  document.body.dataset.ready = "0";
  const f = filterParams();
  const country = $("#filters").elements.country.value;
  const alertParams = country ? [["country", country]] : [];
  const level = $("#by-actor").checked ? "actor" : "country";
  try {
    await Promise.all([
      api("api/timeline", [...f, ["interval", interval()]]).then(drawTimeline),
      Promise.all([api("api/places", f), state.worldReady]).then(([places]) => drawMap(places)),
      api("api/dyads", [...f, ["level", level], ["limit", 60]]).then(drawNetwork),
      api("api/alerts", alertParams).then(drawAlerts),
      loadTable(),
    ]);
  } catch (err) {
    showError(err.message);
  }
  if (!state.booting) document.body.dataset.ready = "1";
}

async function init() {
  state.booting = true;
  readUrl();
  // the panels load at once; the filter choices (countries, types) fill in when the store summary arrives
  state.worldReady = fetch("static/world.json").then((r) => r.json()).then((w) => { state.world = w; }).catch(() => null);
  const first = refresh();
  const meta = await api("api/meta");
  await state.worldReady;
  $("#stats").textContent = `${fmtNum(meta.events)} events · ${fmtNum(meta.articles)} articles · ${meta.first_date || "?"} to ${meta.last_date || "?"}`;
  const names = new Map((state.world ? state.world.countries : []).map((c) => [c.iso3, c.name]));
  const countrySel = $("#filters").elements.country;
  const option = (sel, value, text) => {
    const found = [...sel.options].find((o) => o.value === value);
    if (found) found.textContent = text; // added earlier from the URL
    else sel.append(el("option", { value, text }));
  };
  for (const c of meta.countries) option(countrySel, c.code, `${c.code} ${names.get(c.code) || ""} (${c.count})`);
  const typeSel = $("#filters").elements.type;
  for (const t of meta.types) option(typeSel, t.type, `${t.type} (${t.count})`);
  $("#filters").addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  for (const name of ["country", "type", "quad"]) $("#filters").elements[name].addEventListener("change", refresh);
  $("#reset").addEventListener("click", () => { $("#filters").reset(); setFilters({ bbox: "" }); refresh(); });
  $("#bbox-chip").addEventListener("click", () => { setFilters({ bbox: "" }); refresh(); });
  $("#by-actor").addEventListener("change", refresh);
  $("#close").addEventListener("click", closeDetail);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeDetail(); });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); loadTable().catch((e) => showError(e.message)); });
  $("#next").addEventListener("click", () => { state.offset += state.limit; loadTable().catch((e) => showError(e.message)); });
  for (const th of document.querySelectorAll("#events th[data-sort]")) {
    th.addEventListener("click", () => {
      const key = th.dataset.sort;
      state.sort = state.sort === "-" + key ? key : "-" + key;
      state.offset = 0;
      loadTable().catch((e) => showError(e.message));
    });
  }
  await first;
  state.booting = false;
  document.body.dataset.ready = "1"; // every panel drawn and every control live
  window.__deskLoadMs = performance.now();
  const [kind, id] = location.hash.slice(1).split("/");
  if (kind === "event" && id) openEvent(decodeURIComponent(id));
  if (kind === "article" && id) openArticle(decodeURIComponent(id));
}

init().catch((err) => {
  showError(err.message);
  document.body.dataset.ready = "1";
});
