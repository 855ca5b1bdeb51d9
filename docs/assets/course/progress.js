/* DIGIT4SD learner progress on every page: lesson completion, module and path status, and the
 * "who is learning" control. The progress page's own code (scores, export and import of all
 * learner data, the certificate, forgetting all data) is in progress-page.js, loaded there only. */
(function () {
  "use strict";
  var C = window.Course;
  if (!C) return;
  var el = C.el;
  var S = C.store; // store.js declares the shapes of progress, view and certificate

  function today() { return new Date().toISOString().slice(0, 10); }
  function done() { var p = C.store.load("progress"); return p ? p.done : {}; }
  /* Returns false when the change could not be stored (storage full or blocked). */
  function setDone(id, on) {
    var p = C.store.load("progress") || { done: {} };
    if (on) p.done[id] = today(); else delete p.done[id];
    return C.store.save("progress", p);
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
      btn.textContent = on ? C.t("progress.complete_on") : C.t("progress.complete_off");
      return on;
    }
    paint();
    btn.addEventListener("click", function () {
      var want = !done()[id];
      var saved = setDone(id, want);
      var on = paint(); // what is really stored, whatever was asked
      status.textContent = saved && on === want ? (on ? C.t("progress.marked_done") : C.t("progress.marked_not_done"))
        : on ? C.t("progress.not_saved_done") : C.t("progress.not_saved_not_done");
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
      cell.textContent = d[id] ? C.t("progress.done_on", { date: d[id] }) : C.t("progress.not_done");
      row.setAttribute("data-done", d[id] ? "true" : "false");
    });
  }
  function lessonIdFromRef(ref) {
    var all = C.lessons();
    for (var i = 0; i < all.length; i++) if (all[i].url === ref) return all[i].id;
    return null;
  }

  /* ------------------------------------------------------------------ learners (shared computer)
   * "Who is learning": a control in the header of every page. Open it, press a name: two clicks to
   * switch. Names are untrusted text (only ever textContent). Each learner's data is kept apart
   * by the registry's key function; switching reloads the page so that every script reads the
   * new learner's data. */
  function setupLearners() {
    if (document.querySelector("[data-learners]")) return;
    var host = document.querySelector(".md-header__inner");
    if (!host) return;
    var L = S.learners;
    var me = L.current();
    var box = el("div", { "class": "learners no-print", "data-learners": "", role: "group", "aria-label": C.t("learners.label") });
    var toggle = el("button", { type: "button", "class": "learners-toggle", "aria-expanded": "false", "aria-controls": "learners-panel",
      title: C.t("learners.title", { name: L.label(me) }) }, [el("span", { "class": "learners-kicker", text: C.t("learners.kicker") }),
      el("span", { "class": "learners-name", "data-learner-current": "", text: L.label(me) }), " \u25be"]);
    var panel = el("div", { "class": "learners-panel", id: "learners-panel", hidden: true });
    var status = el("p", { "class": "learners-status", role: "status", "aria-live": "polite", "data-learners-status": "" });
    function say(t) { status.textContent = ""; setTimeout(function () { status.textContent = t; }, 30); }
    function reload() { window.location.reload(); }
    function render() {
      while (panel.firstChild) panel.removeChild(panel.firstChild);
      panel.appendChild(el("p", { "class": "learners-help", text: C.t("learners.help") }));
      var ul = el("ul", { "class": "learners-list" });
      L.list().forEach(function (l) {
        var current = l.id === L.current().id;
        var li = el("li", { "data-learner": l.id });
        var pick = el("button", { type: "button", "class": "learners-pick", "data-learner-use": l.id, "aria-pressed": current ? "true" : "false" },
          (current ? "\u2714 " : "") + L.label(l));
        pick.addEventListener("click", function () {
          if (current) { close(); return; }
          if (L.use(l.id)) reload(); else say(C.t("learners.switch_failed"));
        });
        var rm = el("button", { type: "button", "class": "learners-remove", "data-learner-remove": l.id, "aria-label": C.t("learners.remove_label", { name: L.label(l) }) }, "\u2715");
        rm.addEventListener("click", function () {
          if (!window.confirm(C.t("learners.remove_confirm", { name: L.label(l) }))) return;
          var wasMe = current;
          if (!L.remove(l.id)) { say(C.t("learners.remove_failed")); return; }
          if (wasMe) reload(); else { render(); say(C.t("learners.removed", { name: L.label(l) })); }
        });
        li.appendChild(pick);
        if (L.list().length > 1) li.appendChild(rm);
        ul.appendChild(li);
      });
      panel.appendChild(ul);
      var form = el("form", { "class": "learners-add", "data-learners-add": "" });
      var input = el("input", { type: "text", id: "learners-new", maxlength: "40", autocomplete: "off", required: true });
      form.appendChild(el("label", { "for": "learners-new", text: C.t("learners.new") }));
      form.appendChild(input);
      form.appendChild(el("button", { type: "submit", "class": "md-button md-button--primary" }, C.t("learners.add")));
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        if (!input.value.trim()) { say(C.t("learners.name_first")); return; }
        if (L.add(input.value)) reload(); else say(C.t("learners.add_failed"));
      });
      panel.appendChild(form);
      if (!L.current().name) {
        var rn = el("form", { "class": "learners-add" });
        var ri = el("input", { type: "text", id: "learners-rename", maxlength: "40", autocomplete: "off", required: true });
        rn.appendChild(el("label", { "for": "learners-rename", text: C.t("learners.rename") }));
        rn.appendChild(ri);
        rn.appendChild(el("button", { type: "submit", "class": "md-button" }, C.t("learners.rename_save")));
        rn.addEventListener("submit", function (ev) {
          ev.preventDefault();
          if (L.rename(L.current().id, ri.value)) { toggle.querySelector("[data-learner-current]").textContent = L.label(L.current()); render(); say(C.t("learners.renamed")); }
        });
        panel.appendChild(rn);
      }
      panel.appendChild(status);
    }
    function close() { panel.hidden = true; toggle.setAttribute("aria-expanded", "false"); }
    toggle.addEventListener("click", function () {
      var open = panel.hidden;
      if (open) render();
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { var first = panel.querySelector("[data-learner-use]"); if (first) first.focus(); }
    });
    box.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && !panel.hidden) { close(); toggle.focus(); } });
    document.addEventListener("click", function (ev) { if (!panel.hidden && !box.contains(ev.target)) close(); });
    box.appendChild(toggle);
    box.appendChild(panel);
    var before = host.querySelector(".md-search") || host.querySelector("label[for=__search]");
    host.insertBefore(box, before || null);
    var who = document.querySelector("[data-progress-learner]");
    if (who) who.textContent = C.t("learners.progress_of", { name: L.label(me) });
  }

  // progress-page.js builds on these (and adds export, import and the certificate)
  C.progress = { done: done, today: today, paintStatuses: paintStatuses };
  C.onPage(function () { setupLearners(); setupComplete(); paintStatuses(); });
})();
