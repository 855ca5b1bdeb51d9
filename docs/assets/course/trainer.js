/* DIGIT4SD trainer mode: the trainer view toggle, the presentation (projector) view of a lesson,
 * workshop agenda clock times, and print buttons. */
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
    if (slides) showNotes();
  }

  /* ------------------------------------------------------------------ toolbar */
  function toolbar() {
    var inner = document.querySelector(".md-content__inner");
    if (!inner || inner.querySelector(".course-toolbar")) return;
    var bar = el("div", { "class": "course-toolbar no-print", role: "group", "aria-label": "Views" });
    var t = el("button", { type: "button", "class": "md-button course-tool", "data-trainer-toggle": "", "aria-pressed": trainerOn() ? "true" : "false" }, "Trainer view");
    t.addEventListener("click", function () {
      var on = !trainerOn();
      setTrainer(on);
      say(on ? "Trainer view on: facilitator notes are shown." : "Trainer view off: facilitator notes are hidden.");
    });
    bar.appendChild(t);
    if (document.querySelector("[data-lesson] .lesson-body")) {
      var p = el("button", { type: "button", "class": "md-button course-tool", "data-present": "" }, "Present this lesson");
      p.addEventListener("click", function () { enterPresent(); });
      bar.appendChild(p);
    }
    bar.appendChild(el("span", { "class": "md-visually-hidden", role: "status", "aria-live": "polite", "data-view-status": "" }));
    inner.insertBefore(bar, inner.firstChild);
    if (trainerOn()) setTrainer(true);
  }
  function say(text) {
    var s = document.querySelector("[data-view-status]");
    if (s) { s.textContent = ""; setTimeout(function () { s.textContent = text; }, 30); }
  }

  /* ------------------------------------------------------------------ presentation view */
  var slides = null, current = 0, deck = null, lastFocus = null;

  function buildSlides() {
    var art = document.querySelector("[data-lesson]");
    var body = art.querySelector(".lesson-body");
    var list = [];
    var head = art.querySelector(".lesson-head");
    head.setAttribute("data-slide", "");
    list.push(head);
    var group = null;
    [].slice.call(body.childNodes).forEach(function (node) {
      var isBreak = node.nodeType === 1 && (node.tagName === "H2" || node.classList.contains("slide-break"));
      if (!group || isBreak) {
        group = el("section", { "class": "slide-group", "data-slide": "" });
        body.insertBefore(group, node);
        list.push(group);
      }
      if (node.nodeType === 1 && node.classList.contains("slide-break")) return;
      group.appendChild(node);
    });
    var kp = art.querySelector(".lesson-keypoints");
    if (kp) { kp.setAttribute("data-slide", ""); list.push(kp); }
    return list.filter(function (s) { return s.textContent.trim() || s.querySelector("svg,img,table"); });
  }

  function unbuildSlides() {
    [].forEach.call(document.querySelectorAll(".slide-group"), function (g) {
      while (g.firstChild) g.parentNode.insertBefore(g.firstChild, g);
      g.parentNode.removeChild(g);
    });
    [].forEach.call(document.querySelectorAll("[data-slide]"), function (s) { s.removeAttribute("data-slide"); s.hidden = false; });
  }

  function enterPresent() {
    if (slides || !document.querySelector("[data-lesson] .lesson-body")) return;
    lastFocus = document.activeElement;
    slides = buildSlides();
    html.classList.add("presenting");
    html.classList.remove("present-pending");
    deck = el("div", { "class": "present-bar", role: "group", "aria-label": "Presentation controls" });
    var prev = el("button", { type: "button", "data-present-prev": "" }, "\u2190 Previous");
    var next = el("button", { type: "button", "data-present-next": "" }, "Next \u2192");
    var exit = el("button", { type: "button", "data-present-exit": "" }, "Leave presentation (Esc)");
    var num = el("span", { "class": "present-num", role: "status", "aria-live": "polite", "data-slide-number": "" });
    prev.addEventListener("click", function () { go(current - 1); });
    next.addEventListener("click", function () { go(current + 1); });
    exit.addEventListener("click", leavePresent);
    deck.appendChild(prev); deck.appendChild(num); deck.appendChild(next); deck.appendChild(exit);
    deck.appendChild(el("aside", { "class": "presenter-notes", "aria-label": "Facilitator notes for this slide", "data-presenter-notes": "", hidden: true }));
    document.body.appendChild(deck);
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    setUrl("present");
    go(0);
  }

  function leavePresent() {
    if (!slides) return;
    document.removeEventListener("keydown", onKey);
    document.removeEventListener("click", onClick);
    unbuildSlides();
    slides = null;
    html.classList.remove("presenting");
    if (deck) deck.parentNode.removeChild(deck);
    deck = null;
    setUrl(null);
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }

  function setUrl(view) {
    try {
      var u = new URL(window.location.href);
      if (view) u.searchParams.set("view", view); else u.searchParams.delete("view");
      window.history.replaceState(null, "", u.toString());
    } catch (e) { /* file:// in some browsers: ignore */ }
  }

  function go(i) {
    if (!slides) return;
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, k) { s.hidden = k !== current; s.classList.toggle("slide-current", k === current); });
    deck.querySelector("[data-slide-number]").textContent = "Slide " + (current + 1) + " of " + slides.length;
    deck.querySelector("[data-present-prev]").disabled = current === 0;
    deck.querySelector("[data-present-next]").disabled = current === slides.length - 1;
    window.scrollTo(0, 0);
    showNotes();
  }

  function showNotes() {
    if (!deck) return;
    var box = deck.querySelector("[data-presenter-notes]");
    while (box.firstChild) box.removeChild(box.firstChild);
    var notes = slides[current].querySelectorAll("[data-facilitator]");
    if (!trainerOn() || !notes.length) { box.hidden = true; return; }
    box.appendChild(el("h2", { text: "Facilitator notes" }));
    [].forEach.call(notes, function (n) {
      var c = n.cloneNode(true); // build-time HTML of the course itself, not learner data
      c.removeAttribute("data-facilitator");
      c.removeAttribute("id");
      [].forEach.call(c.querySelectorAll("[id]"), function (x) { x.removeAttribute("id"); });
      if (c.tagName === "DETAILS") c.open = true;
      box.appendChild(c);
    });
    box.hidden = false;
  }

  function onKey(ev) {
    if (!slides) return;
    var t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) {
      if (ev.key === "Escape") leavePresent();
      return;
    }
    if (ev.key === "ArrowRight" || ev.key === "PageDown" || ev.key === " ") { ev.preventDefault(); go(current + 1); }
    else if (ev.key === "ArrowLeft" || ev.key === "PageUp") { ev.preventDefault(); go(current - 1); }
    else if (ev.key === "Home") { go(0); }
    else if (ev.key === "End") { go(slides.length - 1); }
    else if (ev.key === "Escape") { leavePresent(); }
  }

  function onClick(ev) {
    if (!slides) return;
    var t = ev.target;
    if (t.closest && (t.closest("a,button,input,select,textarea,label,summary,.present-bar"))) return;
    if (t.closest && t.closest("[data-slide]")) go(current + 1);
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
        w.textContent = over > 0 ? "\u26a0 Day " + day + " runs over by " + over + " min (ends " + fmt(t0 + total) + ")." : "Ends at " + fmt(t0 + total) + ".";
        tb.classList.toggle("agenda-over", over > 0);
        if (over > 0) warnings.push(day);
      });
      var st = document.querySelector("[data-agenda-status]");
      if (st) st.textContent = warnings.length ? "Day " + warnings.join(" and ") + " runs over the length of the day." : "Every day fits the length of the day.";
      var all = C.store.load("agenda") || {};
      if (pid && /^[a-z0-9-]+$/.test(pid)) { all[pid] = { start: fmt(t0), length: len }; C.store.save("agenda", all); }
    }
    start.addEventListener("change", recompute);
    length.addEventListener("change", recompute);
    recompute();
  }
  C.store.define("agenda", function (d) {
    return C.isObj(d) && Object.keys(d).every(function (k) {
      var v = d[k];
      return /^[a-z0-9-]{1,64}$/.test(k) && C.isObj(v) && typeof v.start === "string" && /^\d{2}:\d{2}$/.test(v.start) &&
        typeof v.length === "number" && v.length >= 60 && v.length <= 720;
    });
  });

  function setupPrint() {
    [].forEach.call(document.querySelectorAll("[data-print]"), function (b) {
      if (b.getAttribute("data-ready")) return;
      b.setAttribute("data-ready", "1");
      b.addEventListener("click", function () { window.print(); });
    });
  }

  C.trainer = { enterPresent: enterPresent, leavePresent: leavePresent, setTrainer: setTrainer };
  C.onPage(function () {
    toolbar();
    setupAgenda();
    setupPrint();
    var v = null;
    try { v = new URLSearchParams(window.location.search).get("view"); } catch (e) { /* ignore */ }
    if (v === "present") enterPresent();
  });
})();
