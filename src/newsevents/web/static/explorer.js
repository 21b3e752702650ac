// The explorer page: filters, a map, a timeline and a table of events.
// The map and the timeline ask the API for aggregates, never for all events.
"use strict";

(() => {
  const { el, svg, clear, getJSON, count, articleHref, QUAD_NAMES } = NE;

  const FILTERS = ["start", "end", "country", "country_role", "plover", "cameo_root", "status", "actor", "q"];
  // Rows per page: 50, or ?limit=N (1..1000) in the address.
  const PAGE_SIZE = Math.min(1000, Math.max(1, parseInt(new URLSearchParams(window.location.search).get("limit") || "50", 10) || 50));
  const QUAD_COLORS = { 0: "#9aa0a6", 1: "#8ab4f8", 2: "#1a73e8", 3: "#f9ab00", 4: "#d93025" };
  // The map shows latitudes 84N..58S: the inhabited world, in an equirectangular projection.
  const NORTH = 84;
  const SOUTH = -58;

  const form = document.getElementById("filters");
  // Paging: the table asks for the next page with the API's cursor; `back` keeps the
  // cursors of the pages before, so Previous returns to them. `offset` (the rows
  // before this page) is shown, kept in the address, and used only to open a page
  // from an address.
  const state = { sort: "date", order: "desc", offset: 0, cursor: null, back: [], next: null, summary: null };
  const inflight = {};
  let basemap = null;
  let mapPoints = [];

  // ---- state <-> URL and form ----

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    for (const name of FILTERS) {
      const field = form.elements.namedItem(name);
      if (field) field.value = params.get(name) || (name === "country_role" ? "any" : "");
    }
    state.sort = params.get("sort") || "date";
    state.order = params.get("order") === "asc" ? "asc" : "desc";
    state.offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  }

  function filters() {
    const out = {};
    for (const name of FILTERS) {
      const field = form.elements.namedItem(name);
      const value = field ? field.value.trim() : "";
      if (value && !(name === "country_role" && value === "any")) out[name] = value;
    }
    if (out.country_role && !out.country) delete out.country_role;
    return out;
  }

  function writeUrl() {
    const params = new URLSearchParams(filters());
    if (state.sort !== "date") params.set("sort", state.sort);
    if (state.order !== "desc") params.set("order", state.order);
    if (state.offset) params.set("offset", String(state.offset));
    if (PAGE_SIZE !== 50) params.set("limit", String(PAGE_SIZE));
    const query = params.toString();
    window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
  }

  /** Run one loader at a time per panel: a newer request aborts the older one. */
  function load(name, task) {
    if (inflight[name]) inflight[name].abort();
    const controller = new AbortController();
    inflight[name] = controller;
    return task(controller.signal)
      .catch(NE.showError)
      .finally(() => {
        if (inflight[name] === controller) delete inflight[name];
      });
  }

  function firstPage() {
    state.offset = 0;
    state.cursor = null;
    state.back = [];
  }

  function refresh({ keepOffset = false } = {}) {
    if (!keepOffset) firstPage();
    NE.hideError();
    writeUrl();
    document.body.dataset.loading = "true";
    return Promise.all([
      load("table", loadTable),
      load("timeline", loadTimeline),
      load("map", loadMap),
    ]).finally(() => {
      document.body.dataset.loading = "false";
    });
  }

  // ---- the table ----

  async function loadTable(signal) {
    const params = { ...filters(), sort: state.sort, order: state.order, limit: PAGE_SIZE };
    if (state.cursor) params.cursor = state.cursor;
    else if (state.offset) params.offset = state.offset;
    const page = await getJSON("/api/events", params, signal);
    state.next = page.next_cursor;
    renderTable(page);
  }

  function actors(names, code) {
    const label = names.length ? names.join(", ") : "";
    if (!code) return label;
    return label ? `${label} (${code})` : code;
  }

  function renderTable(page) {
    const body = document.querySelector("#events tbody");
    clear(body);
    for (const e of page.events) {
      const type = e.plover_type ? e.plover_type + (e.plover_mode ? "/" + e.plover_mode : "") : "—";
      const where = e.location_name ? `${e.location_name}${e.location_country ? " (" + e.location_country + ")" : ""}` : "";
      const link = el("a", { href: articleHref(e.article_id, e.event_id) }, e.title || e.article_id);
      body.append(
        el(
          "tr",
          { dataset: { eventId: e.event_id, quad: e.quad_class ?? "" } },
          el("td", { class: "nowrap" }, e.date || "—"),
          el("td", {}, type),
          el("td", { class: "num", title: QUAD_NAMES[e.quad_class] || "" }, e.cameo_code || ""),
          el("td", { class: "status status-" + (e.status || "none") }, e.status || ""),
          el("td", {}, actors(e.source, e.source_country)),
          el("td", {}, actors(e.target, e.target_country)),
          el("td", {}, where),
          el("td", { class: "trigger" }, e.trigger_text || ""),
          el("td", { class: "num" }, e.goldstein === null ? "" : e.goldstein.toFixed(1)),
          el("td", { class: "article" }, link),
        ),
      );
    }
    if (!page.events.length) {
      body.append(el("tr", {}, el("td", { colspan: 10, class: "empty" }, "No events match these filters.")));
    }
    const total = page.total;
    const first = page.events.length ? state.offset + 1 : 0;
    const last = state.offset + page.events.length;
    document.getElementById("count").textContent = total === null ? "" : `${count(total)} matching`;
    document.getElementById("page").textContent = page.events.length
      ? `${count(first)}–${count(last)}${total === null ? "" : " of " + count(total)}`
      : "";
    document.getElementById("prev").disabled = state.offset === 0;
    document.getElementById("next").disabled = !page.next_cursor;
    for (const th of document.querySelectorAll("#events th[data-sort]")) {
      const active = th.dataset.sort === state.sort;
      th.setAttribute("aria-sort", active ? (state.order === "asc" ? "ascending" : "descending") : "none");
    }
  }

  // ---- the timeline ----

  function daysBetween(a, b) {
    return (Date.parse(b) - Date.parse(a)) / 86400000;
  }

  function interval() {
    const f = filters();
    const s = state.summary || {};
    const first = f.start || s.first_date;
    const last = f.end || s.last_date;
    if (!first || !last) return "day";
    const span = daysBetween(first, last);
    if (span <= 120) return "day";
    if (span <= 3 * 365) return "week";
    return "month";
  }

  async function loadTimeline(signal) {
    const by = interval();
    const data = await getJSON("/api/aggregates", { ...filters(), by, limit: 10000 }, signal);
    document.getElementById("interval").textContent = `events by ${by}, coloured by QuadClass; line: mean Goldstein`;
    renderTimeline(fillGaps(data.buckets, by), by);
  }

  function bucketRange(key, by) {
    if (by === "day") return [key, key];
    if (by === "month") {
      const [y, m] = key.split("-").map(Number);
      const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return [`${key}-01`, `${key}-${String(lastDay).padStart(2, "0")}`];
    }
    if (by === "year") return [`${key}-01-01`, `${key}-12-31`];
    const end = new Date(Date.parse(key) + 6 * 86400000).toISOString().slice(0, 10);
    return [key, end];
  }

  function nextKey(key, by) {
    if (by === "day" || by === "week") {
      const days = by === "day" ? 1 : 7;
      return new Date(Date.parse(key) + days * 86400000).toISOString().slice(0, 10);
    }
    if (by === "month") {
      const [y, m] = key.split("-").map(Number);
      return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
    }
    return String(Number(key) + 1);
  }

  /** Time buckets with the empty ones between them, so the axis is linear in time. */
  function fillGaps(buckets, by) {
    if (buckets.length < 2) return buckets;
    const byKey = new Map(buckets.map((b) => [b.key, b]));
    const out = [];
    const last = buckets[buckets.length - 1].key;
    for (let key = buckets[0].key; key <= last && out.length <= 5000; key = nextKey(key, by)) {
      out.push(byKey.get(key) || { key, count: 0, mean_goldstein: null, quad_class: {} });
    }
    return out.length > 5000 ? buckets : out;
  }

  function renderTimeline(buckets, by) {
    const wrap = document.getElementById("timeline-wrap");
    clear(wrap);
    const width = Math.max(320, wrap.clientWidth || 800);
    const height = 170;
    const pad = { left: 44, right: 36, top: 8, bottom: 22 };
    const chart = svg("svg", {
      id: "timeline",
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "aria-label": "events over time",
    });
    wrap.append(chart);
    if (!buckets.length) {
      chart.append(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "axis" }, "No dated events"));
      return;
    }
    const innerW = width - pad.left - pad.right;
    const innerH = height - pad.top - pad.bottom;
    const max = Math.max(...buckets.map((b) => b.count));
    const step = innerW / buckets.length;
    const barW = Math.min(48, Math.max(1, step - (step > 4 ? 1 : 0)));
    const y = (v) => pad.top + innerH - (v / max) * innerH;
    const gy = (g) => pad.top + innerH - ((g + 10) / 20) * innerH;

    chart.append(
      svg("line", { x1: pad.left, x2: width - pad.right, y1: gy(0), y2: gy(0), class: "zero" }),
      svg("text", { x: pad.left - 6, y: pad.top + 10, "text-anchor": "end", class: "axis" }, count(max)),
      svg("text", { x: pad.left - 6, y: pad.top + innerH, "text-anchor": "end", class: "axis" }, "0"),
      svg("text", { x: width - pad.right + 4, y: pad.top + 10, class: "axis" }, "+10"),
      svg("text", { x: width - pad.right + 4, y: pad.top + innerH, class: "axis" }, "−10"),
    );
    const bars = svg("g", { class: "bars" });
    const line = [];
    buckets.forEach((b, i) => {
      const x = pad.left + i * step + (step - barW) / 2;
      let base = 0;
      const group = svg("g", { class: "bucket", dataset: { key: b.key } });
      for (const q of [4, 3, 2, 1, 0]) {
        const n = b.quad_class[String(q)] || 0;
        if (!n) continue;
        group.append(
          svg("rect", { x, y: y(base + n), width: barW, height: Math.max(0.5, y(base) - y(base + n)), fill: QUAD_COLORS[q] }),
        );
        base += n;
      }
      const other = b.count - base; // events with no QuadClass
      if (other > 0) {
        group.append(svg("rect", { x, y: y(base + other), width: barW, height: y(base) - y(base + other), fill: "#ccc" }));
      }
      // A transparent full-height target makes thin bars easy to hover and click.
      if (!b.count) return;
      const hit = svg("rect", { x, y: pad.top, width: Math.max(barW, 3), height: innerH, class: "hit" });
      const mean = b.mean_goldstein === null ? "n/a" : b.mean_goldstein.toFixed(2);
      hit.append(svg("title", {}, `${b.key}: ${count(b.count)} events, mean Goldstein ${mean}`));
      hit.addEventListener("click", () => {
        const [start, end] = bucketRange(b.key, by);
        form.elements.namedItem("start").value = start;
        form.elements.namedItem("end").value = end;
        refresh();
      });
      group.append(hit);
      bars.append(group);
      if (b.mean_goldstein !== null) line.push(`${(x + barW / 2).toFixed(1)},${gy(b.mean_goldstein).toFixed(1)}`);
    });
    chart.append(bars);
    if (line.length > 1) chart.append(svg("polyline", { points: line.join(" "), class: "goldstein" }));
    const labels = [0, Math.floor(buckets.length / 2), buckets.length - 1];
    for (const i of [...new Set(labels)]) {
      let anchor = "middle";
      let x = pad.left + (i + 0.5) * step;
      if (buckets.length > 2 && i === 0) [anchor, x] = ["start", pad.left];
      if (buckets.length > 2 && i === buckets.length - 1) [anchor, x] = ["end", width - pad.right];
      chart.append(svg("text", { x, y: height - 6, "text-anchor": anchor, class: "axis" }, buckets[i].key));
    }
  }

  function renderLegend() {
    const legend = document.getElementById("timeline-legend");
    clear(legend);
    for (const q of [1, 2, 3, 4, 0]) {
      const swatch = el("span", { class: "swatch swatch-q" + q });
      legend.append(el("span", { class: "legend-item" }, swatch, QUAD_NAMES[q]));
    }
    legend.append(el("span", { class: "legend-item" }, el("span", { class: "swatch swatch-line" }), "mean Goldstein"));
  }

  // ---- the map ----

  const canvas = document.getElementById("map");
  const tip = document.getElementById("map-tip");

  // Zoom and pan: the world drawn `scale` times larger, shifted by (tx, ty) pixels.
  const view = { scale: 1, tx: 0, ty: 0 };
  const MAX_SCALE = 32;

  function project(lon, lat, w, h) {
    const x = ((lon + 180) / 360) * w;
    const y = ((NORTH - lat) / (NORTH - SOUTH)) * h;
    return [x * view.scale + view.tx, y * view.scale + view.ty];
  }

  function unproject(x, y, w, h) {
    const bx = (x - view.tx) / view.scale;
    const by = (y - view.ty) / view.scale;
    return [(bx / w) * 360 - 180, NORTH - (by / h) * (NORTH - SOUTH)];
  }

  /** Keep the world filling the canvas: no empty margin on any side. */
  function clampView(w, h) {
    view.scale = Math.min(MAX_SCALE, Math.max(1, view.scale));
    view.tx = Math.min(0, Math.max(w - w * view.scale, view.tx));
    view.ty = Math.min(0, Math.max(h - h * view.scale, view.ty));
  }

  let drawing = 0;
  function redrawSoon() {
    if (!drawing) {
      drawing = requestAnimationFrame(() => {
        drawing = 0;
        drawMap();
      });
    }
  }

  function mapSize() {
    const width = Math.max(320, canvas.parentElement.clientWidth || 800);
    return [width, Math.round((width * (NORTH - SOUTH)) / 360)];
  }

  async function loadMap(signal) {
    const f = filters();
    // One-degree cells for a whole large store, a tenth of a degree once narrowed.
    const big = state.summary && state.summary.events > 200000;
    const narrowed = f.country || f.start || f.end || f.q || f.actor;
    const params = { ...f, by: "location", precision: big && !narrowed ? 0 : 1, limit: 3000 };
    const data = await getJSON("/api/aggregates", params, signal);
    mapPoints = data.buckets;
    drawMap();
  }

  function drawMap() {
    const [w, h] = mapSize();
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    canvas.style.width = w + "px";
    canvas.style.height = h + "px";
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    clampView(w, h);
    canvas.dataset.scale = view.scale.toFixed(3);
    ctx.fillStyle = "#dbe7ef";
    ctx.fillRect(0, 0, w, h);
    const selected = (filters().country || "").toUpperCase();
    if (basemap) {
      ctx.lineWidth = 0.5;
      ctx.strokeStyle = "#a9a293";
      for (const feature of basemap.features) {
        ctx.beginPath();
        for (const polygon of feature.geometry.coordinates) {
          for (const ring of polygon) {
            ring.forEach(([lon, lat], i) => {
              const [x, y] = project(lon, lat, w, h);
              if (i === 0) ctx.moveTo(x, y);
              else ctx.lineTo(x, y);
            });
            ctx.closePath();
          }
        }
        ctx.fillStyle = feature.properties.iso3 === selected ? "#e9d8a6" : "#f4f1ea";
        ctx.fill("evenodd");
        ctx.stroke();
      }
    }
    const max = Math.max(1, ...mapPoints.map((p) => p.count));
    const ordered = [...mapPoints].sort((a, b) => b.count - a.count);
    for (const p of ordered) {
      const [x, y] = project(p.lon, p.lat, w, h);
      p.x = x;
      p.y = y;
      p.r = 2 + 12 * Math.sqrt(p.count / max);
      const g = p.mean_goldstein ?? 0;
      ctx.beginPath();
      ctx.arc(x, y, p.r, 0, Math.PI * 2);
      ctx.fillStyle = g < 0 ? "rgba(217, 48, 37, 0.55)" : "rgba(26, 115, 232, 0.55)";
      ctx.fill();
      ctx.lineWidth = 0.75;
      ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
      ctx.stroke();
    }
    canvas.dataset.points = String(mapPoints.length);
  }

  function pointAt(x, y) {
    let best = null;
    let bestDistance = Infinity;
    for (const p of mapPoints) {
      const d = Math.hypot(p.x - x, p.y - y);
      if (d <= p.r + 3 && d < bestDistance) {
        best = p;
        bestDistance = d;
      }
    }
    return best;
  }

  function inRing(lon, lat, ring) {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  function countryAt(lon, lat) {
    if (!basemap) return null;
    for (const feature of basemap.features) {
      for (const polygon of feature.geometry.coordinates) {
        if (inRing(lon, lat, polygon[0])) return feature.properties;
      }
    }
    return null;
  }

  // Wheel: zoom about the pointer. Drag: pan. The button: the whole world again.
  canvas.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const x = event.clientX - rect.left;
      const y = event.clientY - rect.top;
      const factor = Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015));
      const scale = Math.min(MAX_SCALE, Math.max(1, view.scale * factor));
      view.tx = x - ((x - view.tx) * scale) / view.scale;
      view.ty = y - ((y - view.ty) * scale) / view.scale;
      view.scale = scale;
      redrawSoon();
    },
    { passive: false },
  );
  let drag = null;
  canvas.addEventListener("mousedown", (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, tx: view.tx, ty: view.ty, moved: false };
  });
  window.addEventListener("mousemove", (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (!drag.moved) return;
    view.tx = drag.tx + dx;
    view.ty = drag.ty + dy;
    canvas.classList.add("dragging");
    tip.hidden = true;
    redrawSoon();
  });
  window.addEventListener("mouseup", () => {
    canvas.classList.remove("dragging");
    if (drag && drag.moved) canvas.dataset.dragged = "true";
    drag = null;
  });
  document.getElementById("map-reset").addEventListener("click", () => {
    Object.assign(view, { scale: 1, tx: 0, ty: 0 });
    redrawSoon();
  });

  canvas.addEventListener("mousemove", (event) => {
    if (drag && drag.moved) return;
    const rect = canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const p = pointAt(x, y);
    const [w, h] = mapSize();
    const country = p ? null : countryAt(...unproject(x, y, w, h));
    if (!p && !country) {
      tip.hidden = true;
      return;
    }
    tip.textContent = p
      ? `${p.label || p.key}: ${count(p.count)} events, mean Goldstein ${p.mean_goldstein === null ? "n/a" : p.mean_goldstein.toFixed(2)}`
      : `${country.name} (${country.iso3})`;
    tip.style.left = Math.min(x + 12, w - 200) + "px";
    tip.style.top = y + 12 + "px";
    tip.hidden = false;
  });
  canvas.addEventListener("mouseleave", () => {
    tip.hidden = true;
  });
  canvas.addEventListener("click", (event) => {
    if (canvas.dataset.dragged) {
      delete canvas.dataset.dragged; // the end of a drag, not a click
      return;
    }
    const rect = canvas.getBoundingClientRect();
    const [w, h] = mapSize();
    const country = countryAt(...unproject(event.clientX - rect.left, event.clientY - rect.top, w, h));
    if (!country) return;
    form.elements.namedItem("country").value = country.iso3;
    refresh();
  });

  // ---- start ----

  function fillSelect(name, values) {
    const select = form.elements.namedItem(name);
    const current = select.value;
    for (const value of values) select.append(el("option", { value }, value));
    select.value = current;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    refresh();
  });
  document.getElementById("clear").addEventListener("click", () => {
    form.reset();
    state.sort = "date";
    state.order = "desc";
    refresh();
  });
  // Paging changes the table only: the map and the timeline show every match.
  function showPage() {
    writeUrl();
    load("table", loadTable);
  }
  document.getElementById("next").addEventListener("click", () => {
    if (!state.next) return;
    state.back.push({ cursor: state.cursor, offset: state.offset });
    state.cursor = state.next;
    state.offset += PAGE_SIZE;
    showPage();
  });
  document.getElementById("prev").addEventListener("click", () => {
    const before = state.back.pop();
    if (before) {
      state.cursor = before.cursor;
      state.offset = before.offset;
    } else {
      // A page opened from an address: no cursor to go back to, so by offset.
      state.cursor = null;
      state.offset = Math.max(0, state.offset - PAGE_SIZE);
    }
    showPage();
  });
  for (const th of document.querySelectorAll("#events th[data-sort]")) {
    th.tabIndex = 0;
    const sortBy = () => {
      const key = th.dataset.sort;
      state.order = state.sort === key && state.order === "desc" ? "asc" : "desc";
      state.sort = key;
      firstPage();
      load("table", loadTable);
      writeUrl();
    };
    th.addEventListener("click", sortBy);
    th.addEventListener("keydown", (event) => {
      if (event.key === "Enter") sortBy();
    });
  }
  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => {
      drawMap();
      load("timeline", loadTimeline);
    }, 200);
  });

  async function start() {
    renderLegend();
    const roots = Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, "0"));
    try {
      const summary = await getJSON("/api/summary");
      state.summary = summary;
      fillSelect("plover", summary.plover_types);
      fillSelect("status", summary.statuses);
      fillSelect("cameo_root", roots);
      const range = summary.first_date ? ` · ${summary.first_date} – ${summary.last_date}` : "";
      document.getElementById("summary").textContent =
        `${count(summary.events)} events in ${count(summary.articles)} articles${range}`;
    } catch (err) {
      NE.showError(err);
    }
    readUrl();
    const map = getJSON("/api/basemap")
      .then((geojson) => {
        basemap = geojson;
        drawMap();
      })
      .catch(NE.showError);
    await Promise.all([refresh({ keepOffset: true }), map]);
    document.body.dataset.ready = "true";
  }

  start();
})();
