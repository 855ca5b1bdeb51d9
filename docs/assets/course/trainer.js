/* DIGIT4SD trainer mode: the trainer view toggle, workshop agenda clock times, and print
 * buttons. The presentation (projector) view and the presenter window are in present.js, which
 * this loads (a classic script, from file:// too) only when a trainer presents: a learner never
 * downloads it. */
(function () {
  "use strict";
  var C = window.Course;
  if (!C) return;
  var el = C.el;
  var html = document.documentElement;

  function trainerOn() { var v = C.store.load("view"); return !!(v && v.trainer); }
  function setTrainer(on) {
    C.store.save("view", { trainer: !!on });
    html.classList.toggle("trainer-view", !!on);
    [].forEach.call(document.querySelectorAll("[data-trainer-toggle]"), function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
    [].forEach.call(document.querySelectorAll("[data-facilitator]"), function (d) {
      if (on && d.tagName === "DETAILS") d.open = true;
    });
  }

  /* ------------------------------------------------------------------ toolbar */
  function toolbar() {
    var inner = document.querySelector(".md-content__inner");
    if (!inner || inner.querySelector(".course-toolbar")) return;
    var bar = el("div", { "class": "course-toolbar no-print", role: "group", "aria-label": C.t("trainer.views") });
    var t = el("button", { type: "button", "class": "md-button course-tool", "data-trainer-toggle": "", "aria-pressed": trainerOn() ? "true" : "false" }, C.t("trainer.view"));
    t.addEventListener("click", function () {
      var on = !trainerOn();
      setTrainer(on);
      say(on ? C.t("trainer.on") : C.t("trainer.off"));
    });
    bar.appendChild(t);
    if (document.querySelector("[data-lesson] .lesson-body")) {
      var p = el("button", { type: "button", "class": "md-button course-tool", "data-present": "" }, C.t("trainer.present"));
      p.addEventListener("click", function () { present(); });
      bar.appendChild(p);
    }
    bar.appendChild(el("span", { "class": "md-visually-hidden", role: "status", "aria-live": "polite", "data-view-status": "" }));
    var lesson = inner.querySelector("[data-lesson]");
    var phone = window.matchMedia && window.matchMedia("(max-width: 44.9375em)").matches;
    if (lesson && phone && !/[?&]view=/.test(window.location.search)) {
      // On a phone a lesson's first screen is its title and objectives: the views go to its end.
      bar.classList.add("course-toolbar--end");
      inner.insertBefore(bar, lesson.nextSibling);
    } else {
      inner.insertBefore(bar, inner.firstChild);
    }
    if (trainerOn()) setTrainer(true);
  }
  function say(text) {
    var s = document.querySelector("[data-view-status]");
    if (s) { s.textContent = ""; setTimeout(function () { s.textContent = text; }, 30); }
  }

  /* ------------------------------------------------------------------ agenda */
  function setupAgenda() {
    var table = document.querySelector("[data-agenda]");
    if (!table || table.getAttribute("data-ready")) return;
    table.setAttribute("data-ready", "1");
    var start = document.querySelector("[data-agenda-start]");
    var length = document.querySelector("[data-agenda-length]");
    var saved = C.store.load("agenda") || {};
    var page = table.closest("[data-agenda-page]");
    var pid = page ? page.getAttribute("data-agenda-page") : "";
    if (C.isObj(saved[pid])) { start.value = saved[pid].start; length.value = saved[pid].length; }
    function fmt(m) { m = ((m % 1440) + 1440) % 1440; var h = Math.floor(m / 60), mm = m % 60; return (h < 10 ? "0" : "") + h + ":" + (mm < 10 ? "0" : "") + mm; }
    function recompute() {
      var parts = /^(\d{1,2}):(\d{2})$/.exec(start.value || "");
      var t0 = parts ? parseInt(parts[1], 10) * 60 + parseInt(parts[2], 10) : 540;
      var len = parseInt(length.value, 10);
      if (!(len >= 60 && len <= 720)) len = parseInt(table.getAttribute("data-day-length"), 10) || 480;
      var warnings = [];
      [].forEach.call(table.querySelectorAll("tbody[data-day]"), function (tb) {
        var clock = t0, total = 0, day = tb.getAttribute("data-day");
        [].forEach.call(tb.querySelectorAll("tr[data-minutes]"), function (tr) {
          var m = parseInt(tr.getAttribute("data-minutes"), 10) || 0;
          tr.querySelector("[data-clock]").textContent = fmt(clock) + "\u2013" + fmt(clock + m);
          clock += m; total += m;
        });
        var w = tb.querySelector("[data-day-warning]");
        var over = total - len;
        w.textContent = over > 0 ? C.t("agenda.day_over", { day: day, over: over, end: fmt(t0 + total) }) : C.t("agenda.ends", { end: fmt(t0 + total) });
        tb.classList.toggle("agenda-over", over > 0);
        if (over > 0) warnings.push(day);
      });
      var st = document.querySelector("[data-agenda-status]");
      if (st) st.textContent = !warnings.length ? C.t("agenda.all_fit") : warnings.length === 1 ?
        C.t("agenda.one_over", { day: warnings[0] }) :
        C.t("agenda.many_over", { days: warnings.slice(0, -1).join(C.t("list.separator")), last: warnings[warnings.length - 1] });
      var all = C.store.load("agenda") || {};
      if (pid && /^[a-z0-9-]+$/.test(pid)) { all[pid] = { start: fmt(t0), length: len }; C.store.save("agenda", all); }
    }
    start.addEventListener("change", recompute);
    length.addEventListener("change", recompute);
    recompute();
  }
  function setupPrint() {
    [].forEach.call(document.querySelectorAll("[data-print]"), function (b) {
      if (b.getAttribute("data-ready")) return;
      b.setAttribute("data-ready", "1");
      b.addEventListener("click", function () { window.print(); });
    });
  }

  /* ------------------------------------------------------------------ present.js, on demand */
  var mine = document.currentScript && document.currentScript.src;
  var loading = null;
  function present(as) {
    if (C.present) { C.present.enter(as); return; }
    if (loading) { loading.as = as; return; }
    loading = { as: as };
    var s = document.createElement("script");
    s.src = new URL("present.js", mine || window.location.href).href;
    s.onload = function () { if (C.present) C.present.enter(loading.as); };
    s.onerror = function () { loading = null; html.classList.remove("present-pending"); say(C.t("trainer.present_failed")); };
    document.head.appendChild(s);
  }

  C.trainer = {
    enterPresent: present, setTrainer: setTrainer, trainerOn: trainerOn, say: say,
    leavePresent: function () { if (C.present) C.present.leave(); },
    go: function (i) { if (C.present) C.present.go(i); }
  };
  C.onPage(function () {
    toolbar();
    setupAgenda();
    setupPrint();
    var v = null;
    try { v = new URLSearchParams(window.location.search).get("view"); } catch (e) { /* ignore */ }
    if (v === "present" || v === "presenter") present(v);
  });
})();
