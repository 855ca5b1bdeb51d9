/* DIGIT4SD presentation view: the projected window and the presenter window of a lesson.
 * trainer.js loads this file only when a trainer presents (the "Present this lesson" button,
 * ?view=present or ?view=presenter). A classic script. */
(function () {
  "use strict";
  var C = window.Course;
  if (!C || !C.trainer || C.present) return;
  var el = C.el;
  var html = document.documentElement;
  var say = C.trainer.say;

  /* ------------------------------------------------------------------ presentation view
   * Two windows. The projected window (?view=present) shows one slide at a time and never a
   * facilitator note. The presenter window (?view=presenter) is the trainer's own: current and
   * next slide, the notes of the current part, a clock and the slide number. The two are kept in
   * step by every channel the browser offers: BroadcastChannel (hosted site), postMessage between
   * an opener and the window it opened (also from file://) and the storage event (file://).
   *
   * Slides are laid out on a fixed 1280 x 720 stage that is scaled to the window, so both
   * windows cut the lesson into the same slides whatever their size: a part taller than the
   * stage is split at its blocks, a block that alone is too tall is shrunk to fit, and each quiz
   * question is a slide of its own. */
  var STAGE_W = 1280, STAGE_H = 720;
  var slides = null, current = 0, deck = null, lastFocus = null, mode = null, stage = null;
  var blankBox = null, nextStage = null, notesBox = null, clockTimer = null, startedAt = 0;
  var channel = null, child = null, selfId = String(Math.random()).slice(2);
  var SYNC_TAG = "digit4sd-present";

  function lessonId() { var a = document.querySelector("[data-lesson]"); return a ? a.getAttribute("data-lesson") : ""; }
  function isHeading(n) { return n.nodeType === 1 && /^H[1-6]$/.test(n.tagName); }
  function elementKids(n) { return [].filter.call(n.childNodes, function (c) { return c.nodeType === 1; }); }

  function newGroup(section, before, parent) {
    var g = el("section", { "class": "slide-group", "data-slide": "", "data-slide-section": String(section) });
    parent.insertBefore(g, before);
    return g;
  }

  function buildSlides() {
    var art = document.querySelector("[data-lesson]");
    var body = art.querySelector(".lesson-body");
    var list = [];
    var head = art.querySelector(".lesson-head");
    head.setAttribute("data-slide", "");
    head.setAttribute("data-slide-section", "0");
    list.push(head);
    var group = null, section = 0;
    [].slice.call(body.childNodes).forEach(function (node) {
      if (node.nodeType === 1 && node.matches("section.quiz")) {
        // One question per slide: the quiz stays whole (its script keeps working), its questions are the slides.
        node.classList.add("slide-host");
        if (group && elementKids(group).every(isHeading)) group.classList.add("slide-skip"); // "Check yourself" alone
        [].forEach.call(node.querySelectorAll(".quiz-q"), function (q) {
          q.setAttribute("data-slide", ""); q.setAttribute("data-slide-section", String(section)); list.push(q);
        });
        group = null;
        return;
      }
      var isBreak = node.nodeType === 1 && (node.tagName === "H2" || node.classList.contains("slide-break"));
      if (!group || isBreak) {
        if (isBreak) section++;
        group = newGroup(section, node, body);
        list.push(group);
      }
      if (node.nodeType === 1 && node.classList.contains("slide-break")) return;
      group.appendChild(node);
    });
    var kp = art.querySelector(".lesson-keypoints");
    if (kp) { kp.setAttribute("data-slide", ""); kp.setAttribute("data-slide-section", String(section + 1)); list.push(kp); }
    return list.filter(function (s) {
      return !s.classList.contains("slide-skip") && (s.textContent.trim() || s.querySelector("svg,img,table"));
    });
  }

  function unbuildSlides() {
    [].forEach.call(document.querySelectorAll(".slide-cont"), function (h) { h.parentNode.removeChild(h); });
    [].forEach.call(document.querySelectorAll(".slide-group"), function (g) {
      while (g.firstChild) g.parentNode.insertBefore(g.firstChild, g);
      g.parentNode.removeChild(g);
    });
    [].forEach.call(document.querySelectorAll("[data-slide]"), function (s) {
      s.removeAttribute("data-slide"); s.removeAttribute("data-slide-section"); s.hidden = false; s.style.zoom = "";
      s.classList.remove("slide-current");
    });
    [].forEach.call(document.querySelectorAll(".slide-host"), function (q) { q.classList.remove("slide-host", "slide-host-current"); });
  }

  function showOnly(i) {
    slides.forEach(function (s, k) { s.hidden = k !== i; s.classList.toggle("slide-current", k === i); });
    [].forEach.call(document.querySelectorAll(".slide-host"), function (h) {
      h.classList.toggle("slide-host-current", !!slides[i] && h.contains(slides[i]));
    });
  }
  function overflows() { return stage.scrollHeight > stage.clientHeight + 1; }

  /* Cut every slide to the stage: split a part at its blocks, then shrink what alone is too tall. */
  function fitSlides() {
    for (var i = 0; i < slides.length; i++) {
      var s = slides[i];
      showOnly(i);
      if (!overflows()) continue;
      if (s.classList.contains("slide-group") && elementKids(s).filter(function (k) { return !k.classList.contains("slide-cont"); }).length > 1) {
        var moved = [];
        var kids = function () { return elementKids(s).filter(function (k) { return !k.classList.contains("slide-cont"); }); };
        var takeFrom = function (node) { // node and everything after it (text nodes too) leave the slide
          var chunk = [];
          while (s.lastChild) { var n = s.lastChild; chunk.unshift(s.removeChild(n)); if (n === node) break; }
          moved = chunk.concat(moved);
        };
        while (overflows() && kids().length > 1) takeFrom(kids()[kids().length - 1]);
        // never end a slide on a heading: it goes with what it introduces
        while (kids().length > 1 && isHeading(kids()[kids().length - 1])) takeFrom(kids()[kids().length - 1]);
        if (moved.length) {
          var g = newGroup(s.getAttribute("data-slide-section"), s.nextSibling, s.parentNode);
          var title = s.querySelector("h2");
          if (title && !isHeading(moved.filter(function (n) { return n.nodeType === 1; })[0] || document.body)) {
            var cont = el("p", { "class": "slide-cont", "aria-hidden": "true" }, (title.textContent || "").replace(/\u00b6\s*$/, "").trim() + " " + C.t("present.continued"));
            g.appendChild(cont);
          }
          moved.forEach(function (n) { g.appendChild(n); });
          slides.splice(i + 1, 0, g);
          showOnly(i);
        }
      }
      for (var tries = 0; tries < 6 && overflows(); tries++) {
        var z = parseFloat(s.style.zoom || "1") || 1;
        s.style.zoom = String(Math.max(0.2, z * Math.min(0.97, (stage.clientHeight - 2) / stage.scrollHeight)));
      }
    }
  }

  /* Scale the stage (and the next-slide preview) into the boxes the window has for them. */
  function placeStage(box, node) {
    var s = Math.min(box.w / STAGE_W, box.h / STAGE_H);
    var x = box.x + (box.w - STAGE_W * s) / 2, y = box.y + (mode === "present" ? (box.h - STAGE_H * s) / 2 : 0);
    node.style.transform = "translate(" + Math.round(x) + "px," + Math.round(y) + "px) scale(" + s.toFixed(4) + ")";
  }
  function layout() {
    if (!slides) return;
    var W = window.innerWidth, H = window.innerHeight;
    if (mode === "present") {
      var barH = deck ? deck.offsetHeight : 0;
      placeStage({ x: 0, y: 0, w: W, h: H - barH }, stage);
    } else {
      var top = deck ? deck.offsetHeight + 8 : 56;
      var left = Math.round(W * 0.6);
      placeStage({ x: 12, y: top, w: left - 24, h: H - top - 12 }, stage);
      var side = document.querySelector(".presenter-side");
      side.style.left = left + "px"; side.style.top = top + "px"; side.style.width = (W - left - 12) + "px"; side.style.height = (H - top - 12) + "px";
      var nb = side.querySelector(".presenter-next-box");
      var w = W - left - 12;
      nb.style.height = Math.round(w * STAGE_H / STAGE_W) + "px";
      var s = w / STAGE_W;
      nextStage.style.transform = "scale(" + s.toFixed(4) + ")";
    }
  }

  function button(label, attr, fn) {
    var b = el("button", { type: "button" }, label);
    b.setAttribute(attr, "");
    b.addEventListener("click", fn);
    return b;
  }

  function enterPresent(as) {
    if (slides || !document.querySelector("[data-lesson] .lesson-body")) return;
    mode = as === "presenter" ? "presenter" : "present";
    var first = startSlide();
    lastFocus = document.activeElement;
    stage = document.querySelector(".md-content__inner");
    html.classList.add("presenting", mode === "presenter" ? "presenter-mode" : "projector-mode");
    html.classList.remove("present-pending");
    stage.classList.add("present-stage");
    deck = el("div", { "class": mode === "present" ? "present-bar" : "present-bar presenter-bar", role: "group", "aria-label": mode === "present" ? C.t("present.controls") : C.t("present.presenter_controls") });
    var num = el("span", { "class": "present-num", role: "status", "aria-live": "polite", "data-slide-number": "" });
    deck.appendChild(button(C.t("present.previous"), "data-present-prev", function () { go(current - 1); }));
    deck.appendChild(num);
    deck.appendChild(button(C.t("present.next"), "data-present-next", function () { go(current + 1); }));
    if (mode === "present") {
      deck.appendChild(button(C.t("present.open_presenter"), "data-open-presenter", openPresenter));
      deck.appendChild(button(C.t("present.blank"), "data-present-blank", function () { blank(); }));
      deck.appendChild(button(C.t("present.full_screen"), "data-present-full", fullScreen));
    } else {
      deck.appendChild(el("span", { "class": "presenter-clock", "data-presenter-clock": "", "aria-label": C.t("present.clock") }));
      deck.appendChild(el("span", { "class": "presenter-elapsed", "data-presenter-elapsed": "", "aria-label": C.t("present.elapsed_label") }));
      deck.appendChild(button(C.t("present.restart"), "data-presenter-restart", function () { startedAt = Date.now(); tick(); }));
      deck.appendChild(button(C.t("present.blank_projector"), "data-present-blank", function () { blank(); }));
    }
    deck.appendChild(button(mode === "present" ? C.t("present.leave") : C.t("present.leave_presenter"), "data-present-exit", leavePresent));
    document.body.appendChild(deck);
    blankBox = el("div", { "class": "present-blank-screen", "data-blank-screen": "", hidden: true, "aria-label": C.t("present.blanked") });
    blankBox.addEventListener("click", function () { blank(false); });
    if (mode === "present") document.body.appendChild(blankBox);
    slides = buildSlides();
    fitSlides();
    if (mode === "presenter") {
      var side = el("div", { "class": "presenter-side" });
      side.appendChild(el("h2", { "class": "presenter-label", text: C.t("present.next_slide") }));
      var nb = el("div", { "class": "presenter-next-box" });
      nextStage = el("div", { "class": "md-typeset presenter-next-stage", "aria-hidden": "true", "data-presenter-next": "" });
      nb.appendChild(nextStage);
      side.appendChild(nb);
      notesBox = el("section", { "class": "presenter-notes", "aria-label": C.t("present.notes_label"), "data-presenter-notes": "" });
      side.appendChild(notesBox);
      document.body.appendChild(side);
      startedAt = Date.now();
      tick();
      clockTimer = setInterval(tick, 1000);
    }
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("click", onClick);
    window.addEventListener("resize", layout);
    window.addEventListener("message", onMessage);
    window.addEventListener("storage", onStorage);
    try { if (window.BroadcastChannel) { channel = new BroadcastChannel(SYNC_TAG); channel.onmessage = function (ev) { receive(ev.data); }; } } catch (e) { channel = null; }
    layout();
    go(first, true);
    send({ hello: true });
  }

  function startSlide() {
    var m = /^#slide-(\d{1,4})$/.exec(window.location.hash || "");
    var n = m ? parseInt(m[1], 10) : NaN;
    if (!(n >= 1)) { try { n = parseInt(new URLSearchParams(window.location.search).get("slide"), 10); } catch (e) { n = NaN; } }
    return n >= 1 ? n - 1 : 0;
  }

  function leavePresent() {
    if (!slides) return;
    document.removeEventListener("keydown", onKey, true);
    document.removeEventListener("click", onClick);
    window.removeEventListener("resize", layout);
    window.removeEventListener("message", onMessage);
    window.removeEventListener("storage", onStorage);
    if (channel) { try { channel.close(); } catch (e) { /* ignore */ } channel = null; }
    if (clockTimer) clearInterval(clockTimer);
    clockTimer = null;
    unbuildSlides();
    slides = null;
    html.classList.remove("presenting", "presenter-mode", "projector-mode", "present-blanked");
    stage.classList.remove("present-stage");
    stage.style.transform = "";
    [deck, blankBox, document.querySelector(".presenter-side")].forEach(function (n) { if (n && n.parentNode) n.parentNode.removeChild(n); });
    deck = blankBox = nextStage = notesBox = null;
    mode = null;
    setUrl(null);
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }

  function setUrl(view) {
    try {
      var u = new URL(window.location.href);
      if (view) u.searchParams.set("view", view); else u.searchParams.delete("view");
      u.searchParams.delete("slide");
      u.hash = view && slides ? "slide-" + (current + 1) : "";
      window.history.replaceState(null, "", u.toString());
    } catch (e) { /* some browsers refuse replaceState on file://: the place is then not kept */ }
  }

  function go(i, quiet) {
    if (!slides) return;
    current = Math.max(0, Math.min(slides.length - 1, i));
    showOnly(current);
    deck.querySelector("[data-slide-number]").textContent = C.t("present.slide", { n: current + 1, total: slides.length });
    deck.querySelector("[data-present-prev]").disabled = current === 0;
    deck.querySelector("[data-present-next]").disabled = current === slides.length - 1;
    stage.scrollTop = 0;
    window.scrollTo(0, 0);
    setUrl(mode);
    if (mode === "presenter") showPresenter();
    if (!quiet) send({});
  }

  /* The presenter window: next slide preview and the notes of the current part. */
  function stripIds(n) {
    n.removeAttribute("id");
    [].forEach.call(n.querySelectorAll("[id]"), function (x) { x.removeAttribute("id"); });
    [].forEach.call(n.querySelectorAll("input,select,textarea,button,a"), function (x) { x.setAttribute("tabindex", "-1"); if ("disabled" in x && x.tagName !== "A") x.disabled = true; });
    return n;
  }
  function showPresenter() {
    while (nextStage.firstChild) nextStage.removeChild(nextStage.firstChild);
    var nxt = slides[current + 1];
    if (nxt) {
      var c = stripIds(nxt.cloneNode(true)); // the course's own build-time HTML, not learner data
      c.removeAttribute("data-slide"); c.hidden = false;
      if (nxt.classList.contains("quiz-q")) { var host = el("section", { "class": "quiz" }); host.appendChild(c); c = host; }
      nextStage.appendChild(c);
    } else {
      nextStage.appendChild(el("p", { "class": "presenter-end", text: C.t("present.end") }));
    }
    while (notesBox.firstChild) notesBox.removeChild(notesBox.firstChild);
    notesBox.appendChild(el("h2", { text: C.t("present.notes") }));
    var sec = slides[current].getAttribute("data-slide-section");
    var notes = [];
    slides.forEach(function (s) {
      if (s.getAttribute("data-slide-section") === sec) [].push.apply(notes, s.querySelectorAll("[data-facilitator]"));
    });
    if (!notes.length) notesBox.appendChild(el("p", { text: C.t("present.no_notes") }));
    notes.forEach(function (n) {
      var c = stripIds(n.cloneNode(true));
      c.removeAttribute("data-facilitator");
      if (c.tagName === "DETAILS") c.open = true;
      notesBox.appendChild(c);
    });
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    if (!deck) return;
    var now = new Date();
    var c = deck.querySelector("[data-presenter-clock]");
    if (c) c.textContent = two(now.getHours()) + ":" + two(now.getMinutes());
    var e = deck.querySelector("[data-presenter-elapsed]");
    var s = Math.max(0, Math.floor((Date.now() - startedAt) / 1000));
    if (e) e.textContent = C.t("present.elapsed", { time: Math.floor(s / 3600) + ":" + two(Math.floor(s / 60) % 60) + ":" + two(s % 60) });
  }

  function openPresenter() {
    var u;
    try { u = new URL(window.location.href); u.searchParams.set("view", "presenter"); u.hash = "slide-" + (current + 1); u = u.toString(); } catch (e) { return; }
    child = window.open(u, "digit4sd-presenter", "popup,width=1200,height=760");
    say(child ? C.t("present.presenter_open") : C.t("present.presenter_blocked"));
  }

  /* ------------------------------------------------------------------ keeping the windows in step */
  function blank(on) {
    if (on === undefined) on = !html.classList.contains("present-blanked");
    html.classList.toggle("present-blanked", !!on);
    if (blankBox) blankBox.hidden = !on;
    var b = deck && deck.querySelector("[data-present-blank]");
    if (b) b.setAttribute("aria-pressed", on ? "true" : "false");
    return on;
  }
  function state(extra) {
    var m = { tag: SYNC_TAG, from: selfId, lesson: lessonId(), slide: current, blank: html.classList.contains("present-blanked"), t: Date.now() };
    Object.keys(extra || {}).forEach(function (k) { m[k] = extra[k]; });
    return m;
  }
  function send(extra) {
    var m = state(extra);
    if (channel) { try { channel.postMessage(m); } catch (e) { /* ignore */ } }
    [window.opener, child].forEach(function (w) { if (w && !w.closed) { try { w.postMessage(m, "*"); } catch (e) { /* ignore */ } } });
    C.store.save("present", m);
  }
  var lastSeen = {};
  function receive(m) {
    // Messages come from other windows: checked for shape, never trusted beyond a slide number.
    if (!slides || !C.isObj(m) || m.tag !== SYNC_TAG || m.from === selfId || typeof m.from !== "string") return;
    if (m.lesson !== lessonId() || typeof m.slide !== "number" || m.slide !== Math.floor(m.slide) || typeof m.t !== "number") return;
    if (lastSeen[m.from] && lastSeen[m.from] >= m.t) return; // the same message by another channel
    lastSeen[m.from] = m.t;
    if (m.hello === true) { send({}); return; } // a window just opened: tell it where we are
    if (m.slide !== current) go(m.slide, true);
    if (typeof m.blank === "boolean" && mode === "present") blank(m.blank);
  }
  function onMessage(ev) {
    if (ev.source && (ev.source === window.opener || ev.source === child)) receive(ev.data);
  }
  function onStorage(ev) {
    if (ev.key !== C.store.key("present") || !ev.newValue) return;
    try { var o = JSON.parse(ev.newValue); if (C.isObj(o)) receive(o.data); } catch (e) { /* ignore */ }
  }
  function fullScreen() {
    try {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (document.documentElement.requestFullscreen) {
        var p = document.documentElement.requestFullscreen();
        if (p && p.catch) p.catch(function () { say(C.t("present.full_screen_refused")); });
      }
    } catch (e) { /* ignore */ }
  }

  function onKey(ev) {
    if (!slides || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    var typing = t && (t.tagName === "TEXTAREA" || t.tagName === "SELECT" ||
      (t.tagName === "INPUT" && !/^(radio|checkbox|button|submit|reset)$/i.test(t.type)));
    var k = ev.key;
    if (k === "Escape") { ev.preventDefault(); if (html.classList.contains("present-blanked")) { blank(false); send({}); } else leavePresent(); return; }
    // A clicker sends PageDown/PageUp (and some, arrows or Space): they always move the slides, even
    // when an option or a button has the focus, except while the trainer types in a field.
    if (k === "PageDown" || k === "PageUp" || (!typing && /^(ArrowRight|ArrowLeft|ArrowDown|ArrowUp| |Spacebar|Home|End|b|B|\.|f|F)$/.test(k))) {
      ev.preventDefault();
      ev.stopPropagation();
      if (k === "PageDown" || k === "ArrowRight" || k === "ArrowDown" || k === " " || k === "Spacebar") go(current + 1);
      else if (k === "PageUp" || k === "ArrowLeft" || k === "ArrowUp") go(current - 1);
      else if (k === "Home") go(0);
      else if (k === "End") go(slides.length - 1);
      else if (k === "b" || k === "B" || k === ".") { blank(); send({}); }
      else if ((k === "f" || k === "F") && mode === "present") fullScreen();
    }
  }

  function onClick(ev) {
    if (!slides) return;
    var t = ev.target;
    if (t.closest && (t.closest("a,button,input,select,textarea,label,summary,.present-bar,.presenter-side,.quiz-q"))) return;
    if (t.closest && t.closest("[data-slide]")) go(current + 1);
  }

  C.present = { enter: enterPresent, leave: leavePresent, go: function (i) { go(i); } };
})();
