// Helpers shared by the explorer and the article page.
// Every piece of data reaches the page as a text node or an attribute value,
// never as markup to parse: article text and titles are shown, not run.
"use strict";

const NE = (() => {
  /** Build an element: el("td", {class: "num"}, "text", child, ...). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  /** Build an SVG element with attributes. */
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "dataset") {
        for (const [key, v] of Object.entries(value)) node.dataset[key] = String(v);
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    }
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  /** Remove every child of a node. */
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  /** GET a JSON API route; rejects with an ApiError carrying the API's code and message. */
  async function getJSON(path, params, signal) {
    const query = params ? "?" + new URLSearchParams(params).toString() : "";
    const response = await fetch(path + query, { signal, headers: { Accept: "application/json" } });
    let body = null;
    try {
      body = await response.json();
    } catch (err) {
      if (response.ok) throw err;
    }
    if (!response.ok) {
      const error = (body && body.error) || {};
      throw new ApiError(
        response.status,
        error.code || String(response.status),
        error.message || response.statusText,
      );
    }
    return body;
  }

  const numbers = new Intl.NumberFormat("en");
  function count(n) {
    return numbers.format(n);
  }

  /** A safe href: only http(s) URLs, anything else gives null. */
  function safeUrl(url) {
    if (!url) return null;
    try {
      const parsed = new URL(url, window.location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (err) {
      return null;
    }
  }

  function articleHref(articleId, eventId) {
    const base = "/article/" + encodeURIComponent(articleId);
    return eventId ? base + "#" + encodeURIComponent("ev-" + eventId) : base;
  }

  const QUAD_NAMES = {
    0: "neutral statement",
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
  };

  function showError(err) {
    const box = document.getElementById("error");
    if (!box || (err && err.name === "AbortError")) return;
    box.textContent = err && err.message ? err.message : String(err);
    box.hidden = false;
  }

  function hideError() {
    const box = document.getElementById("error");
    if (box) box.hidden = true;
  }

  return { el, svg, clear, getJSON, count, safeUrl, articleHref, QUAD_NAMES, showError, hideError };
})();
