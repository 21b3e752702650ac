// The article view: the text with each event's trigger, actors, places and
// attributions highlighted from their character offsets, and the events with
// their claim-to-denial links.
"use strict";

(() => {
  const { el, clear, getJSON, count, safeUrl, QUAD_NAMES } = NE;

  const KINDS = {
    trigger: "event trigger",
    source: "source actor",
    target: "target actor",
    place: "place",
    attribution: "attribution",
  };
  const RELATIONS = { denied_by: "denied by", denies: "denies" };

  function articleId() {
    const prefix = "/article/";
    const path = window.location.pathname;
    return path.startsWith(prefix) ? decodeURIComponent(path.slice(prefix.length)) : "";
  }

  /** Every highlight of the article: {start, end, kind, events: Set of event ids}. */
  function highlights(article, length) {
    const byKey = new Map();
    function add(start, end, kind, eventId) {
      if (!Number.isInteger(start) || !Number.isInteger(end)) return;
      if (start < 0 || end > length || start >= end) return;
      const key = `${kind}:${start}:${end}`;
      if (!byKey.has(key)) byKey.set(key, { start, end, kind, events: new Set() });
      if (eventId) byKey.get(key).events.add(eventId);
    }
    for (const e of article.events) {
      if (e.trigger) add(e.trigger.start, e.trigger.end, "trigger", e.event_id);
      for (const a of e.source || []) add(a.start, a.end, "source", e.event_id);
      for (const a of e.target || []) add(a.start, a.end, "target", e.event_id);
      if (e.location) add(e.location.start, e.location.end, "place", e.event_id);
      for (const s of e.attribution_spans || []) add(s.start, s.end, "attribution", e.event_id);
    }
    for (const p of article.places) add(p.start, p.end, "place", null);
    return [...byKey.values()];
  }

  /** Split the text at every highlight boundary; each piece lists the highlights over it. */
  function pieces(length, marks) {
    const cuts = new Set([0, length]);
    for (const m of marks) {
      cuts.add(m.start);
      cuts.add(m.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      out.push({ start: a, end: b, marks: marks.filter((m) => m.start <= a && m.end >= b) });
    }
    return out;
  }

  function renderText(article) {
    // Offsets count Unicode code points (Python's str), not UTF-16 units.
    const chars = Array.from(article.text);
    const marks = highlights(article, chars.length);
    const box = document.getElementById("text");
    clear(box);
    for (const piece of pieces(chars.length, marks)) {
      const text = chars.slice(piece.start, piece.end).join("");
      if (!piece.marks.length) {
        box.append(text);
        continue;
      }
      const kinds = [...new Set(piece.marks.map((m) => m.kind))];
      const events = new Set(piece.marks.flatMap((m) => [...m.events]));
      const mark = el(
        "mark",
        {
          class: ["hl", ...kinds.map((k) => "hl-" + k)].join(" "),
          title: kinds.map((k) => KINDS[k]).join(", "),
          dataset: { events: [...events].join(" "), start: piece.start, end: piece.end },
        },
        text,
      );
      mark.addEventListener("click", () => {
        const first = [...events][0];
        const card = first && document.getElementById("ev-" + first);
        if (card) {
          card.scrollIntoView({ behavior: "smooth", block: "center" });
          activate(first);
        }
      });
      box.append(mark);
    }
    box.dataset.highlights = String(marks.length);
  }

  function activate(eventId) {
    for (const node of document.querySelectorAll(".hl.active, .event.active")) node.classList.remove("active");
    if (!eventId) return;
    for (const node of document.querySelectorAll(".hl")) {
      if ((node.dataset.events || "").split(" ").includes(eventId)) node.classList.add("active");
    }
    const card = document.getElementById("ev-" + eventId);
    if (card) card.classList.add("active");
  }

  function actorList(actors) {
    if (!actors || !actors.length) return "—";
    return actors
      .map((a) => {
        const codes = [a.country, a.sector].filter(Boolean).join(" ");
        const name = a.name && a.name !== a.text ? `${a.name} (“${a.text}”)` : a.text || a.name;
        return codes ? `${name} [${codes}]` : name;
      })
      .join(", ");
  }

  function renderEvents(article) {
    const list = document.getElementById("event-list");
    clear(list);
    const byId = new Map(article.events.map((e) => [e.event_id, e]));
    document.getElementById("events-title").textContent = `Events (${count(article.events.length)})`;
    if (!article.events.length) list.append(el("p", { class: "muted" }, "No events were coded in this article."));
    for (const e of article.events) {
      const type = e.plover_type ? e.plover_type + (e.plover_mode ? "/" + e.plover_mode : "") : "(no PLOVER type)";
      const rows = [
        ["Source", actorList(e.source)],
        ["Target", actorList(e.target)],
        ["Where", e.location ? `${e.location.name}${e.location.country ? " (" + e.location.country + ")" : ""}` : "—"],
        ["When", e.date || "—"],
        ["CAMEO", `${e.cameo_code} · ${QUAD_NAMES[e.quad_class] || "no QuadClass"}${e.goldstein === null || e.goldstein === undefined ? "" : " · Goldstein " + e.goldstein}`],
        ["According to", e.attribution && e.attribution.length ? e.attribution.join(", ") : "—"],
        ["Confidence", e.confidence === undefined || e.confidence === null ? "—" : String(e.confidence)],
      ];
      const details = el("dl", {}, rows.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
      const links = el("ul", { class: "links" });
      for (const link of e.links || []) {
        const other = byId.get(link.event_id);
        const label = other ? `${other.plover_type || other.cameo_code}: “${other.trigger.text}”` : link.event_id;
        const anchor = el("a", { href: "#" + encodeURIComponent("ev-" + link.event_id), class: "link-" + link.relation }, label);
        anchor.addEventListener("click", () => activate(link.event_id));
        links.append(el("li", {}, `${RELATIONS[link.relation] || link.relation} `, anchor));
      }
      const card = el(
        "article",
        { class: "event event-" + e.status, id: "ev-" + e.event_id, tabindex: 0, dataset: { eventId: e.event_id } },
        el("h3", {}, el("span", { class: "type" }, type), " ", el("span", { class: "badge status status-" + e.status }, e.status)),
        el("p", { class: "quote" }, "“", el("strong", {}, e.trigger ? e.trigger.text : ""), "” — ", e.sentence ? e.sentence.text : ""),
        details,
        links.childElementCount ? links : null,
      );
      card.addEventListener("mouseenter", () => activate(e.event_id));
      card.addEventListener("focus", () => activate(e.event_id));
      list.append(card);
    }
  }

  function renderLegend() {
    const legend = document.getElementById("legend");
    clear(legend);
    for (const [kind, label] of Object.entries(KINDS)) {
      legend.append(el("span", { class: "legend-item" }, el("mark", { class: "hl hl-" + kind }, label)));
    }
  }

  async function start() {
    const id = articleId();
    renderLegend();
    try {
      const article = await getJSON("/api/articles/" + encodeURIComponent(id));
      document.title = `${article.title || article.article_id} · newsevents explorer`;
      document.getElementById("title").textContent = article.title || article.article_id;
      const meta = document.getElementById("meta");
      clear(meta);
      const parts = [article.outlet, article.published, article.language].filter(Boolean);
      meta.append(parts.join(" · "));
      const href = safeUrl(article.url);
      if (href) meta.append(parts.length ? " · " : "", el("a", { href, rel: "noopener noreferrer" }, article.url));
      renderText(article);
      renderEvents(article);
      const target = decodeURIComponent(window.location.hash.slice(1));
      if (target.startsWith("ev-")) {
        activate(target.slice(3));
        const card = document.getElementById(target);
        if (card) card.scrollIntoView({ block: "center" });
      }
    } catch (err) {
      document.getElementById("title").textContent = "Article not found";
      NE.showError(err);
    }
    document.body.dataset.ready = "true";
  }

  start();
})();
