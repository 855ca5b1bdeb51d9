/* A Web Worker stand-in for pages opened from file:// (the offline edition).
 *
 * Chromium refuses `new Worker(url)` on file:// pages, so mkdocs-material's search worker
 * cannot start there. This classic script, listed as the theme's polyfill in offline builds
 * (its name contains "iframe-worker", which is what mkdocs-material's offline plugin looks
 * for), replaces Worker on file:// only: the worker script runs in a hidden same-origin
 * iframe, and messages cross between the page and the iframe as they would to a worker.
 * It does nothing on http(s), where real workers work. Written for this course; no
 * dependency, nothing fetched.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || window.IFrameWorker) return;

  function IFrameWorker(url) {
    var self = this;
    var listeners = [];
    var queue = [];
    var ready = false;
    self.onmessage = null;
    self.onerror = null;

    function emit(type, props) {
      var ev;
      try { ev = new MessageEvent(type, props); } catch (e) { ev = { type: type, data: props.data }; }
      if (type === "message" && typeof self.onmessage === "function") self.onmessage(ev);
      if (type === "error" && typeof self.onerror === "function") self.onerror(ev);
      listeners.slice().forEach(function (l) {
        if (l.type === type) l.fn.call(self, ev);
      });
    }

    var frame = document.createElement("iframe");
    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("tabindex", "-1");
    frame.title = "search worker";
    frame.style.cssText = "position:absolute;width:0;height:0;border:0;visibility:hidden";
    (document.body || document.documentElement).appendChild(frame);
    var win = frame.contentWindow;
    var doc = win.document;
    doc.open();
    doc.write("<!doctype html><title>worker</title>");
    doc.close();

    // What a worker script expects of its global scope.
    win.postMessage = function (data) {
      setTimeout(function () { emit("message", { data: data }); }, 0);
    };
    // A worker's importScripts is synchronous; here each script loads in turn into the iframe
    // and a promise settles when all have run (the theme's search worker awaits what it gets
    // back when it loads the stemmers of a language other than English).
    var base = new URL(url, location.href).href;
    win.importScripts = function () {
      var urls = [].slice.call(arguments);
      return urls.reduce(function (done, src) {
        return done.then(function () {
          return new Promise(function (resolve, reject) {
            var s = doc.createElement("script");
            s.src = new URL(src, base).href;
            s.onload = function () { resolve(); };
            s.onerror = function () { reject(new Error("the worker could not load " + s.src)); };
            doc.head.appendChild(s);
          });
        });
      }, Promise.resolve());
    };
    win.onerror = function (msg) {
      emit("error", { message: String(msg) });
    };

    function deliver(data) {
      var ev;
      try { ev = new win.MessageEvent("message", { data: data }); } catch (e) { return; }
      win.dispatchEvent(ev);
    }

    var script = doc.createElement("script");
    script.src = base;
    script.onload = function () {
      ready = true;
      queue.splice(0).forEach(deliver);
    };
    script.onerror = function () {
      emit("error", { message: "the worker script could not be loaded: " + script.src });
    };
    doc.head.appendChild(script);

    self.postMessage = function (data) {
      setTimeout(function () {
        if (ready) deliver(data);
        else queue.push(data);
      }, 0);
    };
    self.addEventListener = function (type, fn) {
      if (typeof fn === "function") listeners.push({ type: type, fn: fn });
    };
    self.removeEventListener = function (type, fn) {
      listeners = listeners.filter(function (l) { return l.type !== type || l.fn !== fn; });
    };
    self.terminate = function () {
      listeners = [];
      if (frame.parentNode) frame.parentNode.removeChild(frame);
    };
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
