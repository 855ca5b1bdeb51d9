/* DIGIT4SD self-check quizzes: check, feedback, score, reset; answers kept per
 * course, quiz and question id in localStorage (never by URL or position). */
(function () {
  "use strict";
  var C = window.Course;
  if (!C) return;
  var isObj = C.isObj;

  /* Stored shape: declared as "quiz" in store.js. */
  function allState() { return C.store.load("quiz") || {}; }
  /* As quizhtml.norm_answer: lower case, punctuation as spaces, no articles. */
  function norm(s) {
    return String(s).toLowerCase().replace(/[^\p{L}\p{N}\p{M}]+/gu, " ").split(" ")
      .filter(function (w) { return w && !/^(a|an|the)$/.test(w); }).join(" ");
  }
  /* The answer, and its parts inside and outside parentheses ("Chief Information Officer (CIO)"). */
  function forms(s) {
    var m = /^(.*)\(([^()]*)\)(.*)$/.exec(s);
    return (m ? [s, m[2], m[1] + " " + m[3]] : [s]).map(norm);
  }
  function num(s) {
    var t = String(s).trim().replace(/\s/g, "");
    // "550,000" and "1,234.5" use commas between thousands; "0,4862" uses a decimal comma.
    t = /^[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?$/.test(t) ? t.replace(/,/g, "") : t.replace(",", ".");
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return NaN;
    return parseFloat(t);
  }
  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    var s = a.slice().sort().join(","), t = b.slice().sort().join(",");
    return s === t;
  }

  /* Read the learner's answer from a question's controls (null when nothing given). */
  function readAnswer(q, type) {
    switch (type) {
      case "single":
      case "true-false": {
        var c = q.querySelector("input[type=radio]:checked");
        return c ? c.value : null;
      }
      case "multiple": {
        var v = [].map.call(q.querySelectorAll("input[type=checkbox]:checked"), function (i) { return i.value; });
        return v.length ? v : null;
      }
      case "numeric":
      case "short-text": {
        var i = q.querySelector("input[type=text]");
        return i && i.value.trim() !== "" ? i.value : null;
      }
      case "ordering":
        return [].map.call(q.querySelectorAll("[data-item]"), function (li) { return li.getAttribute("data-item"); });
      case "matching": {
        var sel = [].map.call(q.querySelectorAll("select[data-left]"), function (s) { return s.value; });
        return sel.some(function (x) { return x === ""; }) ? null : sel;
      }
    }
    return null;
  }

  function grade(key, type, a) {
    switch (type) {
      case "single": return String(key.correct[0]) === String(a);
      case "true-false": return String(key.correct) === String(a);
      case "multiple": return Array.isArray(a) && sameSet(a.map(String), key.correct.map(String));
      case "numeric": {
        var n = num(a);
        return !isNaN(n) && Math.abs(n - key.answer) <= key.tolerance + 1e-9;
      }
      case "short-text": return forms(String(a)).some(function (f) { return f && key.accept.indexOf(f) !== -1; });
      case "ordering": return Array.isArray(a) && a.join(",") === key.order.join(",");
      case "matching": return Array.isArray(a) && a.join(",") === key.pairs.join(",");
    }
    return false;
  }

  /* Put a stored answer back into the controls; false when it does not fit them. */
  function applyAnswer(q, type, a) {
    try {
      switch (type) {
        case "single":
        case "true-false": {
          var r = q.querySelector('input[type=radio][value="' + String(a).replace(/[^a-z0-9-]/gi, "") + '"]');
          if (!r) return false;
          r.checked = true;
          return true;
        }
        case "multiple": {
          if (!Array.isArray(a)) return false;
          [].forEach.call(q.querySelectorAll("input[type=checkbox]"), function (i) { i.checked = a.indexOf(i.value) !== -1; });
          return true;
        }
        case "numeric":
        case "short-text": {
          if (typeof a !== "string") return false;
          q.querySelector("input[type=text]").value = a.slice(0, 200);
          return true;
        }
        case "ordering": {
          if (!Array.isArray(a)) return false;
          var list = q.querySelector("[data-order]");
          var items = {};
          [].forEach.call(list.children, function (li) { items[li.getAttribute("data-item")] = li; });
          if (a.length !== list.children.length || !a.every(function (x) { return items[x]; })) return false;
          a.forEach(function (x) { list.appendChild(items[x]); });
          return true;
        }
        case "matching": {
          if (!Array.isArray(a)) return false;
          var sels = q.querySelectorAll("select[data-left]");
          if (a.length !== sels.length) return false;
          [].forEach.call(sels, function (s, i) {
            if ([].some.call(s.options, function (o) { return o.value === String(a[i]); })) s.value = String(a[i]);
          });
          return true;
        }
      }
    } catch (e) { /* untrusted data: ignore */ }
    return false;
  }

  function text(el) { return el ? "\u201c" + el.textContent.trim() + "\u201d" : ""; }
  function list(label, items) { return items.length ? label + items.join(", ") + "." : ""; }

  /* What fits the answer given, as text: the chosen options' own feedback (for a wrong
   * multiple-choice answer only the wrong choices, and how many right ones are missing),
   * and for ordering and matching the items that are not right yet. */
  function detail(q, type, key, a, result) {
    var out = [];
    var boxes = [].filter.call(q.querySelectorAll("input:checked"), function (i) { return i.type !== "text"; });
    if (type === "multiple" && !result) {
      var right = key.correct.map(String);
      var missing = right.filter(function (v) { return a.indexOf(v) === -1; }).length;
      if (missing) out.push(missing + (missing === 1 ? " right option is missing." : " right options are missing."));
      boxes = boxes.filter(function (i) { return right.indexOf(i.value) === -1; });
      out.push(list("Wrong choice: ", boxes.map(function (i) { return text(i.closest(".quiz-opt")); })));
    }
    boxes.forEach(function (i) {
      var t = i.getAttribute("data-feedback-text");
      if (t) out.push(htmlToText(t));
    });
    if (type === "ordering" && !result) {
      out.push(list("Not in the right place: ", [].filter.call(q.querySelectorAll("[data-item]"), function (li, n) {
        return String(key.order[n]) !== li.getAttribute("data-item");
      }).map(function (li) {
        return "position " + ([].indexOf.call(li.parentNode.children, li) + 1) + " " + text(li.querySelector(".quiz-order-text"));
      })));
    }
    if (type === "matching" && !result) {
      out.push(list("Not matched right: ", [].filter.call(q.querySelectorAll("select[data-left]"), function (s, n) {
        return s.value !== String(key.pairs[n]);
      }).map(function (s) { return text(q.querySelector('label[for="' + s.id + '"]')); })));
    }
    return out.filter(Boolean).join(" ");
  }
  function htmlToText(html) {
    var d = document.createElement("template");
    d.innerHTML = html; // our own build-time HTML from data attributes, never learner data
    return d.content.textContent || "";
  }

  function show(q, type, key, a, result, quiet) {
    var fb = q.querySelector("[data-feedback]");
    var ans = q.querySelector("[data-answer]");
    q.setAttribute("data-result", result ? "correct" : "incorrect");
    var verdict = result ? "Correct. " : "Not correct yet. ";
    var extra = detail(q, type, key, a, result);
    var tail = result ? "" : " Change your answer and check again, or open \u201cShow the answer\u201d.";
    var text = verdict + (extra ? extra + " " : "") + tail;
    if (quiet) { fb.textContent = text.trim(); } else {
      fb.textContent = "";
      setTimeout(function () { fb.textContent = text.trim(); }, 30); // re-announce in live region
    }
    if (ans) {
      ans.hidden = false;
      ans.open = !!result;
    }
  }

  function clearShow(q) {
    q.removeAttribute("data-result");
    var fb = q.querySelector("[data-feedback]");
    if (fb) fb.textContent = "";
    var ans = q.querySelector("[data-answer]");
    if (ans) { ans.hidden = true; ans.open = false; }
  }

  function updateScore(section, quizId) {
    var st = allState()[quizId] || {};
    var qs = section.querySelectorAll("[data-question]");
    var done = 0, right = 0;
    [].forEach.call(qs, function (q) {
      var e = st[q.getAttribute("data-question")];
      if (e) { done++; if (e.r === "correct") right++; }
    });
    var out = section.querySelector("[data-quiz-score]");
    if (out) {
      out.textContent = done ? ("Score: " + right + " of " + qs.length + " correct" + (done < qs.length ? " (" + (qs.length - done) + " not answered yet)." : ".")) : "";
    }
    section.setAttribute("data-score", right);
    section.setAttribute("data-total", qs.length);
    try { document.dispatchEvent(new CustomEvent("course:quiz", { detail: { quiz: quizId, right: right, total: qs.length } })); } catch (e) { /* ignore */ }
  }

  function save(quizId, qid, a, r) {
    var st = allState();
    if (!isObj(st[quizId])) st[quizId] = {};
    st[quizId][qid] = { a: a, r: r ? "correct" : "incorrect" };
    C.store.save("quiz", st);
  }

  /* An ordering list's first item cannot move up, its last cannot move down. */
  function ends(list) {
    var lis = list.children;
    [].forEach.call(lis, function (li, i) {
      [].forEach.call(li.querySelectorAll("[data-move]"), function (b) {
        b.disabled = b.getAttribute("data-move") < 0 ? i === 0 : i === lis.length - 1;
      });
    });
  }

  function setup(section) {
    if (section.getAttribute("data-ready")) return;
    section.setAttribute("data-ready", "1");
    var quizId = section.getAttribute("data-quiz");
    var stored = allState()[quizId] || {};
    [].forEach.call(section.querySelectorAll("[data-question]"), function (q) {
      var type = q.getAttribute("data-qtype");
      var qid = q.getAttribute("data-question");
      var key;
      try { key = JSON.parse(q.getAttribute("data-key")); } catch (e) { return; }
      var ans = q.querySelector("[data-answer]");
      if (ans) ans.hidden = true;
      var fb = q.querySelector("[data-feedback]");
      var btn = q.querySelector("[data-check]");
      /* Enter in a text field checks the answer, as the button does */
      q.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" && ev.target.type === "text") { ev.preventDefault(); btn.click(); }
      });
      btn.addEventListener("click", function () {
        var a = readAnswer(q, type);
        if (a === null) {
          q.removeAttribute("data-result");
          fb.textContent = "";
          setTimeout(function () { fb.textContent = "Please give an answer first, then press Check."; }, 30);
          return;
        }
        var r = grade(key, type, a);
        save(quizId, qid, a, r);
        show(q, type, key, a, r, false);
        updateScore(section, quizId);
      });
      /* ordering: move items with buttons, keeping keyboard focus on the moved item */
      q.addEventListener("click", function (ev) {
        var b = ev.target.closest ? ev.target.closest("[data-move]") : null;
        if (!b || !q.contains(b)) return;
        var li = b.closest("li");
        var list = li.parentNode;
        var step = parseInt(b.getAttribute("data-move"), 10);
        if (step < 0 && li.previousElementSibling) list.insertBefore(li, li.previousElementSibling);
        else if (step > 0 && li.nextElementSibling) list.insertBefore(li.nextElementSibling, li);
        ends(list);
        (b.disabled ? li.querySelector("[data-move]:not(:disabled)") : b).focus();
        var pos = [].indexOf.call(list.children, li) + 1;
        fb.textContent = "Moved to position " + pos + " of " + list.children.length + ".";
      });
      var e = stored[qid];
      var order = q.querySelector("[data-order]");
      if (isObj(e) && applyAnswer(q, type, e.a)) {
        show(q, type, key, e.a, grade(key, type, e.a), true);
      }
      if (order) ends(order);
    });
    var reset = section.querySelector("[data-quiz-reset]");
    if (reset) reset.addEventListener("click", function () {
      var st = allState();
      delete st[quizId];
      C.store.save("quiz", st);
      [].forEach.call(section.querySelectorAll("[data-question]"), function (q) {
        [].forEach.call(q.querySelectorAll("input[type=radio],input[type=checkbox]"), function (i) { i.checked = false; });
        [].forEach.call(q.querySelectorAll("input[type=text]"), function (i) { i.value = ""; });
        [].forEach.call(q.querySelectorAll("select"), function (s) { s.value = ""; });
        clearShow(q);
      });
      updateScore(section, quizId);
      var out = section.querySelector("[data-quiz-score]");
      if (out) out.textContent = "The quiz was reset.";
    });
    updateScore(section, quizId);
  }

  C.quiz = { grade: grade, state: allState };
  C.onPage(function () { [].forEach.call(document.querySelectorAll("section.quiz[data-quiz]"), setup); });
})();
