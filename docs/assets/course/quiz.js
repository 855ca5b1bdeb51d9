/* DIGIT4SD self-check quizzes: check, feedback, score, reset; answers kept per
 * course, quiz and question id in localStorage (never by URL or position). */
(function () {
  "use strict";
  var C = window.Course;
  if (!C) return;
  var isObj = C.isObj;

  /* Stored shape: declared as "quiz" in store.js. */
  function allState() { return C.store.load("quiz") || {}; }
  /* As questions.norm_answer: lower case, punctuation as spaces, no articles (the catalogue's, in
   * the page's language). */
  var ARTICLES = C.t("quiz.articles").split(" ");
  function norm(s) {
    return String(s).toLowerCase().replace(/[^\p{L}\p{N}\p{M}]+/gu, " ").split(" ")
      .filter(function (w) { return w && ARTICLES.indexOf(w) < 0; }).join(" ");
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
  /* A typed answer against an answer key's accepted forms. */
  function matches(accept, a) {
    return forms(String(a)).some(function (f) { return f && accept.indexOf(f) !== -1; });
  }

  function text(el) { return el ? "\u201c" + el.textContent.trim() + "\u201d" : ""; }
  /* A catalogue string with an {items} placeholder, filled with the items (or "" for none). */
  function list(label, items) { return items.length ? label.replace("{items}", function () { return items.join(C.t("list.separator")); }) : ""; }
  function all(q, sel) { return [].slice.call(q.querySelectorAll(sel)); }
  function value(el) { return el.value; }
  function typed(a) { return Array.isArray(a) && a.every(function (x) { return typeof x === "string"; }); }
  /* Typed answers: a string each, at most 200 characters kept. */
  function fill(inputs, a) {
    if (!typed(a) || a.length !== inputs.length) return false;
    inputs.forEach(function (i, n) { i.value = a[n].slice(0, 200); });
    return true;
  }

  /* One radio group: the chosen value. */
  var radio = {
    read: function (q) { var c = q.querySelector("input[type=radio]:checked"); return c ? c.value : null; },
    apply: function (q, a) {
      var r = q.querySelector('input[type=radio][value="' + String(a).replace(/[^a-z0-9-]/gi, "") + '"]');
      if (!r) return false;
      r.checked = true;
      return true;
    }
  };
  /* One text field. */
  var field = {
    read: function (q) { var i = q.querySelector("input[type=text]"); return i && i.value.trim() !== "" ? i.value : null; },
    apply: function (q, a) { return typeof a === "string" && fill(all(q, "input[type=text]").slice(0, 1), [a]); }
  };

  /* Each question type (coursekit/questions.py): read the learner's answer from its controls
   * (null when nothing is given yet), grade it against the answer key (data-key), put a stored
   * answer back into the controls (false when it does not fit them), and, for a wrong answer,
   * say what is not right yet. The answer shapes are those of correct_answer() in Python. */
  var TYPES = {
    single: {
      read: radio.read, apply: radio.apply,
      grade: function (key, a) { return String(key.correct[0]) === String(a); }
    },
    "true-false": {
      read: radio.read, apply: radio.apply,
      grade: function (key, a) { return String(key.correct) === String(a); }
    },
    multiple: {
      read: function (q) {
        var v = all(q, "input[type=checkbox]:checked").map(value);
        return v.length ? v : null;
      },
      grade: function (key, a) {
        return typed(a) && a.slice().sort().join(",") === key.correct.map(String).sort().join(",");
      },
      apply: function (q, a) {
        if (!typed(a)) return false;
        all(q, "input[type=checkbox]").forEach(function (i) { i.checked = a.indexOf(i.value) !== -1; });
        return true;
      },
      detail: function (q, key, a) {
        var right = key.correct.map(String);
        var missing = right.filter(function (v) { return a.indexOf(v) === -1; }).length;
        var wrong = all(q, "input:checked").filter(function (i) { return right.indexOf(i.value) === -1; });
        return [missing === 1 ? C.t("quiz.missing_one") : missing ? C.t("quiz.missing_many", { n: missing }) : "",
          list(C.t("quiz.wrong_choice"), wrong.map(function (i) { return text(i.closest(".quiz-opt")); }))];
      }
    },
    numeric: {
      read: field.read, apply: field.apply,
      grade: function (key, a) {
        var n = num(a);
        return !isNaN(n) && Math.abs(n - key.answer) <= key.tolerance + 1e-9;
      }
    },
    "short-text": {
      read: field.read, apply: field.apply,
      grade: function (key, a) { return matches(key.accept, a); }
    },
    "fill-blank": {
      read: function (q) {
        var v = all(q, "input[data-blank]").map(value);
        return v.some(function (x) { return x.trim() !== ""; }) ? v : null;
      },
      grade: function (key, a) {
        return typed(a) && a.length === key.blanks.length && a.every(function (x, n) { return matches(key.blanks[n], x); });
      },
      apply: function (q, a) { return fill(all(q, "input[data-blank]"), a); },
      detail: function (q, key, a) {
        return [list(C.t("quiz.not_right_yet"), all(q, "input[data-blank]").filter(function (i, n) {
          return !matches(key.blanks[n], a[n]);
        }).map(function (i) { return i.parentNode.textContent.trim().toLowerCase(); }))];
      }
    },
    ordering: {
      read: function (q) { return all(q, "[data-item]").map(function (li) { return li.getAttribute("data-item"); }); },
      grade: function (key, a) { return typed(a) && a.join(",") === key.order.join(","); },
      apply: function (q, a) {
        var order = q.querySelector("[data-order]"), items = {};
        all(q, "[data-item]").forEach(function (li) { items[li.getAttribute("data-item")] = li; });
        if (!typed(a) || a.length !== order.children.length || !a.every(function (x) { return items[x]; })) return false;
        a.forEach(function (x) { order.appendChild(items[x]); });
        return true;
      },
      detail: function (q, key) {
        return [list(C.t("quiz.misplaced"), all(q, "[data-item]").filter(function (li, n) {
          return String(key.order[n]) !== li.getAttribute("data-item");
        }).map(function (li) {
          return C.t("quiz.position_item", { n: [].indexOf.call(li.parentNode.children, li) + 1, item: text(li.querySelector(".quiz-order-text")) });
        }))];
      }
    },
    matching: {
      read: function (q) {
        var sel = all(q, "select[data-left]").map(value);
        return sel.some(function (x) { return x === ""; }) ? null : sel;
      },
      grade: function (key, a) { return typed(a) && a.join(",") === key.pairs.join(","); },
      apply: function (q, a) {
        var sels = all(q, "select[data-left]");
        if (!typed(a) || a.length !== sels.length) return false;
        sels.forEach(function (s, i) {
          if ([].some.call(s.options, function (o) { return o.value === a[i]; })) s.value = a[i];
        });
        return true;
      },
      detail: function (q, key) {
        return [list(C.t("quiz.not_matched"), all(q, "select[data-left]").filter(function (s, n) {
          return s.value !== String(key.pairs[n]);
        }).map(function (s) { return text(q.querySelector('label[for="' + s.id + '"]')); }))];
      }
    }
  };

  function grade(key, type, a) {
    try { return !!(TYPES[type] && TYPES[type].grade(key, a)); } catch (e) { return false; }
  }
  function applyAnswer(q, type, a) {
    try { return !!(TYPES[type] && TYPES[type].apply(q, a)); } catch (e) { return false; } /* untrusted data */
  }

  /* What fits the answer given, as text: the chosen options' own feedback and, for a wrong
   * answer, what the type says is not right yet. */
  function detail(q, type, key, a, result) {
    var out = [];
    var boxes = all(q, "input:checked").filter(function (i) { return i.type !== "text"; });
    if (!result && TYPES[type].detail) out = out.concat(TYPES[type].detail(q, key, a));
    if (type === "multiple" && !result) boxes = boxes.filter(function (i) { return key.correct.map(String).indexOf(i.value) === -1; });
    boxes.forEach(function (i) {
      var t = i.getAttribute("data-feedback-text");
      if (t) out.push(htmlToText(t));
    });
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
    var verdict = (result ? C.t("quiz.correct") : C.t("quiz.not_correct")) + " ";
    var extra = detail(q, type, key, a, result);
    var tail = result ? "" : " " + C.t("quiz.try_again");
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
      out.textContent = !done ? "" : done < qs.length ? C.t("quiz.score_partial", { right: right, total: qs.length, left: qs.length - done })
        : C.t("quiz.score", { right: right, total: qs.length });
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
      if (!TYPES.hasOwnProperty(type)) return;
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
        var a = TYPES[type].read(q);
        if (a === null) {
          q.removeAttribute("data-result");
          fb.textContent = "";
          setTimeout(function () { fb.textContent = C.t("quiz.no_answer"); }, 30);
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
        fb.textContent = C.t("quiz.moved", { pos: pos, total: list.children.length });
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
      if (out) out.textContent = C.t("quiz.reset_done");
    });
    updateScore(section, quizId);
  }

  C.quiz = { types: TYPES, grade: grade, state: allState };
  C.onPage(function () { [].forEach.call(document.querySelectorAll("section.quiz[data-quiz]"), setup); });
})();
