/* DIGIT4SD page layout helpers, mostly for small screens: wide tables and diagrams scroll
 * sideways in a labelled region, the skip link lands on the page title, a lesson page links to
 * the progress page, and the home page offers "continue where you left off". A classic script. */
(function () {
  "use strict";
  var C = window.Course;
  if (!C) return;
  var el = C.el;

  /* Every table of the content sits in the theme's scrolling wrapper (the theme wraps only plain
   * Markdown tables); core.js makes a wrapper that really scrolls a labelled, focusable region. */
  function wrapTables() {
    [].forEach.call(document.querySelectorAll(".md-content table"), function (t) {
      if (t.closest(".md-typeset__scrollwrap, .table-scroll, .present-stage .quiz-q, .presenter-next-stage")) return;
      var outer = el("div", { "class": "md-typeset__scrollwrap table-scroll" });
      var inner = el("div", { "class": "md-typeset__table" });
      t.parentNode.insertBefore(outer, t);
      outer.appendChild(inner);
      inner.appendChild(t);
    });
  }

  /* A diagram keeps readable text on a phone: it keeps a minimum width and scrolls sideways. */
  function figures() {
    [].forEach.call(document.querySelectorAll("figure.course-figure > svg, .assess-chart > svg.bar-chart, [data-group-chart] > svg.bar-chart"), function (svg) {
      var box = svg.parentNode;
      if (box.classList.contains("figure-scroll")) return;
      var wrap = el("div", { "class": "figure-scroll" });
      box.insertBefore(wrap, svg);
      wrap.appendChild(svg);
    });
    [].forEach.call(document.querySelectorAll(".figure-scroll"), function (w) {
      var scrolls = w.scrollWidth > w.clientWidth + 1;
      if (scrolls && !w.hasAttribute("tabindex")) {
        var t = w.querySelector("svg title");
        var name = (t && t.textContent) || (w.querySelector("svg") && w.querySelector("svg").getAttribute("aria-label")) || C.t("scroll.diagram");
        w.setAttribute("tabindex", "0");
        w.setAttribute("role", "region");
        w.setAttribute("aria-label", C.t("scroll.region", { name: name.slice(0, 120) }));
      } else if (!scrolls && w.hasAttribute("tabindex")) {
        w.removeAttribute("tabindex"); w.removeAttribute("role"); w.removeAttribute("aria-label");
      }
    });
  }

  /* The theme's skip link goes to the first heading of the table of contents, which on a lesson
   * is past its title and objectives: send it to the lesson title. */
  function skipLink() {
    var skip = document.querySelector(".md-skip");
    var h1 = document.querySelector("[data-lesson] .lesson-head h1, .md-content h1");
    if (!skip || !h1) return;
    if (!h1.id) h1.id = "page-title";
    skip.setAttribute("href", "#" + h1.id);
  }

  /* The last lesson opened, for "continue where you left off" (keyed by lesson id). */
  /* The last lesson opened, for "continue where you left off" ("visit" in store.js). */
  function progressUrl() {
    var a = document.querySelector('.md-nav a[href$="progress/"], .md-nav a[href$="progress.html"]');
    return a ? a.getAttribute("href") : C.href(location.protocol === "file:" ? "progress.html" : "progress/");
  }
  function lessonPage() {
    var art = document.querySelector("[data-lesson]");
    if (!art) return;
    C.store.save("visit", { lesson: art.getAttribute("data-lesson") });
    var box = art.querySelector("[data-complete-box]");
    if (box && !art.querySelector("[data-progress-link]")) {
      box.appendChild(el("a", { href: progressUrl(), "class": "lesson-progress-link", "data-progress-link": "" }, C.t("layout.see_progress")));
    }
  }
  function homePage() {
    var box = document.querySelector("[data-home-continue]");
    if (!box) return;
    var first = document.querySelector("[data-home-first]"), all = C.lessons(); // the course's first lesson
    if (first && all.length) first.setAttribute("href", C.href(all[0].url));
    var v = C.store.load("visit");
    var l = v && C.lessonById(v.lesson);
    while (box.firstChild) box.removeChild(box.firstChild);
    if (!l) { box.hidden = true; return; }
    box.appendChild(el("a", { href: C.href(l.url), "class": "md-button md-button--primary", "data-continue": "" }, C.t("layout.continue", { title: l.title })));
    box.hidden = false;
    var start = document.querySelector("[data-home-start] .md-button--primary:not([data-continue])");
    if (start) start.classList.remove("md-button--primary");
  }

  var timer = null;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(figures, 200); });
  C.onPage(function () {
    wrapTables();
    figures();
    skipLink();
    lessonPage();
    homePage();
    setTimeout(function () { wrapTables(); figures(); }, 300); // tables and charts the tools draw later
  });
  C.layout = { wrapTables: wrapTables, figures: figures };
})();
