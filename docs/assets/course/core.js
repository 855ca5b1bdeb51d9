/* DIGIT4SD course core: safe storage, site root, safe DOM building.
 * A classic script (works from file://). Every learner-data value is untrusted:
 * anything unreadable is reset, never fatal, and nothing stored is inserted as HTML. */
(function () {
  "use strict";
  var outline = window.COURSE_OUTLINE || { course: "digit4sd", modules: [], paths: [], quizzes: {} };
  var NS = String(outline.course || "digit4sd");
  var VERSION = 1;
  var MAX_VALUE = 512 * 1024; // bytes of one stored concern we are willing to parse
  var memory = {};
  var persistent = (function () {
    try {
      var k = NS + ":probe";
      window.localStorage.setItem(k, "1");
      window.localStorage.removeItem(k);
      return true;
    } catch (e) {
      return false;
    }
  })();

  /* Concerns and the check each stored value must pass. */
  var isObj = function (x) { return x !== null && typeof x === "object" && !Array.isArray(x); };
  var validators = {};
  /* migrations[concern](data, fromVersion) -> data in the current shape, for keys of older versions */
  var migrations = {};

  function key(concern) { return NS + ":" + concern + ":v" + VERSION; }
  function rawGet(k) {
    if (!persistent) return Object.prototype.hasOwnProperty.call(memory, k) ? memory[k] : null;
    try { return window.localStorage.getItem(k); } catch (e) { return null; }
  }
  function rawSet(k, v) {
    if (!persistent) { memory[k] = v; return true; }
    try { window.localStorage.setItem(k, v); return true; } catch (e) { return false; }
  }
  function rawRemove(k) {
    if (!persistent) { delete memory[k]; return; }
    try { window.localStorage.removeItem(k); } catch (e) { /* ignore */ }
  }

  /* Look for a value stored under an older schema version; migrate it once, then drop the old key. */
  function migrateOld(concern) {
    for (var v = VERSION - 1; v >= 0; v--) {
      var k = NS + ":" + concern + ":v" + v;
      var raw = rawGet(k);
      if (raw === null || raw === undefined) continue;
      rawRemove(k);
      try {
        var obj = JSON.parse(raw);
        var fn = migrations[concern];
        var data = fn ? fn(isObj(obj) && "data" in obj ? obj.data : obj, v) : null;
        if (data !== null && data !== undefined && (!validators[concern] || validators[concern](data))) {
          rawSet(key(concern), JSON.stringify({ v: VERSION, data: data }));
          return data;
        }
      } catch (e) { /* unreadable: dropped */ }
    }
    return null;
  }

  var store = {
    persistent: persistent,
    version: VERSION,
    /* Register the check for a concern: fn(data) -> true when the shape is right. */
    define: function (concern, check, migrate) { validators[concern] = check; if (migrate) migrations[concern] = migrate; },
    concerns: function () { return Object.keys(validators); },
    validate: function (concern, data) {
      var check = validators[concern];
      try { return !!check && data !== null && data !== undefined && check(data) === true; } catch (e) { return false; }
    },
    key: key,
    load: function (concern) {
      var raw = rawGet(key(concern));
      if (raw === null || raw === undefined) return migrateOld(concern);
      try {
        if (raw.length > MAX_VALUE) throw new Error("too large");
        var obj = JSON.parse(raw);
        var check = validators[concern];
        if (isObj(obj) && obj.v === VERSION && "data" in obj && (!check || check(obj.data))) return obj.data;
      } catch (e) { /* fall through: reset */ }
      rawRemove(key(concern));
      return null;
    },
    save: function (concern, data) {
      var check = validators[concern];
      if (check && !check(data)) return false;
      var ok = rawSet(key(concern), JSON.stringify({ v: VERSION, data: data }));
      try { document.dispatchEvent(new CustomEvent("course:store", { detail: { concern: concern } })); } catch (e) { /* old browser */ }
      return ok;
    },
    remove: function (concern) { rawRemove(key(concern)); },
    /* Remove every key of this course, of any version (the "forget all my data" control). */
    clearAll: function () {
      if (!persistent) { memory = {}; return; }
      try {
        var doomed = [];
        for (var i = 0; i < window.localStorage.length; i++) {
          var k = window.localStorage.key(i);
          if (k && k.indexOf(NS + ":") === 0) doomed.push(k);
        }
        doomed.forEach(function (k) { window.localStorage.removeItem(k); });
      } catch (e) { /* ignore */ }
    }
  };

  /* The site root, relative to this page ("../.." or "."), from the theme's meta tag. */
  function root() {
    var m = document.querySelector('meta[name="course-root"]');
    var r = (m && m.getAttribute("content")) || ".";
    return r.replace(/\/$/, "") || ".";
  }
  function href(url) { return root() + "/" + String(url || ""); }

  /* Build an element with text only: el("a", {href: x}, "text"). Never uses innerHTML. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = String(v);
        else if (k === "hidden") node.hidden = true;
        else node.setAttribute(k, v === true ? "" : String(v));
      });
    }
    [].concat(children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  /* Lesson lookups from the embedded outline. */
  function lessons() {
    var out = [];
    (outline.modules || []).forEach(function (m) {
      (m.lessons || []).forEach(function (l) { out.push({ id: l.id, title: l.title, url: l.url, minutes: l.minutes, module: m.id, quizzes: l.quizzes || [] }); });
    });
    return out;
  }
  function lessonById(id) {
    var all = lessons();
    for (var i = 0; i < all.length; i++) if (all[i].id === id) return all[i];
    return null;
  }

  /* Run fn on every page view (also after mkdocs-material's instant navigation, if on). */
  function onPage(fn) {
    var run = function () { try { fn(); } catch (e) { if (window.console) console.error(e); } };
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(run);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run);
    } else {
      run();
    }
  }

  function download(filename, text, type) {
    var blob = new Blob([text], { type: type || "application/json" });
    var a = el("a", { href: URL.createObjectURL(blob), download: filename });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  window.Course = {
    outline: outline,
    store: store,
    isObj: isObj,
    root: root,
    href: href,
    el: el,
    lessons: lessons,
    lessonById: lessonById,
    onPage: onPage,
    download: download
  };

  // A wide table scrolls sideways inside the theme's wrapper; a keyboard user must be able to
  // reach and scroll it (WCAG 2.1.1), so a wrapper that really scrolls becomes a labelled,
  // focusable region. The theme adds the wrappers after load, hence the later passes.
  function focusableScrollers() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap, .jp-OutputArea-output");
    for (var i = 0; i < boxes.length; i++) {
      var b = boxes[i];
      var scrolls = b.scrollWidth > b.clientWidth + 1;
      if (scrolls && !b.hasAttribute("tabindex")) {
        b.setAttribute("tabindex", "0");
        b.setAttribute("role", "region");
        b.setAttribute("aria-label", (b.classList.contains("md-typeset__scrollwrap") ? "Table" : "Notebook output") +
          " (scroll sideways to see all of it)");
        b.setAttribute("data-course-scroller", "");
      } else if (!scrolls && b.hasAttribute("data-course-scroller")) {
        b.removeAttribute("tabindex"); b.removeAttribute("role"); b.removeAttribute("aria-label");
        b.removeAttribute("data-course-scroller");
      }
    }
  }
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(focusableScrollers, 200);
  });

  // Firefox keeps localStorage apart for every file:// page (checked with Debian's firefox-esr
  // 153: a value saved by one page of the folder is not seen by another, even in the same
  // folder), so progress cannot add up there. Say so where progress is shown.
  var firefoxFromFolder = location.protocol === "file:" && /\bFirefox\//.test(navigator.userAgent || "");

  onPage(function () {
    setTimeout(focusableScrollers, 0);
    setTimeout(focusableScrollers, 400);
    var where = document.querySelector("[data-progress], [data-download]");
    if (firefoxFromFolder && where && !document.querySelector(".storage-warning-firefox")) {
      where.parentNode.insertBefore(el("p", { "class": "storage-warning storage-warning-firefox", role: "note",
        text: "You opened the course from a folder in Firefox. Firefox keeps saved data apart for each page " +
          "opened from a folder, so your answers and progress do not add up from page to page here. " +
          "To keep your progress, open index.html in Chrome, Edge or Chromium, or use the online edition." }), where);
    }
    if (!persistent && !document.querySelector(".storage-warning:not(.storage-warning-firefox)")) {
      var main = document.querySelector(".md-content__inner");
      if (main) {
        main.insertBefore(el("p", { "class": "storage-warning", role: "note",
          text: "This browser does not let the course store data, so your answers and progress will not be kept after you close this page." }), main.firstChild);
      }
    }
  });
})();
