/* DIGIT4SD learner progress: lesson completion, module and path status, the progress page,
 * export and import of all learner data, a self-declared certificate, forgetting all data. */
(function () {
  "use strict";
  var C = window.Course;
  if (!C) return;
  var el = C.el, isObj = C.isObj;
  var ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var FORMAT = "digit4sd-learner-data";
  var EXPORT_VERSION = 1;
  var MAX_IMPORT = 1024 * 1024; // 1 MB is far more than real learner data needs

  /* Stored shape: { done: { <lesson id>: "YYYY-MM-DD" } }. A v0 value (a plain list of
   * lesson ids) is migrated, which also exercises the migration path. */
  C.store.define("progress", function (d) {
    return isObj(d) && isObj(d.done) && Object.keys(d.done).length <= 1000 &&
      Object.keys(d.done).every(function (k) { return ID.test(k) && typeof d.done[k] === "string" && DATE.test(d.done[k]); });
  }, function (old) {
    if (!Array.isArray(old)) return null;
    var done = {};
    old.forEach(function (id) { if (typeof id === "string" && ID.test(id)) done[id] = today(); });
    return { done: done };
  });
  C.store.define("view", function (d) { return isObj(d) && typeof d.trainer === "boolean"; });
  C.store.define("certificate", function (d) { return isObj(d) && typeof d.name === "string" && d.name.length <= 80; });

  function today() { return new Date().toISOString().slice(0, 10); }
  function done() { var p = C.store.load("progress"); return p ? p.done : {}; }
  function setDone(id, on) {
    var p = C.store.load("progress") || { done: {} };
    if (on) p.done[id] = today(); else delete p.done[id];
    C.store.save("progress", p);
  }

  /* ------------------------------------------------------------------ lesson pages */
  function setupComplete() {
    var art = document.querySelector("[data-lesson]");
    var btn = document.querySelector("[data-complete]");
    if (!art || !btn || btn.getAttribute("data-ready")) return;
    btn.setAttribute("data-ready", "1");
    var id = art.getAttribute("data-lesson");
    var status = btn.parentNode.querySelector("[role=status]");
    function paint() {
      var on = !!done()[id];
      btn.setAttribute("aria-pressed", on ? "true" : "false");
      btn.textContent = on ? "Lesson complete \u2714 (press to mark as not done)" : "Mark this lesson as complete";
      return on;
    }
    paint();
    btn.addEventListener("click", function () {
      setDone(id, !done()[id]);
      var on = paint();
      status.textContent = on ? "Marked as complete. Well done." : "Marked as not done.";
    });
  }

  /* Status cells on module, path and progress pages. */
  function paintStatuses() {
    var d = done();
    [].forEach.call(document.querySelectorAll("[data-lesson-row],[data-progress-lesson],[data-path-lessons] [data-lesson-ref]"), function (row) {
      var id = row.getAttribute("data-lesson-row") || row.getAttribute("data-progress-lesson") ||
        lessonIdFromRef(row.getAttribute("data-lesson-ref"));
      var cell = row.querySelector("[data-lesson-status]");
      if (!cell || !id) return;
      cell.textContent = d[id] ? "\u2714 Done (" + d[id] + ")" : "Not done yet";
      row.setAttribute("data-done", d[id] ? "true" : "false");
    });
  }
  function lessonIdFromRef(ref) {
    var all = C.lessons();
    for (var i = 0; i < all.length; i++) if (all[i].url === ref) return all[i].id;
    return null;
  }

  /* ------------------------------------------------------------------ scores */
  function quizScore(quizIds) {
    var st = C.store.load("quiz") || {};
    var right = 0;
    quizIds.forEach(function (q) {
      var e = st[q];
      if (!isObj(e)) return;
      Object.keys(e).forEach(function (k) { if (isObj(e[k]) && e[k].r === "correct") right++; });
    });
    return right;
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
      var ratio = parseFloat((document.querySelector("[data-mastery]") || { getAttribute: function () { return "0.8"; } }).getAttribute("data-mastery")) || 0.8;
      return { module: m, done: n, total: m.lessons.length, right: right, questions: questions,
        mastered: questions > 0 && right / questions >= ratio,
        minutes: m.lessons.filter(function (l) { return d[l.id]; }).reduce(function (a, l) { return a + (l.minutes || 0); }, 0) };
    });
  }

  function completedPaths() {
    var d = done();
    var out = [];
    var all = C.lessons();
    if (all.length && all.every(function (l) { return d[l.id]; })) out.push({ id: "course", title: C.outline.title || "The complete course" });
    var act = C.paths && C.paths.active();
    (C.outline.paths || []).forEach(function (p) {
      var have = p.lessons.filter(function (id) { return C.lessonById(id); });
      if (have.length && have.every(function (id) { return d[id]; })) out.push({ id: p.id, title: p.title });
    });
    if (act && act.id === "custom" && act.lessons.every(function (id) { return d[id]; })) out.push({ id: "custom", title: "My own path" });
    return out;
  }

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
      sec.querySelector("[data-module-summary]").textContent = s.done + " of " + s.total + " lessons done.";
      sec.querySelector("[data-module-quiz]").textContent = "Quiz questions answered correctly: " + s.right + " of " + s.questions + ".";
      sec.querySelector("[data-module-mastery]").textContent = s.mastered ? "Mastered \u2714" : "Not mastered yet.";
      var bar = sec.querySelector("progress");
      if (bar) { bar.max = s.total; bar.value = s.done; }
    });
    var h = Math.floor(minutes / 60), mn = minutes % 60;
    root.querySelector("[data-progress-summary]").textContent = "You have completed " + totalDone + " of " + totalLessons +
      " lessons, about " + (h ? h + " h " : "") + mn + " min of study. Modules mastered: " +
      stats.filter(function (s) { return s.mastered; }).length + " of " + stats.length + ".";
    var pathBox = root.querySelector("[data-progress-path]");
    var nextBox = root.querySelector("[data-progress-next]");
    while (pathBox.firstChild) pathBox.removeChild(pathBox.firstChild);
    while (nextBox.firstChild) nextBox.removeChild(nextBox.firstChild);
    var d = done();
    var act = C.paths && C.paths.active();
    var queue = act ? act.lessons : C.lessons().map(function (l) { return l.id; });
    if (act) {
      var n = act.lessons.filter(function (id) { return d[id]; }).length;
      pathBox.appendChild(el("span", null, ["Active learning path: ", el("a", { href: C.href(act.url) }, act.title),
        " \u00b7 " + n + " of " + act.lessons.length + " lessons done."]));
    } else {
      pathBox.textContent = "No learning path is active: lessons follow the course order.";
    }
    var next = queue.filter(function (id) { return !d[id]; })[0];
    var nl = next && C.lessonById(next);
    if (nl) nextBox.appendChild(el("span", null, ["Study next: ", el("a", { href: C.href(nl.url), "data-next-lesson": nl.id }, nl.title), " (" + nl.minutes + " min)."]));
    else nextBox.textContent = act ? "You have done every lesson of your path." : "You have done every lesson of the course.";
    paintCertificateState(root);
  }

  /* ------------------------------------------------------------------ export / import */
  function exportData() {
    var data = {};
    C.store.concerns().forEach(function (c) {
      var v = C.store.load(c);
      if (v !== null) data[c] = v;
    });
    return { format: FORMAT, version: EXPORT_VERSION, course: C.outline.course, exported: new Date().toISOString(), data: data };
  }

  /* Validate an imported text completely before anything is stored; returns {ok, data|error}. */
  function parseImport(text) {
    if (typeof text !== "string" || text.length > MAX_IMPORT) return { error: "The file is too large to be a course export (more than 1 MB)." };
    var obj;
    try { obj = JSON.parse(text); } catch (e) { return { error: "The file is not a course export: it is not valid JSON." }; }
    if (!isObj(obj) || obj.format !== FORMAT) return { error: "The file is not a DIGIT4SD course export." };
    if (obj.version !== EXPORT_VERSION) return { error: "The file comes from an unsupported version (" + String(obj.version).slice(0, 20) + ") of the course export." };
    if (obj.course !== C.outline.course) return { error: "The file belongs to another course." };
    if (!isObj(obj.data)) return { error: "The file has no learner data." };
    var known = C.store.concerns();
    var keys = Object.keys(obj.data);
    for (var i = 0; i < keys.length; i++) {
      if (known.indexOf(keys[i]) === -1) return { error: "The file holds data the course does not know (\u201c" + keys[i].slice(0, 40) + "\u201d)." };
    }
    return { ok: true, data: obj.data };
  }

  function deepMerge(a, b) {
    if (!isObj(a) || !isObj(b)) return b;
    var out = {};
    Object.keys(a).forEach(function (k) { out[k] = a[k]; });
    Object.keys(b).forEach(function (k) { out[k] = (k in a) ? deepMerge(a[k], b[k]) : b[k]; });
    return out;
  }

  function importData(text, mode) {
    var parsed = parseImport(text);
    if (!parsed.ok) return parsed;
    var incoming = parsed.data;
    var plan = {};
    var names = Object.keys(incoming);
    for (var i = 0; i < names.length; i++) {
      var c = names[i];
      var value = mode === "merge" ? deepMerge(C.store.load(c), incoming[c]) : incoming[c];
      // Each concern's own check, on the value exactly as it would be stored.
      if (!C.store.validate(c, value)) return { error: "The file's \u201c" + c + "\u201d data is damaged or has the wrong shape. Nothing was imported." };
      plan[c] = value;
    }
    if (mode === "replace") C.store.concerns().forEach(function (c) { if (!(c in plan)) C.store.remove(c); });
    Object.keys(plan).forEach(function (c) { C.store.save(c, plan[c]); });
    return { ok: true, count: names.length };
  }

  function setupExportImport() {
    var root = document.querySelector("[data-progress]");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var status = root.querySelector("[data-import-status]");
    root.querySelector("[data-export]").addEventListener("click", function () {
      C.download(C.outline.course + "-my-data-" + today() + ".json", JSON.stringify(exportData(), null, 1));
      status.textContent = "Your data was exported as a file.";
    });
    var input = root.querySelector("[data-import]");
    input.addEventListener("change", function () {
      var f = input.files && input.files[0];
      if (!f) return;
      if (f.size > MAX_IMPORT) { status.textContent = "Import refused: the file is too large to be a course export (more than 1 MB)."; input.value = ""; return; }
      var r = new FileReader();
      r.onload = function () {
        var modeEl = root.querySelector("input[name=import-mode]:checked");
        var res = importData(String(r.result), modeEl ? modeEl.value : "merge");
        status.textContent = res.ok ? "Import done: " + res.count + " kinds of data were " + (modeEl && modeEl.value === "replace" ? "restored" : "merged") + "."
          : "Import refused: " + res.error + " Your stored data was not changed.";
        input.value = "";
        if (res.ok) { setupProgressPage(); paintStatuses(); }
      };
      r.onerror = function () { status.textContent = "Import refused: the file could not be read. Your stored data was not changed."; };
      r.readAsText(f);
    });
    root.querySelector("[data-forget]").addEventListener("click", function () {
      if (!window.confirm("Forget all your progress, answers and notes in this browser?")) return;
      C.store.clearAll();
      root.querySelector("[data-forget-status]").textContent = "All your course data was removed from this browser.";
      setupProgressPage(); paintStatuses();
    });
    var nameIn = root.querySelector("[data-cert-name]");
    var saved = C.store.load("certificate");
    if (saved) nameIn.value = saved.name;
    root.querySelector("[data-cert-show]").addEventListener("click", function () { showCertificate(root); });
  }

  /* ------------------------------------------------------------------ certificate */
  function paintCertificateState(root) {
    var box = root.querySelector("[data-certificate-state]");
    if (!box) return;
    var paths = completedPaths();
    box.textContent = paths.length ? "You have completed: " + paths.map(function (p) { return p.title; }).join("; ") + ". Type your name and show your certificate."
      : "When you have completed a learning path or the whole course, you can print a certificate here.";
  }

  function showCertificate(root) {
    var out = root.querySelector("[data-certificate]");
    var name = root.querySelector("[data-cert-name]").value.trim().slice(0, 80);
    var paths = completedPaths();
    while (out.firstChild) out.removeChild(out.firstChild);
    out.hidden = false;
    if (!paths.length) { out.appendChild(el("p", { role: "status", text: "Complete a learning path or the whole course first." })); return; }
    if (!name) { out.appendChild(el("p", { role: "status", text: "Type your name first." })); return; }
    C.store.save("certificate", { name: name });
    var stats = moduleStats().filter(function (s) { return s.done > 0; });
    out.appendChild(el("p", { "class": "cert-kicker", text: "Certificate of completion" }));
    out.appendChild(el("p", { "class": "cert-name", text: name }));
    out.appendChild(el("p", { text: "has completed " + paths.map(function (p) { return p.title; }).join(" and ") + " of the course \u201c" + (C.outline.title || "") + "\u201d on " + today() + "." }));
    var ul = el("ul");
    stats.forEach(function (s) {
      ul.appendChild(el("li", { text: "Module " + s.module.number + ": " + s.module.title + " \u2014 " + s.done + " of " + s.total + " lessons, quiz questions right: " + s.right + " of " + s.questions + (s.mastered ? " (mastered)" : "") }));
    });
    out.appendChild(ul);
    out.appendChild(el("p", { "class": "cert-note", text: "This is a self-declared record made by the learner in their own browser. It is not an accredited credential and it was not checked by UN DESA or anyone else." }));
    var pr = el("button", { type: "button", "class": "md-button no-print" }, "Print the certificate");
    pr.addEventListener("click", function () { window.print(); });
    out.appendChild(pr);
  }

  C.progress = { exportData: exportData, parseImport: parseImport, importData: importData, done: done };
  C.onPage(function () { setupComplete(); paintStatuses(); setupExportImport(); setupProgressPage(); });
  document.addEventListener("course:store", function () { /* other scripts changed data */ });
})();
