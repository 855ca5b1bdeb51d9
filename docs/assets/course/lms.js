/* DIGIT4SD in a learning platform: the SCORM runtime adapter of the launch page (lms.html).
 * A classic script, loaded only in a SCORM package. The launch page holds the one LMS session
 * (Initialize ... Terminate exactly once) and shows the course in a frame; the course pages
 * keep their learner data in localStorage as everywhere else, and this adapter reports it:
 * completion (every lesson of the package done), success and a scaled score (module quizzes
 * against the course's mastery threshold), the time spent, the page the learner was on, and
 * the learner's progress in cmi.suspend_data (compact, within SCORM 1.2's 4,096 characters).
 * The LMS's record wins over what this browser holds. With no LMS, nothing changes. */
(function () {
  "use strict";
  var C = window.Course, cfg = window.COURSE_LMS;
  if (!C || !cfg) return;
  var V2004 = cfg.version === "2004";
  var NAME = V2004 ? "API_1484_11" : "API";
  var F = V2004
    ? { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate", err: "GetLastError",
        data: "cmi.suspend_data", entry: "cmi.entry", location: "cmi.location", exit: "cmi.exit", time: "cmi.session_time" }
    : { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish", err: "LMSGetLastError",
        data: "cmi.suspend_data", entry: "cmi.core.entry", location: "cmi.core.lesson_location", exit: "cmi.core.exit", time: "cmi.core.session_time" };

  /* The API is searched up the frame chain, then up the opener's chain (as the standard says). */
  function scan(win) {
    for (var n = 0; win && n < 100; n++) {
      try { if (win[NAME]) return win[NAME]; } catch (e) { /* another origin: look further up */ }
      var up;
      try { up = win.parent; } catch (e) { up = null; }
      if (!up || up === win) break;
      win = up;
    }
    return null;
  }
  function findAPI() {
    var api = scan(window.parent !== window ? window.parent : null);
    if (!api) { try { if (window.opener) api = scan(window.opener); } catch (e) { api = null; } }
    return api;
  }

  var api = findAPI(), live = false, finished = false, warned = false, started = Date.now();
  var frame = document.getElementById("lms-frame"), notice = document.getElementById("lms-notice");

  function warn(what) {
    if (warned || !notice) return;
    warned = true;
    var code = "";
    try { code = String(api[F.err]()); } catch (e) { /* none */ }
    notice.textContent = code && code !== "0" ? C.t("lms.refused_code", { call: what, code: code }) : C.t("lms.refused", { call: what });
    notice.hidden = false;
  }
  function call(fn, a, b) {
    try {
      var r = b === undefined ? (a === undefined ? api[fn]("") : api[fn](a)) : api[fn](a, b);
      if (fn !== F.get && String(r) !== "true") { warn(fn); return null; }
      return r;
    } catch (e) { warn(fn); return null; }
  }
  function set(k, v) { return call(F.set, k, String(v)); }
  function get(k) { var r = call(F.get, k); return r === null || r === undefined ? "" : String(r); }

  /* ---------------------------------------------------------------- compact suspend_data
   * "1|<hash>|<lessons bits>|<quiz results>|<answers JSON>": lessons and results are bit
   * fields in the order of this build's ids (6 bits a character), the hash of those ids tells
   * a later build whether the order still holds; the answers (keyed by ids, so they survive a
   * rebuild) are added quiz by quiz while the total stays within the limit. */
  var ABC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var quizIds = Object.keys(cfg.quizzes || {}).sort();
  function hash() {
    var s = cfg.lessons.join(",") + ";" + quizIds.map(function (q) { return q + ":" + cfg.quizzes[q].join(","); }).join(";");
    var h = 5381;
    for (var i = 0; i < s.length; i++) h = ((h * 33) ^ s.charCodeAt(i)) >>> 0;
    return h.toString(36);
  }
  function packDigits(digits, bitsEach) {
    var out = "", acc = 0, nbits = 0;
    digits.forEach(function (d) {
      acc = (acc << bitsEach) | d; nbits += bitsEach;
      while (nbits >= 6) { nbits -= 6; out += ABC.charAt((acc >> nbits) & 63); }
      acc &= (1 << nbits) - 1;
    });
    if (nbits > 0) out += ABC.charAt((acc << (6 - nbits)) & 63);
    return out;
  }
  function unpackDigits(text, bitsEach, count) {
    var out = [], acc = 0, nbits = 0, mask = (1 << bitsEach) - 1;
    for (var i = 0; i < text.length && out.length < count; i++) {
      var v = ABC.indexOf(text.charAt(i));
      if (v < 0) return null;
      acc = (acc << 6) | v; nbits += 6;
      while (nbits >= bitsEach && out.length < count) { nbits -= bitsEach; out.push((acc >> nbits) & mask); }
      acc &= (1 << nbits) - 1;
    }
    return out.length === count ? out : null;
  }
  function state() {
    var p = C.store.load("progress"), q = C.store.load("quiz");
    return { done: (p && C.isObj(p.done)) ? p.done : {}, quiz: C.isObj(q) ? q : {} };
  }
  function encode(st) {
    var lessons = cfg.lessons.map(function (id) { return Object.prototype.hasOwnProperty.call(st.done, id) ? 1 : 0; });
    var results = [];
    quizIds.forEach(function (qz) {
      var rec = C.isObj(st.quiz[qz]) ? st.quiz[qz] : {};
      cfg.quizzes[qz].forEach(function (qid) {
        var e = rec[qid];
        results.push(C.isObj(e) ? (e.r === "correct" ? 2 : 1) : 0);
      });
    });
    var head = "1|" + hash() + "|" + packDigits(lessons, 1) + "|" + packDigits(results, 2) + "|";
    var answers = {}, text = "{}";
    for (var i = 0; i < quizIds.length; i++) {
      var rec = st.quiz[quizIds[i]];
      if (!C.isObj(rec) || !Object.keys(rec).length) continue;
      var slim = {};
      Object.keys(rec).forEach(function (qid) { if (C.isObj(rec[qid])) slim[qid] = [rec[qid].r === "correct" ? 1 : 0, rec[qid].a]; });
      answers[quizIds[i]] = slim;
      var next = JSON.stringify(answers);
      if (head.length + next.length > cfg.limit) { delete answers[quizIds[i]]; continue; }
      text = next;
    }
    return head + text;
  }
  function decode(data) {
    var parts = String(data || "").split("|");
    if (parts.length < 5 || parts[0] !== "1") return null;
    var rest = parts.slice(4).join("|");
    var done = {}, quiz = {}, today = new Date().toISOString().slice(0, 10), i = 0;
    if (parts[1] === hash()) {
      var lessons = unpackDigits(parts[2], 1, cfg.lessons.length);
      var total = 0;
      quizIds.forEach(function (qz) { total += cfg.quizzes[qz].length; });
      var results = unpackDigits(parts[3], 2, total);
      if (lessons) cfg.lessons.forEach(function (id, k) { if (lessons[k]) done[id] = today; });
      if (results) {
        quizIds.forEach(function (qz) {
          cfg.quizzes[qz].forEach(function (qid) {
            var r = results[i++];
            if (r) { if (!quiz[qz]) quiz[qz] = {}; quiz[qz][qid] = { a: null, r: r === 2 ? "correct" : "incorrect" }; }
          });
        });
      }
    }
    try {
      var answers = JSON.parse(rest);
      if (C.isObj(answers)) {
        Object.keys(answers).forEach(function (qz) {
          if (!Object.prototype.hasOwnProperty.call(cfg.quizzes, qz) || !C.isObj(answers[qz])) return;
          Object.keys(answers[qz]).forEach(function (qid) {
            var e = answers[qz][qid];
            if (cfg.quizzes[qz].indexOf(qid) < 0 || !Array.isArray(e) || e.length !== 2) return;
            if (!quiz[qz]) quiz[qz] = {};
            quiz[qz][qid] = { a: e[1], r: e[0] === 1 ? "correct" : "incorrect" };
          });
        });
      }
    } catch (e) { /* answers unreadable: results and lessons still count */ }
    return { done: done, quiz: quiz };
  }

  /* ---------------------------------------------------------------- what is reported */
  function measures(st) {
    var done = cfg.lessons.filter(function (id) { return Object.prototype.hasOwnProperty.call(st.done, id); }).length;
    var right = 0, answered = 0, total = 0;
    cfg.moduleQuizzes.forEach(function (qz) {
      var rec = C.isObj(st.quiz[qz]) ? st.quiz[qz] : {};
      (cfg.quizzes[qz] || []).forEach(function (qid) {
        total++;
        if (C.isObj(rec[qid])) { answered++; if (rec[qid].r === "correct") right++; }
      });
    });
    return { done: done, lessons: cfg.lessons.length, right: right, answered: answered, total: total,
             scaled: total ? right / total : 0 };
  }
  function duration(ms) {
    var s = Math.max(0, Math.round(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    if (V2004) return "PT" + h + "H" + m + "M" + r + "S";
    var pad = function (x, n) { x = String(x); while (x.length < n) x = "0" + x; return x; };
    return pad(h, 4) + ":" + pad(m, 2) + ":" + pad(r, 2) + ".00";
  }
  function currentPage() {
    try {
      var base = location_base();
      var href = frame.contentWindow.location.href;
      if (href.indexOf(base) !== 0) return "";
      return href.slice(base.length).split("?")[0];
    } catch (e) { return ""; }
  }
  function location_base() { return window.location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, ""); }

  var lastSent = null;
  function report(final) {
    if (!live) return;
    var st = state(), m = measures(st), data = encode(st);
    var complete = m.done === m.lessons && m.lessons > 0;
    var passed = m.total > 0 && m.scaled >= cfg.mastery;
    var failed = !passed && m.total > 0 && m.answered === m.total;
    var loc = currentPage();
    var sig = [data, complete, passed, failed, loc].join("\n");
    if (sig === lastSent && !final) return;
    if (V2004) {
      set("cmi.completion_status", complete ? "completed" : "incomplete");
      set("cmi.progress_measure", (m.lessons ? m.done / m.lessons : 0).toFixed(4));
      set("cmi.success_status", passed ? "passed" : (failed ? "failed" : "unknown"));
      if (m.total) {
        set("cmi.score.scaled", m.scaled.toFixed(4));
        set("cmi.score.raw", m.right);
        set("cmi.score.min", 0);
        set("cmi.score.max", m.total);
      }
    } else {
      set("cmi.core.lesson_status", complete ? (passed ? "passed" : (failed ? "failed" : "completed")) : "incomplete");
      if (m.total) {
        set("cmi.core.score.raw", Math.round(m.scaled * 100));
        set("cmi.core.score.min", 0);
        set("cmi.core.score.max", 100);
      }
    }
    set(F.data, data);
    if (loc) set(F.location, loc);
    set(F.time, duration(Date.now() - started));
    call(F.commit);
    lastSent = sig;
  }

  function restore() {
    var entry = get(F.entry), data = get(F.data);
    var rec = data ? decode(data) : null;
    if (rec) {
      // The LMS's record is the learner's record: it replaces what this browser holds.
      C.store.save("progress", { done: rec.done });
      C.store.save("quiz", rec.quiz);
    } else if (entry === "ab-initio") {
      // A first attempt for this learner: data left in this browser (another learner of a
      // shared computer, an earlier attempt) must not count for them.
      C.store.remove("progress");
      C.store.remove("quiz");
    }
    var loc = get(F.location);
    return /^(?!.*\.\.)[A-Za-z0-9_\/.-]+\.html(#[A-Za-z0-9_-]*)?$/.test(loc) ? loc : "";
  }

  function finish() {
    if (!live || finished) return;
    report(true);
    set(F.exit, "suspend"); // keep suspend_data for the next launch
    call(F.commit);
    finished = true;
    call(F.finish);
  }

  var start = frame ? frame.getAttribute("data-start") : "index.html";
  if (api) {
    live = call(F.init) !== null;
    if (live) {
      var loc = restore();
      if (loc) start = loc;
    }
  }
  if (frame) {
    frame.addEventListener("load", function () { report(false); });
    frame.src = start;
  }
  if (live) {
    var timer = null;
    // The course pages write localStorage; the launch page hears it and reports soon after.
    window.addEventListener("storage", function () { clearTimeout(timer); timer = setTimeout(function () { report(false); }, 500); });
    setInterval(function () { report(false); }, 60000);
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  }
  window.CourseLMS = { api: !!api, live: function () { return live && !finished; }, report: report, finish: finish,
                       encode: function () { return encode(state()); }, decode: decode };
})();
