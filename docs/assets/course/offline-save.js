/* DIGIT4SD: the hosted course offline, the page's side (the worker is sw.js at the site root).
 *
 * On the hosted edition only (http/https, a <meta name="course-sw"> that the offline edition
 * and LMS packages do not carry, and a browser with service workers): registers the worker,
 * tells it the first page (loaded before it ran) so that page is kept too, and drives every
 * "save for offline use" box: [data-offline-box] with its [data-save-offline] button, a Remove
 * button and a live region. The worker does the work and answers with the group's status; the
 * box's data-offline-state is "idle", "saving", "saved" (every file of the group is stored) or
 * "error". The cache is the state: nothing is kept in localStorage. A classic script. */
(function (w, d) {
  "use strict";
  var meta = d.querySelector('meta[name="course-sw"]');
  var sw = w.navigator.serviceWorker;
  if (!meta || !/^https?:$/.test(w.location.protocol) || !sw || !w.caches) return;
  // against the base URL: the "not found" page, at any depth, sets <base> to the site root
  var url = new URL(meta.getAttribute("content"), d.baseURI || w.location.href);
  var scope = new URL("./", url).href;
  var boxes = [].slice.call(d.querySelectorAll("[data-offline-box]"));
  var controlled = !!sw.controller;

  function fmt(s, values) { return String(s || "").replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; }); }
  function size(n) { return n >= 1048576 ? (n / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(n / 1024)) + " KB"; }
  function post(msg) { return sw.ready.then(function (reg) { if (reg.active) reg.active.postMessage(msg); }); }

  function show(box, s) {
    var button = box.querySelector("[data-save-offline]");
    var remove = box.querySelector("[data-remove-offline]");
    var live = box.querySelector("[data-offline-status]");
    if (!button.hasAttribute("data-label")) button.setAttribute("data-label", button.textContent);
    var label = button.getAttribute("data-label");
    box.setAttribute("data-offline-state", s.state);
    box.hidden = false;
    if (s.state === "saving") {
      button.disabled = true;
      if (s.total) live.textContent = fmt(box.getAttribute("data-msg-progress"), { done: s.done, total: s.total });
      return;
    }
    button.disabled = false;
    button.hidden = s.state === "saved";
    button.textContent = fmt(box.getAttribute("data-msg-size"), { label: label, size: size(s.bytesLeft || 0) });
    remove.hidden = !(s.state === "saved" || s.started);
    if (s.state === "saved") live.textContent = fmt(box.getAttribute("data-msg-saved"), { files: s.files, size: size(s.bytes) });
    else if (s.state === "error") live.textContent = fmt(box.getAttribute("data-msg-error"), { reason: s.error || "" });
    else live.textContent = s.removed ? box.getAttribute("data-msg-removed") : "";
  }

  sw.addEventListener("message", function (e) {
    var s = e.data || {};
    boxes.forEach(function (box) { if (box.getAttribute("data-offline-box") === s.group) show(box, s); });
  });
  if (sw.startMessages) sw.startMessages();
  boxes.forEach(function (box) {
    var group = box.getAttribute("data-offline-box");
    box.querySelector("[data-save-offline]").addEventListener("click", function () {
      show(box, { state: "saving" });
      post({ type: "save", group: group });
    });
    box.querySelector("[data-remove-offline]").addEventListener("click", function () {
      var button = box.querySelector("[data-save-offline]");
      button.hidden = false;  // focus stays in the box when Remove goes
      button.focus();
      post({ type: "remove", group: group });
    });
  });
  function ask() { boxes.forEach(function (box) { post({ type: "status", group: box.getAttribute("data-offline-box") }); }); }
  sw.addEventListener("controllerchange", ask);  // a new build's worker took over

  sw.register(url.href, { scope: scope, updateViaCache: "none" }).then(function (reg) {
    var worker = reg.installing || reg.waiting || reg.active;
    if (!controlled && worker) {  // this page and its files came before the worker: keep them too
      var urls = [w.location.href].concat(w.performance.getEntriesByType("resource").map(function (r) { return r.name; }));
      worker.postMessage({ type: "visit", urls: urls });
    }
    return sw.ready;
  }).then(ask).catch(function (e) { if (w.console) console.warn("offline reading is not available here:", e); });
})(window, document);
