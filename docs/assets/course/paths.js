/* DIGIT4SD learning paths: start a path, follow it lesson by lesson, build your own, leave it. */
(function () {
  "use strict";
  var C = window.Course;
  if (!C) return;
  var el = C.el;

  /* Stored shape ("path", declared in store.js): { active: <path id>|"custom"|null, custom: [<lesson id>, ...] } */
  function state() { return C.store.load("path") || { active: null, custom: [] }; }
  function courseOrder(ids) {
    var want = {};
    ids.forEach(function (i) { want[i] = true; });
    return C.lessons().filter(function (l) { return want[l.id]; }).map(function (l) { return l.id; });
  }
  /* The active path as {id, title, lessons:[ids]} (only lessons this site has), or null. */
  function active() {
    var s = state();
    if (!s.active) return null;
    if (s.active === "custom") {
      var ls = courseOrder(s.custom);
      return ls.length ? { id: "custom", title: C.t("paths.custom_title"), lessons: ls, url: "paths/custom" + (isDirUrls() ? "/" : ".html") } : null;
    }
    var p = (C.outline.paths || []).filter(function (x) { return x.id === s.active; })[0];
    if (!p) return null;
    var have = {};
    C.lessons().forEach(function (l) { have[l.id] = true; });
    var lessons = p.lessons.filter(function (i) { return have[i]; });
    return lessons.length ? { id: p.id, title: p.title, lessons: lessons, url: p.url } : null;
  }
  function isDirUrls() {
    var first = C.lessons()[0];
    return !first || /\/$/.test(first.url);
  }
  function setActive(id, custom) {
    var s = state();
    s.active = id;
    if (custom) s.custom = custom;
    C.store.save("path", s);
  }

  /* trainer-ux: the path's next step is shown at the top and again after the completion button. */
  function renderNav() {
    var article = document.querySelector("[data-lesson]");
    var box = article && article.querySelector("[data-complete-box]");
    if (box && !article.querySelector("[data-path-nav-end]")) {
      box.parentNode.insertBefore(el("nav", { "class": "path-nav path-nav--end", "data-path-nav": "", "data-path-nav-end": "",
        hidden: true, "aria-label": C.t("paths.nav_label") }), box.nextSibling);
    }
    [].forEach.call(document.querySelectorAll("[data-path-nav]"), function (nav) { renderNavInto(nav, article); });
  }
  function renderNavInto(nav, article) {
    if (!nav || !article) return;
    while (nav.firstChild) nav.removeChild(nav.firstChild);
    var p = active();
    if (!p) { nav.hidden = true; return; }
    var here = article.getAttribute("data-lesson");
    var idx = p.lessons.indexOf(here);
    var pathLink = el("a", { href: C.href(p.url) }, p.title);
    if (idx === -1) {
      nav.appendChild(el("p", null, C.tn("paths.not_in_path", { path: pathLink })));
    } else {
      nav.appendChild(el("p", null, C.tn("paths.step_line", { path: pathLink,
        step: el("strong", { text: C.t("paths.step", { n: idx + 1, total: p.lessons.length }) }) })));
      var links = el("p", { "class": "path-links" });
      var prev = idx > 0 ? C.lessonById(p.lessons[idx - 1]) : null;
      var next = idx + 1 < p.lessons.length ? C.lessonById(p.lessons[idx + 1]) : null;
      var end = nav.hasAttribute("data-path-nav-end");
      if (prev && !end) links.appendChild(el("a", { href: C.href(prev.url), rel: "prev" }, C.t("paths.previous", { title: prev.title })));
      if (next) links.appendChild(el("a", { href: C.href(next.url), rel: "next" }, C.t("paths.next", { title: next.title })));
      else links.appendChild(el("span", { text: C.t("paths.last") }));
      nav.appendChild(links);
    }
    if (nav.hasAttribute("data-path-nav-end")) { nav.hidden = false; return; }
    var leave = el("button", { type: "button", "class": "md-button", "data-path-leave": "" }, C.t("paths.leave"));
    leave.addEventListener("click", function () {
      setActive(null);
      renderNav();
      var n = document.querySelector("[data-path-nav]");
      n.hidden = false;
      n.appendChild(el("p", { role: "status", text: C.t("paths.left") }));
    });
    nav.appendChild(leave);
    nav.hidden = false;
  }

  function setupPathPage() {
    [].forEach.call(document.querySelectorAll("[data-path-start]"), function (b) {
      var page = b.closest("[data-path]");
      var id = b.getAttribute("data-path-start");
      var status = page && page.querySelector("[data-path-status]");
      var first = page && page.querySelector("[data-path-lessons] a");
      if (state().active === id && status) status.textContent = C.t("paths.is_active");
      b.addEventListener("click", function () {
        setActive(id);
        if (status) status.textContent = C.t("paths.started");
        if (first) window.location.href = first.href;
      });
    });
  }

  function setupCustom() {
    var form = document.querySelector('form[data-path="custom"]');
    if (!form || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    var boxes = [].slice.call(form.querySelectorAll("input[data-lesson-ref]"));
    var total = form.querySelector("[data-custom-total]");
    var status = form.querySelector("[data-custom-status]");
    var saved = state().custom;
    boxes.forEach(function (b) { b.checked = saved.indexOf(b.getAttribute("data-lesson-id")) !== -1; });
    function sync() {
      var n = 0, mins = 0;
      boxes.forEach(function (b) { if (b.checked) { n++; mins += parseInt(b.getAttribute("data-minutes"), 10) || 0; } });
      var count = n === 1 ? C.t("paths.chosen_one") : C.t("paths.chosen_many", { n: n });
      total.textContent = mins >= 60 ? C.t("paths.chosen_long", { count: count, mins: mins, h: Math.floor(mins / 60), m: mins % 60 })
        : C.t("paths.chosen", { count: count, mins: mins });
      [].forEach.call(form.querySelectorAll("[data-select-all]"), function (all) {
        var mine = boxes.filter(function (b) { return b.getAttribute("data-module") === all.getAttribute("data-select-all"); });
        var on = mine.filter(function (b) { return b.checked; }).length;
        all.checked = on === mine.length && on > 0;
        all.indeterminate = on > 0 && on < mine.length;
      });
    }
    form.addEventListener("change", function (ev) {
      var t = ev.target;
      if (t.hasAttribute("data-select-all")) {
        boxes.forEach(function (b) { if (b.getAttribute("data-module") === t.getAttribute("data-select-all")) b.checked = t.checked; });
      }
      sync();
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var ids = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.getAttribute("data-lesson-id"); });
      if (!ids.length) { status.textContent = C.t("paths.choose_first"); return; }
      setActive("custom", courseOrder(ids));
      var first = C.lessonById(courseOrder(ids)[0]);
      status.textContent = C.t("paths.saved", { n: ids.length }) + " ";
      if (first) status.appendChild(el("a", { href: C.href(first.url) }, C.t("paths.start_with", { title: first.title })));
    });
    sync();
  }

  C.paths = { active: active, state: state, setActive: setActive };
  C.onPage(function () { renderNav(); setupPathPage(); setupCustom(); });
})();
