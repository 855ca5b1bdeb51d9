/* DIGIT4SD learner data: the ONE registry of everything the course keeps in this browser.
 *
 * A classic script loaded in <head> on every page (hooks/theme/main.html), before the theme's
 * inline view script and before every other course script. Each concern is declared below,
 * once, with its version, its shape check and (where its shape changed) its migration; the key
 * function, the learner profiles of a shared computer, and export / import of all learner data
 * live here too, so that export always covers every concern on every page.
 *
 * Keys: "<course>:<concern>:v<version>" for the first learner (the data that existed before
 * learner profiles, kept where it was), "<course>:@<learner>:<concern>:v<version>" for every
 * other learner, "<course>:learners:v1" for the list of learners (the only concern of the
 * device, not of a learner).
 *
 * Everything read back is untrusted: unreadable or wrongly shaped data is reset, never fatal;
 * a value is refused at save when it could not be read back (shape, or larger than the read
 * limit); a failed write (storage full or blocked) returns false and is announced with a
 * "course:store-failed" event, which core.js turns into a message in a live region.
 *
 * It also holds the one lookup of the interface strings every course script shows, t(key, values)
 * (Course.t in the page scripts): window.CourseStrings, set by strings.js just before this file,
 * is made at build from the js.* keys of hooks/coursekit/locales/<language>.yml. */
(function (w) {
  "use strict";
  if (w.CourseStore) return;
  var meta = w.document.querySelector('meta[name="course-id"]');
  var NS = String((meta && meta.getAttribute("content")) || (w.COURSE_OUTLINE && w.COURSE_OUTLINE.course) || "digit4sd");
  var MAX_VALUE = 512 * 1024; // characters of one stored concern we are willing to write and to parse
  var MAX_IMPORT = 1024 * 1024; // 1 MB is far more than real learner data needs
  var FORMAT = "digit4sd-learner-data";
  var EXPORT_VERSION = 1; // "versions" (per concern) is optional: files without it hold version 1 of each
  var FIRST = "main"; // the first learner: owns the keys stored before learner profiles existed
  var ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var LEARNER_ID = /^[a-z0-9]{1,16}$/;
  var own = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };
  var isObj = function (x) { return x !== null && typeof x === "object" && !Array.isArray(x); };
  var keysOk = function (o, max, fn) {
    var ks = Object.keys(o);
    return ks.length <= max && ks.every(function (k) { return fn(k, o[k]); });
  };
  var str = function (x, max) { return typeof x === "string" && x.length <= max; };
  var ROADMAP_COLS = ["activity", "owner", "timeline", "resources", "indicator"];

  /* The interface string `key` with its {name} placeholders filled from values. An unknown key
   * is shown as itself (visible, never thrown); the build refuses a key the catalogue lacks. */
  var STRINGS = isObj(w.CourseStrings) ? w.CourseStrings : {};
  function t(key, values) {
    var s = own(STRINGS, key) ? String(STRINGS[key]) : String(key);
    if (!values) return s;
    return s.replace(/\{(\w+)\}/g, function (m, name) { return own(values, name) ? String(values[name]) : m; });
  }

  /* ------------------------------------------------------------------ the registry
   * version: bump it when the shape changes, and give migrate(oldData, oldVersion) -> newData.
   * scope: "learner" (kept per learner, exported) or "device" (the learner list only). */
  var CONCERNS = {
    learners: { version: 1, scope: "device", check: function (d) {
      return isObj(d) && typeof d.current === "string" && Array.isArray(d.list) && d.list.length >= 1 && d.list.length <= 50 &&
        d.list.every(function (l) { return isObj(l) && LEARNER_ID.test(l.id) && str(l.name, 40); }) &&
        d.list.some(function (l) { return l.id === d.current; }) &&
        d.list.every(function (l, i) { return d.list.findIndex(function (m) { return m.id === l.id; }) === i; });
    } },
    /* { <quizId>: { <questionId>: { a: <answer>, r: "correct"|"incorrect" } } } */
    quiz: { version: 1, scope: "learner", check: function (d) {
      return isObj(d) && keysOk(d, 2000, function (q, v) {
        return ID.test(q) && isObj(v) && keysOk(v, 500, function (k, e) {
          if (!ID.test(k)) return false;
          return isObj(e) && (e.r === "correct" || e.r === "incorrect") && JSON.stringify(e.a === undefined ? null : e.a).length < 4000;
        });
      });
    } },
    /* { done: { <lesson id>: "YYYY-MM-DD" } }; v0 was a plain list of lesson ids. */
    progress: { version: 1, scope: "learner", check: function (d) {
      return isObj(d) && isObj(d.done) && keysOk(d.done, 1000, function (k, v) { return ID.test(k) && typeof v === "string" && DATE.test(v); });
    }, migrate: function (old) {
      if (!Array.isArray(old)) return old;
      var done = {}, day = new Date().toISOString().slice(0, 10);
      old.forEach(function (id) { if (typeof id === "string" && ID.test(id)) done[id] = day; });
      return { done: done };
    } },
    /* { active: <path id>|"custom"|null, custom: [<lesson id>, ...] } */
    path: { version: 1, scope: "learner", check: function (d) {
      return isObj(d) && (d.active === null || (typeof d.active === "string" && ID.test(d.active))) &&
        Array.isArray(d.custom) && d.custom.length <= 500 && d.custom.every(function (x) { return typeof x === "string" && ID.test(x); });
    } },
    /* { lesson: <lesson id> }: the last lesson opened, for "continue where you left off" (layout.js) */
    visit: { version: 1, scope: "learner", check: function (d) { return isObj(d) && typeof d.lesson === "string" && ID.test(d.lesson); } },
    /* The presentation's position, shared by the presenter window and the projected window of one
     * computer through the storage event (trainer.js): a message, not a learner's data, so never exported. */
    present: { version: 1, scope: "device", check: function (d) {
      return isObj(d) && typeof d.tag === "string" && d.tag.length <= 40 && typeof d.from === "string" && d.from.length <= 64 &&
        typeof d.lesson === "string" && d.lesson.length <= 64 &&
        typeof d.slide === "number" && isFinite(d.slide) && typeof d.t === "number" && JSON.stringify(d).length < 2000;
    } },
    /* { trainer: true|false } (read before first paint by the theme's inline script) */
    view: { version: 1, scope: "learner", check: function (d) { return isObj(d) && typeof d.trainer === "boolean"; } },
    /* { name: <name on the certificate> } */
    certificate: { version: 1, scope: "learner", check: function (d) { return isObj(d) && str(d.name, 80); } },
    /* { <agenda page id>: { start: "HH:MM", length: <minutes> } } */
    agenda: { version: 1, scope: "learner", check: function (d) {
      return isObj(d) && keysOk(d, 100, function (k, v) {
        return /^[a-z0-9-]{1,64}$/.test(k) && isObj(v) && typeof v.start === "string" && /^\d{2}:\d{2}$/.test(v.start) &&
          typeof v.length === "number" && v.length >= 60 && v.length <= 720;
      });
    } },
    /* { name: <participant>, answers: { <statement id>: <rating> } } */
    assessment: { version: 1, scope: "learner", check: function (d) {
      return isObj(d) && isObj(d.answers) && str(d.name, 60) &&
        keysOk(d.answers, 200, function (k, v) { return ID.test(k) && typeof v === "number" && v >= 0 && v <= 10; });
    } },
    /* { title: <text>, blocks: { <block id>: <text> } } */
    canvas: { version: 1, scope: "learner", check: function (d) {
      return isObj(d) && str(d.title, 120) && isObj(d.blocks) &&
        keysOk(d.blocks, 50, function (k, v) { return ID.test(k) && str(v, 4000); });
    } },
    /* { rows: [ { activity, owner, timeline, resources, indicator } ] }, at most ROADMAP_ROWS rows */
    roadmap: { version: 1, scope: "learner", check: function (d) {
      return isObj(d) && Array.isArray(d.rows) && d.rows.length <= 200 && d.rows.every(function (r) {
        return isObj(r) && ROADMAP_COLS.every(function (c) { return str(r[c], 1000); });
      });
    } }
  };

  function spec(concern) {
    if (typeof concern !== "string" || !own(CONCERNS, concern)) {
      throw new Error("Learner data \u201c" + String(concern) + "\u201d is not declared: declare it in docs/assets/course/store.js");
    }
    return CONCERNS[concern];
  }

  /* ------------------------------------------------------------------ raw storage */
  var memory = Object.create(null);
  var persistent = (function () {
    try {
      var k = NS + ":probe";
      w.localStorage.setItem(k, "1");
      w.localStorage.removeItem(k);
      return true;
    } catch (e) {
      return false;
    }
  })();
  function rawGet(k) {
    if (!persistent) return own(memory, k) ? memory[k] : null;
    try { return w.localStorage.getItem(k); } catch (e) { return null; }
  }
  /* Returns "" when written, else why not: "quota" (storage full) or "blocked". */
  function rawSet(k, v) {
    if (!persistent) { memory[k] = v; return ""; }
    try { w.localStorage.setItem(k, v); return ""; } catch (e) {
      return e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22) ? "quota" : "blocked";
    }
  }
  function rawRemove(k) {
    if (!persistent) { delete memory[k]; return; }
    try { w.localStorage.removeItem(k); } catch (e) { /* ignore */ }
  }
  function allKeys() {
    if (!persistent) return Object.keys(memory);
    var out = [];
    try { for (var i = 0; i < w.localStorage.length; i++) out.push(w.localStorage.key(i)); } catch (e) { /* ignore */ }
    return out;
  }

  /* ------------------------------------------------------------------ learners */
  function learnerState() {
    var raw = rawGet(key("learners"));
    var st = null;
    try { st = raw === null ? null : JSON.parse(raw); } catch (e) { st = null; }
    if (isObj(st) && st.v === 1 && CONCERNS.learners.check(st.data)) return st.data;
    if (raw !== null) rawRemove(key("learners"));
    return { current: FIRST, list: [{ id: FIRST, name: "" }] };
  }

  /* The key of a concern, for the current learner (or the learner given), at a version. */
  function key(concern, learner, version) {
    var s = spec(concern);
    var v = version === undefined ? s.version : version;
    if (s.scope === "device") return NS + ":" + concern + ":v" + v;
    var lid = learner === undefined ? learnerState().current : learner;
    return NS + ":" + (lid === FIRST ? "" : "@" + lid + ":") + concern + ":v" + v;
  }

  var lastError = "";
  function failed(concern, reason) {
    lastError = reason;
    try { w.document.dispatchEvent(new CustomEvent("course:store-failed", { detail: { concern: concern, reason: reason } })); } catch (e) { /* old browser */ }
    return false;
  }

  /* True when data has the concern's shape and, stored, stays under the read limit. */
  function validate(concern, data) {
    var s = spec(concern);
    try {
      return data !== null && data !== undefined && s.check(data) === true && JSON.stringify({ v: s.version, data: data }).length <= MAX_VALUE;
    } catch (e) { return false; }
  }
  /* Bring data stored or exported at an older version to the current shape (or null). */
  function upgrade(concern, data, from) {
    var s = spec(concern);
    var out = data;
    try { if (from < s.version && s.migrate) out = s.migrate(data, from); } catch (e) { out = null; }
    return validate(concern, out) ? out : null;
  }

  /* A value stored under an older version: migrated once, then the old key dropped. Data that
   * does not migrate is kept where it is (never dropped), for a later version to read. */
  function migrateOld(concern) {
    var s = spec(concern);
    for (var v = s.version - 1; v >= 0; v--) {
      var k = key(concern, undefined, v);
      var raw = rawGet(k);
      if (raw === null || raw === undefined) continue;
      var data = null;
      try { var obj = JSON.parse(raw); data = upgrade(concern, isObj(obj) && own(obj, "data") ? obj.data : obj, v); } catch (e) { data = null; }
      if (data === null) { if (w.console) console.warn("Learner data " + k + " could not be migrated; it is kept as it is."); continue; }
      if (rawSet(key(concern), JSON.stringify({ v: s.version, data: data })) === "") rawRemove(k);
      return data;
    }
    return null;
  }

  function load(concern) {
    var s = spec(concern);
    var k = key(concern);
    var raw = rawGet(k);
    if (raw === null || raw === undefined) return migrateOld(concern);
    try {
      if (raw.length <= MAX_VALUE) {
        var obj = JSON.parse(raw);
        if (isObj(obj) && obj.v === s.version && own(obj, "data") && s.check(obj.data) === true) return obj.data;
      }
    } catch (e) { /* fall through: reset */ }
    rawRemove(k);
    return null;
  }

  /* Save one concern; false (and a "course:store-failed" event) when it was not stored. */
  function save(concern, data) {
    var s = spec(concern);
    if (!validate(concern, data)) {
      var big = false;
      try { big = s.check(data) === true; } catch (e) { big = false; }
      return failed(concern, big ? "size" : "shape");
    }
    var why = rawSet(key(concern), JSON.stringify({ v: s.version, data: data }));
    if (why) return failed(concern, why);
    lastError = "";
    return true;
  }

  function learnerConcerns() { return Object.keys(CONCERNS).filter(function (c) { return CONCERNS[c].scope === "learner"; }); }

  /* Remove every key of one learner, of any version (their "forget my data"). */
  function forget(learner) {
    var lid = learner === undefined ? learnerState().current : learner;
    var mine = new RegExp("^" + NS.replace(/[^a-z0-9]/gi, "\\$&") + ":" + (lid === FIRST ? "(?!@)" : "@" + lid + ":") + "([a-z][a-z0-9-]*):v\\d+$");
    allKeys().forEach(function (k) {
      var m = mine.exec(k || "");
      if (m && !(own(CONCERNS, m[1]) && CONCERNS[m[1]].scope === "device")) rawRemove(k);
    });
  }

  function cleanName(name) {
    return String(name === undefined || name === null ? "" : name).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ").replace(/\s+/g, " ").trim().slice(0, 40);
  }
  function saveLearners(st) { return save("learners", st); }
  var learners = {
    FIRST: FIRST,
    list: function () { return learnerState().list.map(function (l) { return { id: l.id, name: l.name }; }); },
    current: function () {
      var st = learnerState();
      var l = st.list.filter(function (x) { return x.id === st.current; })[0];
      return { id: l.id, name: l.name };
    },
    label: function (l) { return l.name || (l.id === FIRST ? t("learners.first") : t("learners.unnamed")); },
    /* Add a learner and make them current; returns their id, or "" when refused. */
    add: function (name) {
      var n = cleanName(name);
      var st = learnerState();
      if (!n || st.list.length >= 50) return "";
      var id;
      do { id = Math.random().toString(36).slice(2, 10).replace(/[^a-z0-9]/g, "") || "x"; } while (st.list.some(function (l) { return l.id === id; }) || id === FIRST);
      st.list.push({ id: id, name: n });
      st.current = id;
      return saveLearners(st) ? id : "";
    },
    rename: function (id, name) {
      var n = cleanName(name), st = learnerState();
      st.list.forEach(function (l) { if (l.id === id) l.name = n; });
      return saveLearners(st);
    },
    use: function (id) {
      var st = learnerState();
      if (!st.list.some(function (l) { return l.id === id; })) return false;
      st.current = id;
      return saveLearners(st);
    },
    /* Remove a learner and all their data; the first learner's profile stays (emptied). */
    remove: function (id) {
      var st = learnerState();
      if (!st.list.some(function (l) { return l.id === id; })) return false;
      forget(id);
      if (id === FIRST) st.list.forEach(function (l) { if (l.id === FIRST) l.name = ""; });
      else st.list = st.list.filter(function (l) { return l.id !== id; });
      if (!st.list.some(function (l) { return l.id === st.current; })) st.current = st.list[0].id;
      return saveLearners(st);
    }
  };

  /* ------------------------------------------------------------------ export / import */
  function exportAll() {
    var data = {}, versions = {};
    learnerConcerns().forEach(function (c) {
      var v = load(c);
      if (v !== null) { data[c] = v; versions[c] = CONCERNS[c].version; }
    });
    return { format: FORMAT, version: EXPORT_VERSION, course: NS, learner: learners.current().name,
      exported: new Date().toISOString(), versions: versions, data: data };
  }

  /* Validate an imported text completely before anything is stored; returns {ok, data} or {error}. */
  function parseImport(text) {
    if (typeof text !== "string" || text.length > MAX_IMPORT) return { error: t("import.too_large") };
    var obj;
    try { obj = JSON.parse(text); } catch (e) { return { error: t("import.not_json") }; }
    if (!isObj(obj) || obj.format !== FORMAT) return { error: t("import.not_export") };
    if (obj.version !== EXPORT_VERSION) return { error: t("import.bad_version", { version: String(obj.version).slice(0, 20) }) };
    if (obj.course !== NS) return { error: t("import.other_course") };
    if (!isObj(obj.data)) return { error: t("import.no_data") };
    var versions = isObj(obj.versions) ? obj.versions : {};
    var out = Object.create(null);
    var names = Object.keys(obj.data);
    for (var i = 0; i < names.length; i++) {
      var c = names[i];
      if (!own(CONCERNS, c) || CONCERNS[c].scope !== "learner") return { error: t("import.unknown", { name: c.slice(0, 40) }) };
      var from = own(versions, c) ? versions[c] : 1;
      if (typeof from !== "number" || from % 1 !== 0 || from < 0 || from > CONCERNS[c].version) {
        return { error: t("import.newer", { name: c }) };
      }
      var v = upgrade(c, obj.data[c], from);
      if (v === null) return { error: t("import.damaged", { name: c }) };
      out[c] = v;
    }
    return { ok: true, data: out };
  }

  /* A merge that copies own properties only: "__proto__" or "constructor" are plain keys. */
  function merge(a, b) {
    if (!isObj(a) || !isObj(b)) return b;
    var out = {};
    var put = function (k, v) { Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true }); };
    Object.keys(a).forEach(function (k) { put(k, a[k]); });
    Object.keys(b).forEach(function (k) { put(k, own(a, k) ? merge(a[k], b[k]) : b[k]); });
    return out;
  }

  /* Import into the current learner: mode "merge" or "replace". Nothing is stored unless all of
   * it is valid; returns {ok, count} or {error}. */
  function importAll(text, mode) {
    var parsed = parseImport(text);
    if (!parsed.ok) return parsed;
    var plan = Object.create(null);
    var names = Object.keys(parsed.data);
    for (var i = 0; i < names.length; i++) {
      var c = names[i];
      var value = mode === "merge" ? merge(load(c), parsed.data[c]) : parsed.data[c];
      if (!validate(c, value)) return { error: t("import.merge_too_large", { name: c }) };
      plan[c] = value;
    }
    var before = exportAll().data;
    var failedAt = "";
    Object.keys(plan).forEach(function (c) { if (!failedAt && !save(c, plan[c])) failedAt = c; });
    if (failedAt) {
      // put back what was there: an import is all or nothing
      Object.keys(plan).forEach(function (c) { if (own(before, c)) rawSet(key(c), JSON.stringify({ v: CONCERNS[c].version, data: before[c] })); else rawRemove(key(c)); });
      return { error: lastError === "quota" ? t("import.quota") : t("import.not_stored") };
    }
    if (mode === "replace") learnerConcerns().forEach(function (c) { if (!(c in plan)) rawRemove(key(c)); });
    return { ok: true, count: names.length };
  }

  w.CourseStore = {
    course: NS,
    persistent: persistent,
    MAX_VALUE: MAX_VALUE,
    MAX_IMPORT: MAX_IMPORT,
    key: key,
    load: load,
    save: save,
    remove: function (concern) { rawRemove(key(concern)); },
    validate: validate,
    /* The concerns a learner owns: what export covers. */
    concerns: learnerConcerns,
    declared: function (concern) { return typeof concern === "string" && own(CONCERNS, concern); },
    version: function (concern) { return spec(concern).version; },
    /* Why the last save failed: "quota", "blocked", "size", "shape" (or ""). */
    why: function () { return lastError; },
    /* Scripts written before the registry declared their concern here; the registry's
     * declaration is the one used. Declaring a new concern this way is an error. */
    define: function (concern) {
      if (!own(CONCERNS, concern) && w.console) console.error("Declare learner data \u201c" + String(concern) + "\u201d in docs/assets/course/store.js");
    },
    forget: forget,
    /* Remove every key of this course, of every learner (used by tests and "forget everyone"). */
    clearAll: function () {
      allKeys().forEach(function (k) { if (k && k.indexOf(NS + ":") === 0) rawRemove(k); });
    },
    learners: learners,
    exportAll: exportAll,
    parseImport: parseImport,
    importAll: importAll,
    isObj: isObj,
    own: own,
    t: t
  };
})(window);
