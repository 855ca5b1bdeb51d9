/* DIGIT4SD the progress page: per-module progress and scores, export and import of all learner
 * data, the certificate (earned by the mastery rule over a path's own quizzes), forgetting all
 * data. Loaded on the progress page only (hooks/theme/main.html), after progress.js. */
(function () {
  "use strict";
  var C = window.Course;
  if (!C || !C.progress) return;
  var el = C.el, isObj = C.isObj;
  var S = C.store;
  var MAX_IMPORT = S.MAX_IMPORT;

  var P = C.progress, today = P.today, done = P.done;

  /* ------------------------------------------------------------------ scores */
  /* Questions answered correctly in these quizzes (the latest answer counts: retries allowed),
   * never more than each quiz really has, whatever storage says. */
  function quizScore(quizIds) {
    var st = C.store.load("quiz") || {};
    var right = 0;
    quizIds.forEach(function (q) {
      var e = S.own(st, q) ? st[q] : null;
      if (!isObj(e)) return;
      var n = 0;
      Object.keys(e).forEach(function (k) { if (isObj(e[k]) && e[k].r === "correct") n++; });
      right += Math.min(n, questionCount([q]));
    });
    return right;
  }
  function questionCount(quizIds) {
    var qs = C.outline.quizzes || {};
    return quizIds.reduce(function (a, q) { return a + (S.own(qs, q) && typeof qs[q] === "number" ? qs[q] : 0); }, 0);
  }
  function masteryRatio() {
    var m = document.querySelector("[data-mastery]");
    var r = m ? parseFloat(m.getAttribute("data-mastery")) : NaN;
    return r > 0 && r <= 1 ? r : 0.8;
  }

  function moduleStats() {
    var d = done();
    return (C.outline.modules || []).map(function (m) {
      var quizzes = [];
      m.lessons.forEach(function (l) { quizzes = quizzes.concat(l.quizzes || []); });
      if (m.quiz) quizzes.push(m.quiz);
      var questions = 0;
      quizzes.forEach(function (q) { questions += (C.outline.quizzes || {})[q] || 0; });
      var right = Math.min(quizScore(quizzes), questions);
      var n = m.lessons.filter(function (l) { return d[l.id]; }).length;
      var ratio = masteryRatio();
      return { module: m, done: n, total: m.lessons.length, right: right, questions: questions,
        mastered: questions > 0 && right / questions >= ratio,
        minutes: m.lessons.filter(function (l) { return d[l.id]; }).reduce(function (a, l) { return a + (l.minutes || 0); }, 0) };
    });
  }

  /* Every path a certificate can be earned for: the whole course, each predefined path, the
   * learner's own path. Its quizzes are its own lessons' quizzes (and, for the whole course,
   * the end-of-module quizzes too). */
  function certificatePaths() {
    var d = done(), ratio = masteryRatio();
    var out = [];
    function add(id, title, lessonIds, extraQuizzes) {
      var ls = lessonIds.map(function (x) { return C.lessonById(x); }).filter(Boolean);
      if (!ls.length) return;
      var quizzes = [];
      ls.forEach(function (l) { (l.quizzes || []).forEach(function (q) { if (quizzes.indexOf(q) === -1) quizzes.push(q); }); });
      (extraQuizzes || []).forEach(function (q) { if (quizzes.indexOf(q) === -1) quizzes.push(q); });
      var questions = questionCount(quizzes), right = quizScore(quizzes);
      var lessonsDone = ls.filter(function (l) { return d[l.id]; }).length;
      var needed = Math.ceil(questions * ratio - 1e-9);
      out.push({ id: id, title: title, lessons: ls.length, lessonsDone: lessonsDone, questions: questions, right: right, needed: needed,
        earned: lessonsDone === ls.length && right >= needed });
    }
    add("course", C.outline.title || C.t("cert.whole_course"), C.lessons().map(function (l) { return l.id; }),
      (C.outline.modules || []).map(function (m) { return m.quiz; }).filter(Boolean));
    (C.outline.paths || []).forEach(function (p) { add(p.id, p.title, p.lessons); });
    var act = C.paths && C.paths.active();
    if (act && act.id === "custom") add("custom", C.t("paths.custom_title"), act.lessons);
    return out;
  }
  function completedPaths() { return certificatePaths().filter(function (p) { return p.earned; }); }

  /* ------------------------------------------------------------------ progress page */
  function setupProgressPage() {
    var root = document.querySelector("[data-progress]");
    if (!root) return;
    var stats = moduleStats();
    var totalDone = 0, totalLessons = 0, minutes = 0;
    stats.forEach(function (s) {
      totalDone += s.done; totalLessons += s.total; minutes += s.minutes;
      var sec = root.querySelector('[data-module-progress="' + s.module.id + '"]');
      if (!sec) return;
      sec.setAttribute("data-done", String(s.done));
      sec.setAttribute("data-total", String(s.total));
      sec.setAttribute("data-mastered", s.mastered ? "true" : "false");
      sec.querySelector("[data-module-summary]").textContent = C.t("progress.module_done", { done: s.done, total: s.total });
      sec.querySelector("[data-module-quiz]").textContent = C.t("progress.module_quiz", { right: s.right, total: s.questions });
      sec.querySelector("[data-module-mastery]").textContent = s.mastered ? C.t("progress.mastered") : C.t("progress.not_mastered");
      var bar = sec.querySelector("progress");
      if (bar) { bar.max = s.total; bar.value = s.done; }
    });
    var h = Math.floor(minutes / 60), mn = minutes % 60;
    root.querySelector("[data-progress-summary]").textContent = C.t("progress.summary", { done: totalDone, total: totalLessons,
      time: h ? C.t("progress.hours_minutes", { h: h, m: mn }) : C.t("progress.minutes", { m: mn }),
      mastered: stats.filter(function (s) { return s.mastered; }).length, modules: stats.length });
    var pathBox = root.querySelector("[data-progress-path]");
    var nextBox = root.querySelector("[data-progress-next]");
    while (pathBox.firstChild) pathBox.removeChild(pathBox.firstChild);
    while (nextBox.firstChild) nextBox.removeChild(nextBox.firstChild);
    var d = done();
    var act = C.paths && C.paths.active();
    var queue = act ? act.lessons : C.lessons().map(function (l) { return l.id; });
    if (act) {
      var n = act.lessons.filter(function (id) { return d[id]; }).length;
      pathBox.appendChild(el("span", null, C.tn("progress.active_path", { path: el("a", { href: C.href(act.url) }, act.title),
        done: n, total: act.lessons.length })));
    } else {
      pathBox.textContent = C.t("progress.no_path");
    }
    var next = queue.filter(function (id) { return !d[id]; })[0];
    var nl = next && C.lessonById(next);
    if (nl) nextBox.appendChild(el("span", null, C.tn("progress.study_next", { lesson: el("a", { href: C.href(nl.url), "data-next-lesson": nl.id }, nl.title), n: nl.minutes })));
    else nextBox.textContent = act ? C.t("progress.path_all_done") : C.t("progress.course_all_done");
    paintCertificateState(root);
  }

  /* ------------------------------------------------------------------ export / import
   * (store.js owns both, so that they always cover every concern the registry declares) */
  var exportData = S.exportAll, parseImport = S.parseImport, importData = S.importAll;

  function setupExportImport() {
    var root = document.querySelector("[data-progress]");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var status = root.querySelector("[data-import-status]");
    root.querySelector("[data-export]").addEventListener("click", function () {
      var who = S.learners.current().name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 30);
      C.download(C.outline.course + "-my-data-" + (who ? who + "-" : "") + today() + ".json", JSON.stringify(exportData(), null, 1));
      status.textContent = C.t("data.exported");
    });
    var input = root.querySelector("[data-import]");
    input.addEventListener("change", function () {
      var f = input.files && input.files[0];
      if (!f) return;
      if (f.size > MAX_IMPORT) { status.textContent = C.t("data.import_too_large"); input.value = ""; return; }
      var r = new FileReader();
      r.onload = function () {
        var modeEl = root.querySelector("input[name=import-mode]:checked");
        var res = importData(String(r.result), modeEl ? modeEl.value : "merge");
        status.textContent = !res.ok ? C.t("data.import_refused", { why: res.error })
          : modeEl && modeEl.value === "replace" ? C.t("data.import_restored", { n: res.count }) : C.t("data.import_merged", { n: res.count });
        input.value = "";
        if (res.ok) { setupProgressPage(); P.paintStatuses(); }
      };
      r.onerror = function () { status.textContent = C.t("data.import_unreadable"); };
      r.readAsText(f);
    });
    root.querySelector("[data-forget]").addEventListener("click", function () {
      var me = S.learners.label(S.learners.current());
      if (!window.confirm(C.t("data.forget_confirm", { name: me }))) return;
      S.forget();
      root.querySelector("[data-forget-status]").textContent = C.t("data.forgotten", { name: me });
      setupProgressPage(); P.paintStatuses();
    });
    var nameIn = root.querySelector("[data-cert-name]");
    var saved = C.store.load("certificate");
    nameIn.value = saved ? saved.name : S.learners.current().name;
    root.querySelector("[data-cert-show]").addEventListener("click", function () { showCertificate(root); });
  }

  /* ------------------------------------------------------------------ certificate
   * Earned for a path when every lesson of it is marked done and at least the mastery share
   * (80%) of the questions of its own quizzes are answered correctly; retries are allowed. */
  function pathLine(p) {
    return C.t("cert.path_line", { title: p.title, done: p.lessonsDone, lessons: p.lessons, right: p.right, questions: p.questions,
      needed: p.questions ? " " + C.t("cert.needed", { n: p.needed }) : "", end: p.earned ? " " + C.t("cert.earned") : "." });
  }
  function paintCertificateState(root) {
    var box = root.querySelector("[data-certificate-state]");
    if (!box) return;
    while (box.firstChild) box.removeChild(box.firstChild);
    var all = certificatePaths();
    var shown = all;
    var earned = all.filter(function (p) { return p.earned; });
    box.appendChild(el("p", { text: earned.length ? C.t("cert.type_name_show") : C.t("cert.rule", { ratio: Math.round(masteryRatio() * 100) }) }));
    var ul = el("ul", { "data-certificate-paths": "" });
    shown.forEach(function (p) { ul.appendChild(el("li", { "data-cert-path": p.id, "data-earned": p.earned ? "true" : "false", text: pathLine(p) })); });
    box.appendChild(ul);
  }

  function showCertificate(root) {
    var out = root.querySelector("[data-certificate]");
    var name = root.querySelector("[data-cert-name]").value.replace(/\s+/g, " ").trim().slice(0, 80);
    var paths = completedPaths();
    while (out.firstChild) out.removeChild(out.firstChild);
    out.hidden = false;
    if (!paths.length) { out.appendChild(el("p", { role: "status", text: C.t("cert.none_yet", { ratio: Math.round(masteryRatio() * 100) }) })); return; }
    if (!name) { out.appendChild(el("p", { role: "status", text: C.t("cert.name_first") })); return; }
    C.store.save("certificate", { name: name });
    out.appendChild(el("p", { "class": "cert-kicker", text: C.t("cert.kicker") }));
    out.appendChild(el("p", { "class": "cert-name", text: name }));
    out.appendChild(el("p", { text: C.t("cert.has_completed", { paths: paths.map(function (p) { return p.title; }).join(C.t("cert.and")), course: C.outline.title || "", date: today() }) }));
    var ul = el("ul");
    paths.forEach(function (p) {
      ul.appendChild(el("li", { "data-cert-result": p.id, text: C.t("cert.result", { title: p.title, lessons: p.lessons, right: p.right, questions: p.questions }) }));
    });
    out.appendChild(ul);
    out.appendChild(el("p", { "class": "cert-note", text: C.t("cert.note", { ratio: Math.round(masteryRatio() * 100) }) }));
    var pr = el("button", { type: "button", "class": "md-button no-print", "data-cert-print": "" }, C.t("cert.print"));
    pr.addEventListener("click", function () { printCertificate(out); });
    out.appendChild(pr);
  }

  /* Print the certificate alone on one page: a copy at the top of <body>, everything else hidden
   * by the print style sheet while html.print-certificate is set. */
  function printCertificate(cert) {
    var copy = document.querySelector("body > .cert-print");
    if (copy) copy.parentNode.removeChild(copy);
    copy = cert.cloneNode(true);
    copy.removeAttribute("data-certificate");
    copy.classList.add("cert-print");
    copy.setAttribute("aria-hidden", "true");
    [].forEach.call(copy.querySelectorAll("button"), function (b) { b.parentNode.removeChild(b); });
    document.body.appendChild(copy);
    var html = document.documentElement;
    html.classList.add("print-certificate");
    var done = function () { html.classList.remove("print-certificate"); window.removeEventListener("afterprint", done); };
    window.addEventListener("afterprint", done);
    window.print();
  }

  P.exportData = exportData; P.parseImport = parseImport; P.importData = importData; P.certificatePaths = certificatePaths;
  C.onPage(function () { setupExportImport(); setupProgressPage(); });
})();
