/* Search only when asked: nothing search needs is fetched until the reader opens or focuses it.
 *
 * mkdocs-material starts its search at page load: it creates the search worker (its script),
 * fetches search/search_index.json (hosted) or adds search/search_index.js (file://) and posts
 * the index to the worker. On a paid data bundle that is most of a first visit, for a reader who
 * may never search. Loaded just before the theme's bundle (hooks/theme/main.html), this script
 * holds back those three requests, and only those, until the reader asks for search: focuses the
 * search field (also through the theme's keyboard shortcuts, which focus it), or opens the search
 * dialog. Then everything runs as the theme wrote it; while the index downloads the dialog shows
 * the theme's own "Initializing search" line.
 *
 * The page's root carries data-search-state: "idle" (nothing fetched), then "asked". */
(function (w, d) {
  "use strict";
  if (w.CourseSearchOnDemand) return;
  var root = d.documentElement;
  var asked = false;
  var waiting = [];
  root.setAttribute("data-search-state", "idle");

  function ask() {
    if (asked) return;
    asked = true;
    root.setAttribute("data-search-state", "asked");
    var run = waiting;
    waiting = [];
    run.forEach(function (f) { try { f(); } catch (e) { if (w.console) console.error(e); } });
  }
  function whenAsked(f) { if (asked) f(); else waiting.push(f); }

  var INDEX_JSON = /(^|\/)search\/search_index\.json([?#]|$)/;
  var INDEX_JS = /(^|\/)search\/search_index\.js([?#]|$)/;
  var WORKER = /(^|\/)workers\/search\.[^/]*\.js([?#]|$)/;

  /* 1. The index, hosted: the theme requests search/search_index.json with XMLHttpRequest (and a
   * later theme may use fetch): the request is sent only once the reader asks. */
  var XHR = w.XMLHttpRequest && w.XMLHttpRequest.prototype;
  if (XHR) {
    var realOpen = XHR.open, realSend = XHR.send;
    XHR.open = function (method, url) {
      this.__courseIndex = INDEX_JSON.test(String(url));
      return realOpen.apply(this, arguments);
    };
    XHR.send = function () {
      var xhr = this, args = arguments;
      if (asked || !xhr.__courseIndex) return realSend.apply(xhr, args);
      whenAsked(function () { realSend.apply(xhr, args); });
    };
  }
  var realFetch = w.fetch;
  if (typeof realFetch === "function") {
    w.fetch = function (input) {
      var url = typeof input === "string" ? input : (input && input.url) || String(input);
      var args = arguments;
      if (asked || !INDEX_JSON.test(url)) return realFetch.apply(w, args);
      return new Promise(function (resolve, reject) {
        whenAsked(function () { realFetch.apply(w, args).then(resolve, reject); });
      });
    };
  }

  /* 2. The index, offline (file://): the <script> the theme adds to <head> waits for the reader. */
  var head = d.head;
  var realAppend = head.appendChild;
  head.appendChild = function (node) {
    if (!asked && node && node.tagName === "SCRIPT" && INDEX_JS.test(node.getAttribute("src") || "")) {
      whenAsked(function () { realAppend.call(head, node); });
      return node;
    }
    return realAppend.apply(this, arguments);
  };
  var realRemove = head.removeChild;
  head.removeChild = function (node) {
    if (node && node.parentNode !== head) return node; // a held-back script that never went in
    return realRemove.apply(this, arguments);
  };

  /* 3. The search worker: a stand-in keeps listeners and messages until the reader asks. */
  var RealWorker = w.Worker; // on file:// this is already iframe-worker-shim.js's stand-in
  if (typeof RealWorker === "function") {
    var LazyWorker = function (url, options) {
      if (!WORKER.test(String(url))) return new RealWorker(url, options);
      var real = null, queue = [], listeners = [], handler = null;
      var self = this;
      this.postMessage = function (m) { if (real) real.postMessage(m); else queue.push(m); };
      this.addEventListener = function (type, fn, opt) {
        if (real) real.addEventListener(type, fn, opt); else listeners.push([type, fn, opt]);
      };
      this.removeEventListener = function (type, fn, opt) {
        if (real) { real.removeEventListener(type, fn, opt); return; }
        listeners = listeners.filter(function (l) { return !(l[0] === type && l[1] === fn); });
      };
      this.terminate = function () { if (real) real.terminate(); queue = []; listeners = []; };
      Object.defineProperty(this, "onmessage", {
        get: function () { return handler; },
        set: function (fn) { handler = fn; if (real) real.onmessage = fn; }
      });
      whenAsked(function () {
        real = new RealWorker(url, options);
        listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
        if (handler) real.onmessage = handler;
        queue.forEach(function (m) { real.postMessage(m); });
        queue = listeners = [];
        self.started = true;
      });
    };
    w.Worker = LazyWorker;
  }

  /* The reader asks: the search field gets focus, or the search dialog opens. */
  function isSearchField(t) { return t && t.nodeType === 1 && t.matches('input[data-md-component="search-query"], .md-search input[name="query"]'); }
  d.addEventListener("focusin", function (e) { if (isSearchField(e.target)) ask(); }, true);
  d.addEventListener("change", function (e) { if (e.target && e.target.id === "__search" && e.target.checked) ask(); }, true);
  d.addEventListener("pointerdown", function (e) {
    var t = e.target && e.target.closest && e.target.closest('label[for="__search"], .md-search');
    if (t) ask();
  }, true);

  w.CourseSearchOnDemand = { ask: ask, asked: function () { return asked; } };
})(window, document);
