/* DIGIT4SD course core: safe storage, site root, safe DOM building.
 * A classic script (works from file://). Every learner-data value is untrusted:
 * anything unreadable is reset, never fatal, and nothing stored is inserted as HTML. */
(function () {
  "use strict";
  var outline = window.COURSE_OUTLINE || { course: "digit4sd", modules: [], paths: [], quizzes: {} };
  var store = window.CourseStore; // the registry of learner data (store.js, loaded in <head>)
  var isObj = store.isObj;
  var t = store.t; // the interface strings (strings.js, from the catalogue hooks/coursekit/locales)

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

  /* A catalogue string as a list of text and nodes, for el(): a {name} whose value is a node
   * (a link, say) is that node, in its place in the sentence. */
  function tn(key, values) {
    var parts = String(t(key)).split(/\{(\w+)\}/), out = [];
    for (var i = 0; i < parts.length; i++) {
      if (i % 2 === 0) { if (parts[i]) out.push(parts[i]); continue; }
      var v = values && store.own(values, parts[i]) ? values[parts[i]] : "{" + parts[i] + "}";
      out.push(v && v.nodeType ? v : String(v));
    }
    return out;
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

  /* A save that failed is said, never hidden: one live region per page, shown at the bottom of
   * the window so that it is seen where the learner is working. */
  var WHAT = { quiz: t("store.what_quiz"), progress: t("store.what_progress"), path: t("store.what_path"), canvas: t("store.what_canvas"),
    roadmap: t("store.what_roadmap"), assessment: t("store.what_assessment"), certificate: t("store.what_certificate"),
    learners: t("store.what_learners") };
  var WHY = { quota: t("store.why_quota"), blocked: t("store.why_blocked"),
    size: t("store.why_size", { kb: Math.round(store.MAX_VALUE / 1024) }), shape: t("store.why_shape") };
  function storeAlert(concern, reason) {
    var box = document.querySelector("[data-store-alert]");
    if (!box) {
      box = el("div", { "class": "store-alert", role: "alert", "data-store-alert": "" });
      document.body.appendChild(box);
    }
    while (box.firstChild) box.removeChild(box.firstChild);
    var close = el("button", { type: "button", "class": "store-alert-close", "aria-label": t("store.dismiss") }, "\u2715");
    close.addEventListener("click", function () { box.hidden = true; });
    box.appendChild(el("p", { text: t("store.alert", { what: WHAT[concern] || t("store.what_data"), why: WHY[reason] || WHY.blocked }) }));
    box.appendChild(close);
    box.hidden = false;
  }
  document.addEventListener("course:store-failed", function (ev) {
    var d = ev.detail || {};
    storeAlert(String(d.concern || ""), String(d.reason || ""));
  });

  window.Course = {
    outline: outline,
    store: store,
    isObj: isObj,
    root: root,
    href: href,
    el: el,
    t: t,
    tn: tn,
    lessons: lessons,
    lessonById: lessonById,
    onPage: onPage,
    download: download
  };

  // A wide table scrolls sideways inside the theme's wrapper; a keyboard user must be able to
  // reach and scroll it (WCAG 2.1.1), so a wrapper that really scrolls becomes a labelled,
  // focusable region. The theme adds the wrappers after load, hence the later passes.
  function focusableScrollers() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap, .nb-out");
    for (var i = 0; i < boxes.length; i++) {
      var b = boxes[i];
      var scrolls = b.scrollWidth > b.clientWidth + 1;
      if (scrolls && !b.hasAttribute("tabindex")) {
        b.setAttribute("tabindex", "0");
        b.setAttribute("role", "region");
        b.setAttribute("aria-label", t("scroll.region", { name: b.classList.contains("md-typeset__scrollwrap") ? t("scroll.table") : t("scroll.notebook") }));
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

  /* The theme labels a navigation section by its <label>, which is empty for a section that has
   * its own index page (navigation.indexes): name it after the section's link instead, so that
   * every navigation landmark has a distinct name (axe landmark-unique). */
  function nameNavSections() {
    [].forEach.call(document.querySelectorAll("nav.md-nav[aria-labelledby]"), function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      if (!label || label.textContent.trim()) return;
      var link = nav.parentNode && nav.parentNode.querySelector(".md-nav__container > a, .md-nav__link > a");
      var name = link ? link.textContent.replace(/\s+/g, " ").trim() : "";
      if (name) { nav.removeAttribute("aria-labelledby"); nav.setAttribute("aria-label", name); }
    });
  }

  onPage(function () {
    nameNavSections();
    setTimeout(focusableScrollers, 0);
    setTimeout(focusableScrollers, 400);
    var where = document.querySelector("[data-progress], [data-download]");
    if (firefoxFromFolder && where && !document.querySelector(".storage-warning-firefox")) {
      where.parentNode.insertBefore(el("p", { "class": "storage-warning storage-warning-firefox", role: "note",
        text: t("store.firefox_folder") }), where);
    }
    if (!store.persistent && !document.querySelector(".storage-warning:not(.storage-warning-firefox)")) {
      var main = document.querySelector(".md-content__inner");
      if (main) {
        main.insertBefore(el("p", { "class": "storage-warning", role: "note",
          text: t("store.not_persistent") }), main.firstChild);
      }
    }
  });
})();
