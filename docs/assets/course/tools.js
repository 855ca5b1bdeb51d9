/* DIGIT4SD workshop tools: capability self-assessment (with an inline SVG chart), the group view
 * of several participants' exports, the implementation canvas and the roadmap. Files read here
 * are untrusted: validated, refused one by one, and only ever inserted as text. */
(function () {
  "use strict";
  var C = window.Course;
  if (!C) return;
  var el = C.el, isObj = C.isObj;
  var SVG = "http://www.w3.org/2000/svg";
  var A_FORMAT = "digit4sd-assessment";
  var MAX_FILE = 200 * 1024;

  function def(id) {
    var s = document.getElementById(id);
    if (!s) return null;
    try { return JSON.parse(s.textContent); } catch (e) { return null; }
  }
  function status(sel, text) {
    var s = document.querySelector(sel);
    if (!s) return;
    s.textContent = "";
    setTimeout(function () { s.textContent = text; }, 30);
  }
  function r1(x) { return Math.round(x * 10) / 10; }

  /* The stored shapes of "assessment", "canvas" and "roadmap" are declared in store.js. */
  var COLS = ["activity", "owner", "timeline", "resources", "indicator"];
  var MAX_ROWS = 200; // the roadmap's shape in store.js allows this many rows
  var own = C.store.own;

  /* ------------------------------------------------------------------ scoring and chart */
  function dimensionScores(defn, answers) {
    var max = defn.scale[defn.scale.length - 1].value, min = defn.scale[0].value;
    return defn.dimensions.map(function (d) {
      var vals = d.statements.map(function (s) { return answers[s]; }).filter(function (v) { return typeof v === "number"; });
      var mean = vals.length ? vals.reduce(function (a, b) { return a + b; }, 0) / vals.length : null;
      return { id: d.id, title: d.title, mean: mean, rated: vals.length, total: d.statements.length, min: min, max: max };
    });
  }

  /* Horizontal bars with the value written beside each bar and a hatch pattern, so the chart
   * reads in grey print and on a projector without relying on colour. */
  function barChart(rows, title, ranges) {
    var rowH = 40, left = 230, width = 620, barW = width - left - 60;
    var h = rows.length * rowH + 40;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + h);
    svg.setAttribute("role", "img");
    svg.setAttribute("class", "bar-chart");
    var desc = rows.map(function (r) { return r.mean === null ? C.t("tools.chart_unrated", { title: r.title }) : C.t("tools.chart_row", { title: r.title, mean: r1(r.mean), max: r.max }); }).join("; ");
    svg.setAttribute("aria-label", title + ". " + desc);
    var defs = document.createElementNS(SVG, "defs");
    var pat = document.createElementNS(SVG, "pattern");
    pat.setAttribute("id", "hatch-" + title.length);
    pat.setAttribute("width", "6"); pat.setAttribute("height", "6");
    pat.setAttribute("patternUnits", "userSpaceOnUse");
    pat.setAttribute("patternTransform", "rotate(45)");
    var line = document.createElementNS(SVG, "rect");
    line.setAttribute("width", "3"); line.setAttribute("height", "6"); line.setAttribute("fill", "currentColor");
    pat.appendChild(line); defs.appendChild(pat); svg.appendChild(defs);
    function text(x, y, str, anchor, weight) {
      var t = document.createElementNS(SVG, "text");
      t.setAttribute("x", x); t.setAttribute("y", y);
      t.setAttribute("font-size", "14"); t.setAttribute("fill", "currentColor");
      if (anchor) t.setAttribute("text-anchor", anchor);
      if (weight) t.setAttribute("font-weight", weight);
      t.textContent = str;
      svg.appendChild(t);
    }
    /* A label longer than its column is set on two lines (and shortened only beyond that; the
     * full title is in the chart's accessible name and in the table). */
    function label(x, y, str) {
      var max = 27, words = String(str).split(/\s+/), lines = [""];
      words.forEach(function (w) {
        var cur = lines[lines.length - 1];
        if (cur && (cur + " " + w).length > max) lines.push(w); else lines[lines.length - 1] = cur ? cur + " " + w : w;
      });
      if (lines.length > 2) lines = [lines[0], (lines.slice(1).join(" ")).slice(0, max - 1) + "\u2026"];
      if (lines.length === 1) { text(x, y + 20, lines[0], "end"); return; }
      text(x, y + 12, lines[0], "end"); text(x, y + 29, lines[1], "end");
    }
    rows.forEach(function (r, i) {
      var y = 10 + i * rowH;
      label(left - 8, y, r.title);
      var frame = document.createElementNS(SVG, "rect");
      frame.setAttribute("x", left); frame.setAttribute("y", y + 6);
      frame.setAttribute("width", barW); frame.setAttribute("height", 20);
      frame.setAttribute("fill", "none"); frame.setAttribute("stroke", "currentColor"); frame.setAttribute("stroke-opacity", ".4");
      svg.appendChild(frame);
      if (r.mean !== null) {
        var w = barW * (r.mean - r.min) / (r.max - r.min || 1);
        var bar = document.createElementNS(SVG, "rect");
        bar.setAttribute("x", left); bar.setAttribute("y", y + 6);
        bar.setAttribute("width", Math.max(2, w)); bar.setAttribute("height", 20);
        bar.setAttribute("fill", "url(#hatch-" + title.length + ")"); bar.setAttribute("stroke", "currentColor");
        svg.appendChild(bar);
        if (ranges && typeof r.lo === "number") {
          var x1 = left + barW * (r.lo - r.min) / (r.max - r.min), x2 = left + barW * (r.hi - r.min) / (r.max - r.min);
          var wh = document.createElementNS(SVG, "line");
          wh.setAttribute("x1", x1); wh.setAttribute("x2", x2); wh.setAttribute("y1", y + 16); wh.setAttribute("y2", y + 16);
          wh.setAttribute("stroke", "currentColor"); wh.setAttribute("stroke-width", "3");
          svg.appendChild(wh);
        }
        text(left + barW + 8, y + 20, r1(r.mean) + "", null, "700");
      } else {
        text(left + barW + 8, y + 20, "\u2013");
      }
    });
    text(left, h - 6, String(rows[0] ? rows[0].min : 1));
    text(left + barW, h - 6, String(rows[0] ? rows[0].max : 5), "end");
    return svg;
  }

  /* ------------------------------------------------------------------ self-assessment */
  function setupAssessment() {
    var root = document.querySelector("[data-assessment]");
    if (!root || root.getAttribute("data-ready")) return;
    var defn = def("assessment-def");
    if (!defn) return;
    root.setAttribute("data-ready", "1");
    var saved = C.store.load("assessment") || { answers: {}, name: "" };
    var nameIn = root.querySelector("[data-assess-name]");
    nameIn.value = saved.name;
    Object.keys(saved.answers).forEach(function (st) {
      var r = root.querySelector('input[name="st-' + st + '"][value="' + saved.answers[st] + '"]');
      if (r) r.checked = true;
    });
    function read() {
      var answers = {};
      [].forEach.call(root.querySelectorAll("[data-statement]"), function (fs) {
        var c = fs.querySelector("input:checked");
        if (c) answers[fs.getAttribute("data-statement")] = parseInt(c.value, 10);
      });
      return answers;
    }
    function render() {
      var answers = read();
      C.store.save("assessment", { answers: answers, name: nameIn.value.slice(0, 60) });
      var n = Object.keys(answers).length, total = Object.keys(defn.statements).length;
      root.querySelector("[data-assess-progress]").textContent = C.t("tools.rated", { n: n, total: total });
      var scores = dimensionScores(defn, answers);
      var chart = root.querySelector("[data-assess-chart]");
      while (chart.firstChild) chart.removeChild(chart.firstChild);
      var summary = root.querySelector("[data-assess-summary]");
      [].forEach.call(root.querySelectorAll("[data-dim-lessons]"), function (x) { x.hidden = true; });
      var rated = scores.filter(function (s) { return s.mean !== null; });
      if (!rated.length) { summary.textContent = C.t("tools.rate_first"); return; }
      chart.appendChild(barChart(scores, C.t("tools.chart_mine"), false));
      var sorted = rated.slice().sort(function (a, b) { return b.mean - a.mean; });
      var best = sorted[0], worst = sorted[sorted.length - 1];
      summary.textContent = C.t("tools.strongest", { best: best.title, high: r1(best.mean), worst: worst.title, low: r1(worst.mean) }) +
        (n < total ? " " + C.t("tools.unrated", { n: total - n }) : "");
      root.setAttribute("data-weakest", worst.id);
      root.setAttribute("data-strongest", best.id);
      var ls = root.querySelector('[data-dim-lessons="' + worst.id + '"]');
      if (ls) ls.hidden = false;
    }
    root.addEventListener("change", render);
    nameIn.addEventListener("input", render);
    root.querySelector("[data-assess-export]").addEventListener("click", function () {
      var answers = read();
      var data = { format: A_FORMAT, version: 1, course: defn.course, participant: nameIn.value.slice(0, 60),
        exported: new Date().toISOString(), answers: answers,
        scores: dimensionScores(defn, answers).map(function (s) { return { dimension: s.id, mean: s.mean, rated: s.rated }; }) };
      var who = (nameIn.value || "participant").toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 30) || "participant";
      C.download("assessment-" + who + ".json", JSON.stringify(data, null, 1));
      status("[data-assess-status]", C.t("tools.assess_exported"));
    });
    root.querySelector("[data-assess-clear]").addEventListener("click", function () {
      [].forEach.call(root.querySelectorAll("[data-statement] input"), function (i) { i.checked = false; });
      render();
      status("[data-assess-status]", C.t("tools.assess_cleared"));
    });
    render();
  }

  /* Validate one participant's export; returns {answers, name} or {error}. */
  function parseAssessment(text, defn) {
    var obj;
    if (text.length > MAX_FILE) return { error: C.t("tools.assess_too_large") };
    try { obj = JSON.parse(text); } catch (e) { return { error: C.t("tools.assess_not_json") }; }
    if (!isObj(obj) || obj.format !== A_FORMAT) return { error: C.t("tools.assess_not_export") };
    if (obj.version !== 1) return { error: C.t("tools.assess_version") };
    if (obj.course !== defn.course) return { error: C.t("tools.assess_other_course") };
    if (!isObj(obj.answers)) return { error: C.t("tools.assess_no_answers") };
    var answers = {}, values = defn.scale.map(function (p) { return p.value; });
    var keys = Object.keys(obj.answers);
    for (var i = 0; i < keys.length; i++) {
      var k = keys[i], v = obj.answers[k];
      if (!Object.prototype.hasOwnProperty.call(defn.statements, k)) return { error: C.t("tools.assess_unknown") };
      if (values.indexOf(v) === -1) return { error: C.t("tools.assess_outside") };
      answers[k] = v;
    }
    if (!keys.length) return { error: C.t("tools.assess_no_answers") };
    var name = typeof obj.participant === "string" ? obj.participant.slice(0, 60) : "";
    return { answers: answers, name: name };
  }

  /* ------------------------------------------------------------------ group view */
  function setupGroup() {
    var root = document.querySelector("[data-assessment-group]");
    if (!root || root.getAttribute("data-ready")) return;
    var defn = def("assessment-def");
    if (!defn) return;
    root.setAttribute("data-ready", "1");
    var people = [];
    var log = root.querySelector("[data-group-status]");
    function note(text) { log.appendChild(el("p", { text: text })); }
    function stats() {
      return defn.dimensions.map(function (d) {
        var means = people.map(function (p) {
          var vals = d.statements.map(function (s) { return p.answers[s]; }).filter(function (v) { return typeof v === "number"; });
          return vals.length ? vals.reduce(function (a, b) { return a + b; }, 0) / vals.length : null;
        }).filter(function (v) { return v !== null; });
        var mean = means.length ? means.reduce(function (a, b) { return a + b; }, 0) / means.length : null;
        var sd = means.length ? Math.sqrt(means.reduce(function (a, b) { return a + (b - mean) * (b - mean); }, 0) / means.length) : null;
        return { id: d.id, title: d.title, mean: mean, sd: sd, n: means.length, lo: means.length ? Math.min.apply(null, means) : null,
          hi: means.length ? Math.max.apply(null, means) : null, min: defn.scale[0].value, max: defn.scale[defn.scale.length - 1].value };
      });
    }
    function disagreements() {
      return Object.keys(defn.statements).map(function (s) {
        var vals = people.map(function (p) { return p.answers[s]; }).filter(function (v) { return typeof v === "number"; });
        if (vals.length < 2) return null;
        var m = vals.reduce(function (a, b) { return a + b; }, 0) / vals.length;
        var sd = Math.sqrt(vals.reduce(function (a, b) { return a + (b - m) * (b - m); }, 0) / vals.length);
        return { id: s, text: defn.statements[s], sd: sd, lo: Math.min.apply(null, vals), hi: Math.max.apply(null, vals) };
      }).filter(Boolean).sort(function (a, b) { return b.sd - a.sd; }).slice(0, 5);
    }
    function render() {
      root.querySelector("[data-participants]").textContent = String(people.length);
      var chart = root.querySelector("[data-group-chart]");
      var table = root.querySelector("[data-group-table]");
      var dis = root.querySelector("[data-group-disagree]");
      [chart, table, dis].forEach(function (n) { while (n.firstChild) n.removeChild(n.firstChild); });
      var summary = root.querySelector("[data-group-summary]");
      if (!people.length) { summary.textContent = C.t("tools.group_empty"); return; }
      var st = stats();
      summary.textContent = people.length === 1 ? C.t("tools.group_one") : C.t("tools.group_many", { n: people.length });
      chart.appendChild(barChart(st, C.t("tools.chart_group"), true));
      var t = el("table", { "class": "group-table" });
      t.appendChild(el("caption", { text: C.t("tools.group_caption") }));
      var head = el("tr");
      [C.t("tools.col_dimension"), C.t("tools.col_mean"), C.t("tools.col_spread"), C.t("tools.col_lowest"), C.t("tools.col_highest"),
        C.t("tools.col_participants")].forEach(function (h) { head.appendChild(el("th", { scope: "col", text: h })); });
      t.appendChild(el("thead", null, head));
      var body = el("tbody");
      st.forEach(function (s) {
        var tr = el("tr", { "data-group-dimension": s.id, "data-mean": s.mean === null ? "" : r1(s.mean) });
        [s.title, s.mean === null ? "\u2013" : r1(s.mean), s.sd === null ? "\u2013" : r1(s.sd), s.lo === null ? "\u2013" : r1(s.lo),
          s.hi === null ? "\u2013" : r1(s.hi), String(s.n)].forEach(function (v, i) {
          tr.appendChild(el(i === 0 ? "th" : "td", i === 0 ? { scope: "row", text: String(v) } : { text: String(v) }));
        });
        body.appendChild(tr);
      });
      t.appendChild(body);
      table.appendChild(t);
      var dd = disagreements();
      if (!dd.length) dis.appendChild(el("li", { text: C.t("tools.disagree_empty") }));
      dd.forEach(function (d) { dis.appendChild(el("li", { text: C.t("tools.disagree", { text: d.text, lo: d.lo, hi: d.hi }) })); });
    }
    function fingerprint(p) {
      var a = p.answers || {};
      return String(p.name || "").trim().toLowerCase() + "\n" + Object.keys(a).sort().map(function (k) { return k + "=" + a[k]; }).join(",");
    }
    function sameAs(res) {
      var f = fingerprint(res);
      for (var i = 0; i < people.length; i++) if (fingerprint(people[i]) === f) return people[i];
      return null;
    }
    function readFiles(files) {
      [].forEach.call(files, function (f) {
        var label = String(f.name || "file").slice(0, 80);
        if (f.size > MAX_FILE) { note(C.t("tools.refused", { file: label, why: C.t("tools.assess_too_large") })); return; }
        var r = new FileReader();
        r.onload = function () {
          var res = parseAssessment(String(r.result), defn);
          if (res.error) { note(C.t("tools.refused", { file: label, why: res.error })); return; }
          // The same participant read twice (the same file, or the same name and answers) counts once.
          var same = sameAs(res);
          if (same) {
            var dup = el("p", { "class": "group-duplicate", "data-group-duplicate": "",
              text: C.t("tools.duplicate", { file: res.name ? C.t("tools.file_of", { file: label, name: res.name }) : label, same: same.label }) });
            log.appendChild(dup);
            return;
          }
          res.label = label;
          people.push(res);
          note(C.t("tools.read", { file: res.name ? C.t("tools.file_of", { file: label, name: res.name }) : label }));
          render();
        };
        r.onerror = function () { note(C.t("tools.refused", { file: label, why: C.t("tools.unreadable") })); };
        r.readAsText(f);
      });
    }
    var input = root.querySelector("[data-group-files]");
    input.addEventListener("change", function () { readFiles(input.files); input.value = ""; });
    var zone = root.querySelector("[data-drop-zone]");
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("drop-active"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("drop-active"); });
    zone.addEventListener("drop", function (e) { e.preventDefault(); zone.classList.remove("drop-active"); if (e.dataTransfer) readFiles(e.dataTransfer.files); });
    root.querySelector("[data-group-clear]").addEventListener("click", function () {
      people = []; while (log.firstChild) log.removeChild(log.firstChild); note(C.t("tools.group_cleared")); render();
    });
    root.querySelector("[data-group-export]").addEventListener("click", function () {
      C.download("assessment-group.json", JSON.stringify({ format: "digit4sd-assessment-group", version: 1, course: defn.course,
        participants: people.length, exported: new Date().toISOString(), dimensions: stats().map(function (s) {
          return { dimension: s.id, title: s.title, mean: s.mean, sd: s.sd, lowest: s.lo, highest: s.hi, participants: s.n };
        }), disagreements: disagreements().map(function (d) { return { statement: d.id, text: d.text, sd: d.sd, lowest: d.lo, highest: d.hi }; }) }, null, 1));
    });
    root.querySelector("[data-group-csv]").addEventListener("click", function () {
      var rows = [["dimension", "mean", "sd", "lowest", "highest", "participants"]].concat(stats().map(function (s) {
        return [s.title, s.mean === null ? "" : r1(s.mean), s.sd === null ? "" : r1(s.sd), s.lo === null ? "" : r1(s.lo), s.hi === null ? "" : r1(s.hi), s.n];
      }));
      C.download("assessment-group.csv", toCsv(rows), "text/csv");
    });
    render();
  }

  /* CSV with quoting; cells that a spreadsheet could read as a formula are defused. */
  function toCsv(rows) {
    return rows.map(function (r) {
      return r.map(function (v) {
        var s = String(v === null || v === undefined ? "" : v);
        if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
        return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
      }).join(",");
    }).join("\r\n") + "\r\n";
  }

  /* ------------------------------------------------------------------ canvas */
  function setupCanvas() {
    var form = document.querySelector("[data-canvas]");
    if (!form || form.getAttribute("data-ready")) return;
    var defn = def("canvas-def");
    if (!defn) return;
    form.setAttribute("data-ready", "1");
    var titleIn = document.querySelector("[data-canvas-title]");
    function fill(data) {
      titleIn.value = data.title || "";
      defn.blocks.forEach(function (b) { form.querySelector('textarea[name="' + b.id + '"]').value = data.blocks[b.id] || ""; });
    }
    function read() {
      var blocks = {};
      defn.blocks.forEach(function (b) { var v = form.querySelector('textarea[name="' + b.id + '"]').value; if (v) blocks[b.id] = v.slice(0, 4000); });
      return { title: titleIn.value.slice(0, 120), blocks: blocks };
    }
    fill(C.store.load("canvas") || { title: "", blocks: {} });
    /* Print on one page: a textarea prints only its visible part, so each block's text is mirrored
     * (as text, never HTML) into a box that only print shows, sized so the canvas fills one page. */
    function mirror() {
      defn.blocks.forEach(function (b) {
        var ta = form.querySelector('textarea[name="' + b.id + '"]');
        var box = ta.parentNode.querySelector(".canvas-print-text");
        if (!box) { box = el("div", { "class": "canvas-print-text", "aria-hidden": "true" }); ta.parentNode.appendChild(box); }
        box.textContent = ta.value;
      });
    }
    mirror();
    window.addEventListener("beforeprint", mirror);
    function save() { C.store.save("canvas", read()); mirror(); }
    form.addEventListener("input", save);
    titleIn.addEventListener("input", save);
    document.querySelector("[data-canvas-md]").addEventListener("click", function () {
      var d = read();
      var md = "# " + (d.title || C.t("tools.canvas_title")) + "\n\n";
      defn.blocks.forEach(function (b) { md += "## " + b.title + "\n\n" + (d.blocks[b.id] || C.t("tools.canvas_empty")) + "\n\n"; });
      C.download("implementation-canvas.md", md, "text/markdown");
      status("[data-canvas-status]", C.t("tools.canvas_md"));
    });
    document.querySelector("[data-canvas-json]").addEventListener("click", function () {
      var d = read();
      C.download("implementation-canvas.json", JSON.stringify({ format: "digit4sd-canvas", version: 1, course: defn.course, title: d.title, blocks: d.blocks }, null, 1));
      status("[data-canvas-status]", C.t("tools.canvas_json"));
    });
    document.querySelector("[data-canvas-clear]").addEventListener("click", function () {
      if (!window.confirm(C.t("tools.canvas_clear_confirm"))) return;
      fill({ title: "", blocks: {} }); save();
      status("[data-canvas-status]", C.t("tools.canvas_cleared"));
    });
    var imp = document.querySelector("[data-canvas-import]");
    imp.addEventListener("change", function () {
      var f = imp.files && imp.files[0];
      if (!f) return;
      if (f.size > MAX_FILE) { status("[data-canvas-status]", C.t("tools.canvas_too_large")); imp.value = ""; return; }
      var r = new FileReader();
      r.onload = function () {
        imp.value = "";
        var res = parseCanvas(String(r.result), defn);
        if (res.error) { status("[data-canvas-status]", C.t("tools.canvas_refused", { why: res.error })); return; }
        var current = read();
        var hasWork = current.title || Object.keys(current.blocks).length;
        if (hasWork && !window.confirm(C.t("tools.canvas_replace_confirm"))) {
          status("[data-canvas-status]", C.t("tools.canvas_cancelled"));
          return;
        }
        fill(res.data);
        if (!C.store.save("canvas", read())) { fill(current); status("[data-canvas-status]", C.t("tools.canvas_not_stored")); return; }
        status("[data-canvas-status]", C.t("tools.canvas_imported"));
      };
      r.onerror = function () { status("[data-canvas-status]", C.t("tools.canvas_unreadable")); };
      r.readAsText(f);
    });
  }

  /* Validate a canvas export completely; returns {data} or {error}. Only the blocks this canvas
   * has are taken, as own properties: a block named "constructor" or "__proto__" is unknown. */
  function parseCanvas(text, defn) {
    var obj = null;
    if (text.length > MAX_FILE) return { error: C.t("tools.canvas_err_large") };
    try { obj = JSON.parse(text); } catch (e) { return { error: C.t("tools.canvas_err_json") }; }
    if (!isObj(obj) || obj.format !== "digit4sd-canvas") return { error: C.t("tools.canvas_err_format") };
    if (obj.version !== 1) return { error: C.t("tools.canvas_err_version") };
    if (obj.course !== defn.course) return { error: C.t("tools.canvas_err_course") };
    if (typeof obj.title !== "string" || !isObj(obj.blocks)) return { error: C.t("tools.canvas_err_shape") };
    var known = Object.create(null);
    defn.blocks.forEach(function (b) { known[b.id] = true; });
    var blocks = {}, names = Object.keys(obj.blocks);
    for (var i = 0; i < names.length; i++) {
      var k = names[i];
      if (known[k] !== true) return { error: C.t("tools.canvas_err_block", { name: k.slice(0, 40) }) };
      if (typeof obj.blocks[k] !== "string") return { error: C.t("tools.canvas_err_text") };
      if (obj.blocks[k]) blocks[k] = obj.blocks[k].slice(0, 4000);
    }
    var data = { title: obj.title.slice(0, 120), blocks: blocks };
    return C.store.validate("canvas", data) ? { data: data } : { error: C.t("tools.canvas_err_wrong") };
  }

  /* ------------------------------------------------------------------ roadmap */
  function setupRoadmap() {
    var root = document.querySelector("[data-roadmap]");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var tbody = root.querySelector("[data-roadmap-rows]");
    var LABELS = { activity: C.t("tools.col_activity"), owner: C.t("tools.col_owner"), timeline: C.t("tools.col_timeline"),
      resources: C.t("tools.col_resources"), indicator: C.t("tools.col_indicator") };
    function rows() {
      return [].map.call(tbody.querySelectorAll("tr"), function (tr) {
        var r = {};
        COLS.forEach(function (c) { r[c] = tr.querySelector('[data-col="' + c + '"]').value.slice(0, 1000); });
        return r;
      });
    }
    /* Saved on every edit; when the plan cannot be kept (too large for the read limit, or storage
     * full) the learner is told at once, not at the next load. */
    var warned = false;
    function save() {
      if (C.store.save("roadmap", { rows: rows() })) {
        if (warned) { warned = false; status("[data-roadmap-status]", C.t("tools.plan_saved_again")); }
        return true;
      }
      warned = true;
      var why = C.store.why();
      status("[data-roadmap-status]", why === "size" ? C.t("tools.plan_too_large", { kb: Math.round(C.store.MAX_VALUE / 1024) }) :
        why === "quota" ? C.t("tools.plan_full") : C.t("tools.plan_not_saved"));
      return false;
    }
    function addRow(r) {
      var n = tbody.children.length + 1;
      var tr = el("tr");
      COLS.forEach(function (c) {
        var input = el(c === "activity" ? "textarea" : "input", { "data-col": c, "aria-label": C.t("tools.cell", { column: LABELS[c], n: n }), maxlength: "1000", rows: c === "activity" ? "2" : null, type: c === "activity" ? null : "text" });
        input.value = r[c] || "";
        tr.appendChild(el("td", null, input));
      });
      var rm = el("button", { type: "button", "class": "roadmap-remove", "aria-label": C.t("tools.remove_row", { n: n }) }, "\u2715");
      rm.addEventListener("click", function () { tr.parentNode.removeChild(tr); relabel(); save(); status("[data-roadmap-status]", C.t("tools.row_removed")); });
      tr.appendChild(el("td", null, rm));
      tbody.appendChild(tr);
    }
    function relabel() {
      [].forEach.call(tbody.querySelectorAll("tr"), function (tr, i) {
        COLS.forEach(function (c) { tr.querySelector('[data-col="' + c + '"]').setAttribute("aria-label", C.t("tools.cell", { column: LABELS[c], n: i + 1 })); });
        tr.querySelector(".roadmap-remove").setAttribute("aria-label", C.t("tools.remove_row", { n: i + 1 }));
      });
    }
    var saved = C.store.load("roadmap");
    (saved ? saved.rows : []).forEach(addRow);
    if (!tbody.children.length) addRow({});
    tbody.addEventListener("input", save);
    function full() {
      if (tbody.children.length < MAX_ROWS) return false;
      status("[data-roadmap-status]", C.t("tools.plan_full_rows", { n: MAX_ROWS }));
      return true;
    }
    root.querySelector("[data-roadmap-add]").addEventListener("click", function () {
      if (full()) return;
      addRow({}); save(); tbody.lastChild.querySelector("[data-col]").focus();
    });
    root.querySelector("[data-roadmap-from-canvas]").addEventListener("click", function () {
      var cv = C.store.load("canvas");
      var lines = [];
      ["status", "risks"].forEach(function (b) {
        if (cv && own(cv.blocks, b) && typeof cv.blocks[b] === "string") cv.blocks[b].split(/\r?\n/).forEach(function (l) { l = l.replace(/^[-*\d.)\s]+/, "").trim(); if (l) lines.push(l); });
      });
      if (!lines.length) { status("[data-roadmap-status]", C.t("tools.canvas_no_lines")); return; }
      // drop a single empty starter row
      if (tbody.children.length === 1 && !rows()[0].activity) tbody.removeChild(tbody.firstChild);
      var room = MAX_ROWS - tbody.children.length;
      lines.slice(0, Math.max(room, 0)).forEach(function (l) { addRow({ activity: l.slice(0, 1000) }); });
      if (!save()) return;
      status("[data-roadmap-status]", C.t("tools.rows_added", { n: Math.min(lines.length, Math.max(room, 0)) }) +
        (lines.length > room ? " " + C.t("tools.rows_left_out", { n: lines.length - Math.max(room, 0), max: MAX_ROWS }) : ""));
    });
    root.querySelector("[data-roadmap-csv]").addEventListener("click", function () {
      C.download("action-plan.csv", toCsv([COLS].concat(rows().map(function (r) { return COLS.map(function (c) { return r[c]; }); }))), "text/csv");
      status("[data-roadmap-status]", C.t("tools.plan_csv"));
    });
  }

  C.tools = { parseAssessment: parseAssessment, toCsv: toCsv };
  C.onPage(function () { setupAssessment(); setupGroup(); setupCanvas(); setupRoadmap(); });
})();
