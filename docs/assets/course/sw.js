/* DIGIT4SD: the hosted course offline. A classic service worker, served from the site root
 * (the build writes it there, with this build's VERSION; see hooks/coursekit/offline.py).
 *
 * It works from offline-manifest.json: every file a reader needs, with its size and content
 * hash, and the files of each group a reader can save (the course, a module, a path).
 * - Same-origin GET requests for files of the manifest only; anything else goes to the network
 *   untouched. Pages: the network first (PAGE_TIMEOUT), else the cached copy; every page opened
 *   is kept. Other files (styles, scripts, search): the cache first, kept when fetched.
 * - Every cached copy is keyed by its file and its content hash ("<file>?v=<hash>"), and served
 *   only while the manifest holds that hash. A new build installs a new worker: it fetches the
 *   new version of what the reader has (and of the groups they saved) and, on activation, drops
 *   every copy whose hash the new manifest no longer holds. A page is served only when it is of
 *   the manifest in use, and so only with the assets of that same build.
 * - Messages from the page (offline-save.js): status, save (resumable: what is cached is
 *   skipped), remove, visit (the first page, loaded before the worker ran). */
"use strict";
var VERSION = "dev";
var SCOPE = self.registration.scope;
var FILES = "course-files:" + SCOPE;
var META = "course-meta:" + SCOPE;
var MANIFEST_URL = new URL("offline-manifest.json", SCOPE).href;
var SAVED_URL = new URL("offline-saved-groups", SCOPE).href; // a key in META only, never fetched
var PAGE_TIMEOUT = 4000;
var PARALLEL = 4;
var manifest = null;
var saving = {};

function keyOf(path, hash) { return new URL(path, SCOPE).href + "?v=" + hash; }
function splitKey(url) {
  var i = url.lastIndexOf("?v=");
  return i < 0 ? null : { path: pathOf(url.slice(0, i)), hash: url.slice(i + 3) };
}
/* The manifest's name of a URL of this site ("m1/" -> "m1/index.html"), or null. */
function pathOf(url) {
  var u = new URL(url);
  var base = new URL(SCOPE);
  if (u.origin !== base.origin || u.pathname.indexOf(base.pathname) !== 0) return null;
  var p;
  try { p = decodeURIComponent(u.pathname.slice(base.pathname.length)); } catch (e) { return null; }
  return p === "" || p.slice(-1) === "/" ? p + "index.html" : p;
}

function hex(buf) {
  return Array.prototype.map.call(new Uint8Array(buf), function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
}
function hashOf(buf) { return crypto.subtle.digest("SHA-256", buf).then(function (d) { return hex(d).slice(0, 16); }); }

/* This build's manifest, fetched once: install, a page's first message and the first requests
 * may all ask for it at the same moment, and share one download. */
var pending = null;
function getManifest() {
  if (manifest) return Promise.resolve(manifest);
  if (!pending) {
    pending = caches.open(META).then(function (c) { return c.match(MANIFEST_URL + "?v=" + VERSION); })
      .then(function (r) { return r ? r.json() : fetchManifest(); })
      .then(function (m) { manifest = m; return m; }, function (e) { pending = null; throw e; });
  }
  return pending;
}
function fetchManifest() {
  return fetch(MANIFEST_URL, { cache: "no-store" }).then(function (r) {
    if (!r.ok) throw new Error("offline-manifest.json: " + r.status);
    return r.json();
  }).then(function (m) {
    if (!m || m.version !== VERSION || !m.files || !m.groups) throw new Error("offline-manifest.json is of another build");
    return caches.open(META).then(function (c) {
      return c.put(MANIFEST_URL + "?v=" + VERSION, new Response(JSON.stringify(m), { headers: { "Content-Type": "application/json" } }));
    }).then(function () { return m; });
  });
}

function savedGroups() {
  return caches.open(META).then(function (c) { return c.match(SAVED_URL); })
    .then(function (r) { return r ? r.json() : []; }).catch(function () { return []; });
}
function setSaved(id, on) {
  return savedGroups().then(function (list) {
    list = list.filter(function (g) { return g !== id; });
    if (on) list.push(id);
    return caches.open(META).then(function (c) { return c.put(SAVED_URL, new Response(JSON.stringify(list))); });
  });
}

/* Keep a response of ``path`` under its content hash; resolves to that hash. */
function keep(cache, path, res) {
  var type = res.headers.get("Content-Type") || "application/octet-stream";
  return res.arrayBuffer().then(function (buf) {
    return hashOf(buf).then(function (hash) {
      // a fresh Response: no redirect flag, no Vary, only what a page needs
      return cache.put(keyOf(path, hash), new Response(buf, { headers: { "Content-Type": type } })).then(function () { return hash; });
    });
  });
}
/* Fetch ``path`` and keep it; fails unless it is the manifest's version. ``mode`` is the fetch's
 * cache mode: "no-cache" (revalidate) when saving, "force-cache" for the files of a page the
 * reader has just loaded (the browser's HTTP cache holds them: do not download them twice). */
function download(cache, m, path, mode) {
  // a page by the address readers use ("m1/", not "m1/index.html"): the one the HTTP cache holds
  var url = new URL(path.replace(/(^|\/)index\.html$/, "$1"), SCOPE).href;
  return fetch(url, { cache: mode || "no-cache" }).then(function (res) {
    if (!res.ok) throw new Error(path + ": " + res.status);
    return keep(cache, path, res);
  }).then(function (hash) {
    if (hash !== m.files[path][1]) throw new Error(path + " changed on the server: reload the page");
  });
}
function cachedKeys(cache) {
  return cache.keys().then(function (reqs) {
    var have = {};
    reqs.forEach(function (r) { have[r.url] = true; });
    return have;
  });
}
/* Fetch every path of ``list`` not yet cached, PARALLEL at a time; ``each`` after every file. */
function fill(m, list, each, mode) {
  return caches.open(FILES).then(function (cache) {
    return cachedKeys(cache).then(function (have) {
      var queue = list.slice(), done = 0, failed = null;
      function next() {
        if (failed || !queue.length) return Promise.resolve();
        var path = queue.shift();
        var step = have[keyOf(path, m.files[path][1])] ? Promise.resolve() : download(cache, m, path, mode);
        return step.then(function () { done++; if (each) each(done, list.length); }, function (e) { failed = e; }).then(next);
      }
      var runners = [];
      for (var i = 0; i < PARALLEL; i++) runners.push(next());
      return Promise.all(runners).then(function () { if (failed) throw failed; });
    });
  });
}

function lookup(path) {
  return getManifest().then(function (m) {
    var f = m.files[path];
    return f ? caches.open(FILES).then(function (c) { return c.match(keyOf(path, f[1])); }) : undefined;
  }).catch(function () { return undefined; });
}
function store(path, res) {
  return getManifest().then(function (m) {
    if (m.files[path]) return caches.open(FILES).then(function (c) { return keep(c, path, res); });
  }).catch(function () {});
}

/* ------------------------------------------------------------------ install, activate */

self.addEventListener("install", function (event) {
  // The new build's version of everything the reader has, and of every group they saved:
  // if that fails, the install fails and the worker in use (and its cache) stays.
  event.waitUntil(getManifest().then(function (m) {
    return Promise.all([caches.open(FILES).then(function (c) { return c.keys(); }), savedGroups()]).then(function (r) {
      var want = {};
      r[0].forEach(function (req) { var k = splitKey(req.url); if (k && k.path && m.files[k.path]) want[k.path] = true; });
      r[1].forEach(function (g) { (m.groups[g] || []).forEach(function (p) { want[p] = true; }); });
      return fill(m, Object.keys(want));
    });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(getManifest().then(function (m) {
    return caches.open(FILES).then(function (cache) {
      return cache.keys().then(function (reqs) {
        return Promise.all(reqs.map(function (req) {
          var k = splitKey(req.url);
          var f = k && k.path && m.files[k.path];
          if (!f || f[1] !== k.hash) return cache.delete(req);
        }));
      });
    }).then(function () {
      return caches.open(META).then(function (c) {
        return c.keys().then(function (reqs) {
          return Promise.all(reqs.map(function (req) {
            if (req.url !== SAVED_URL && req.url !== MANIFEST_URL + "?v=" + VERSION) return c.delete(req);
          }));
        });
      });
    });
  }).then(function () { return self.clients.claim(); }));
});

/* ------------------------------------------------------------------ fetch */

function pageFirst(event, path) {
  var req = event.request;
  var cached = lookup(path);
  var net = fetch(req).then(function (res) {
    if (res.status === 200 && res.type === "basic") event.waitUntil(store(path, res.clone()));
    return res;
  });
  var fallback = function () { return cached.then(function (hit) { return hit || net; }); };
  var late = new Promise(function (resolve) { setTimeout(resolve, PAGE_TIMEOUT); }).then(fallback);
  return Promise.race([net.catch(fallback), late]);
}
function cacheFirst(event, path) {
  return lookup(path).then(function (hit) {
    return hit || fetch(event.request).then(function (res) {
      if (res.status === 200 && res.type === "basic") event.waitUntil(store(path, res.clone()));
      return res;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET" || req.headers.has("range")) return;
  var path = pathOf(req.url);
  if (path === null || path === "sw.js") return;
  if (path === "offline-manifest.json") {  // the manifest this worker works from
    event.respondWith(getManifest().then(function (m) {
      return new Response(JSON.stringify(m), { headers: { "Content-Type": "application/json" } });
    }, function () { return fetch(req); }));
    return;
  }
  var page = req.mode === "navigate" || /\.html$/.test(path);
  event.respondWith(page ? pageFirst(event, path) : cacheFirst(event, path));
});

/* ------------------------------------------------------------------ messages from pages */

function status(id) {
  return getManifest().then(function (m) {
    var list = m.groups[id];
    if (!list) return { group: id, state: "error", error: "unknown" };
    return Promise.all([caches.open(FILES).then(cachedKeys), savedGroups()]).then(function (r) {
      var have = r[0], left = 0, total = 0, missing = 0;
      list.forEach(function (p) {
        var f = m.files[p];
        total += f[0];
        if (!have[keyOf(p, f[1])]) { left += f[0]; missing++; }
      });
      return { group: id, state: saving[id] ? "saving" : missing ? "idle" : "saved", files: list.length,
               missing: missing, bytes: total, bytesLeft: left, started: r[1].indexOf(id) >= 0 };
    });
  });
}

function reply(client, msg) { if (client) client.postMessage(msg); }

self.addEventListener("message", function (event) {
  var d = event.data || {};
  var client = event.source;
  var id = String(d.group || "");
  var work;
  if (d.type === "status") {
    work = status(id).then(function (s) { reply(client, s); });
  } else if (d.type === "save" && !saving[id]) {
    saving[id] = true;
    work = getManifest().then(function (m) {
      if (!m.groups[id]) throw new Error("unknown group");
      return setSaved(id, true).then(function () {
        return fill(m, m.groups[id], function (done, total) {
          reply(client, { group: id, state: "saving", done: done, total: total });
        });
      });
    }).then(function () { delete saving[id]; return status(id); }, function (e) {
      delete saving[id];
      return status(id).then(function (s) { s.state = "error"; s.error = String((e && e.message) || e); return s; });
    }).then(function (s) { reply(client, s); });
  } else if (d.type === "remove") {
    work = Promise.all([getManifest(), setSaved(id, false).then(savedGroups)]).then(function (r) {
      var m = r[0], others = {};
      r[1].forEach(function (g) { (m.groups[g] || []).forEach(function (p) { others[p] = true; }); });
      return caches.open(FILES).then(function (cache) {
        return Promise.all((m.groups[id] || []).map(function (p) {
          if (!others[p]) return cache.delete(keyOf(p, m.files[p][1]));
        }));
      });
    }).then(function () { return status(id); }).then(function (s) { s.removed = true; reply(client, s); });
  } else if (d.type === "visit" && Array.isArray(d.urls)) {
    work = getManifest().then(function (m) {
      var paths = d.urls.map(function (u) { try { return pathOf(String(u)); } catch (e) { return null; } })
        .filter(function (p, i, all) { return p && m.files[p] && all.indexOf(p) === i; });
      return fill(m, paths, null, "force-cache");
    }).catch(function () {});
  }
  if (work) event.waitUntil(work);
});
