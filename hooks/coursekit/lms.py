"""The course inside a learning management system (LMS): a SCORM package and a Moodle question bank.

Engine-independent: it takes the course model and a finished site folder (built with relative
``.html`` links, as the offline edition is) and knows nothing of MkDocs.

- :func:`package_config` is what the browser adapter (``assets/course/lms.js``) needs: the SCORM
  version, the lessons that count for completion, every quiz's question ids (for the compact
  ``suspend_data``) and the mastery threshold.
- :func:`manifest` writes ``imsmanifest.xml`` for SCORM 2004 4th edition or SCORM 1.2: one SCO
  (the whole course, launched through ``lms.html``) whose metadata (title, description,
  language, typical learning time) and module list come from the course model.
- :func:`make_package` zips a site folder with its manifest at the root.
- :func:`moodle_xml` writes every quiz as Moodle XML, one category per module and per lesson.
"""

from __future__ import annotations

import html
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from . import i18n
from .html import js_global
from .jsstrings import STRINGS_JS
from .model import Course, Module, Quiz

VERSIONS = ("2004", "1.2")
LAUNCH = "lms.html"
CONFIG_JS = "assets/course/lms-package.js"
ADAPTER_JS = "assets/course/lms.js"
# What the launch page runs before the adapter: the outline, the interface strings, the
# learner-data registry and the runtime's helpers (parts of the pages' joined scripts, shipped on
# their own in a package too).
LAUNCH_SCRIPTS = ("assets/course/outline.js", STRINGS_JS, "assets/course/store.js", "assets/course/core.js")
# SCORM 1.2 caps cmi.suspend_data at 4,096 characters; SCORM 2004 4th edition at 64,000.
SUSPEND_LIMIT = {"1.2": 4096, "2004": 64000}


class PackageError(ValueError):
    """A package setting that cannot be honoured (the adapter turns it into a build error)."""


def version_of(value: str | None) -> str:
    """The SCORM version asked for by ``LMS_PACKAGE_VERSION`` (default 2004 4th edition)."""
    v = (value or "2004").strip().lower()
    aliases = {"2004": "2004", "2004-4": "2004", "2004_4": "2004", "2004 4th edition": "2004",
               "1.2": "1.2", "12": "1.2", "scorm12": "1.2"}
    if v not in aliases:
        raise PackageError(f"LMS_PACKAGE_VERSION={value}: use 2004 (SCORM 2004 4th edition, the default) or 1.2")
    return aliases[v]


def mastery(course: Course) -> float:
    """The share of module-quiz questions a learner must get right to pass: the module quizzes'
    own ``pass_ratio`` (the strictest, when they differ)."""
    ratios = [course.quiz(m.quiz).pass_ratio for m in course.modules if m.quiz]
    return max(ratios) if ratios else 0.8


def package_title(course: Course) -> str:
    """The course title, with the path's title when the package holds one learning path."""
    if course.only_path and course.paths:
        return f"{course.title}: {course.paths[0].title}"
    return course.title


def minutes(course: Course) -> int:
    return sum(lesson.minutes for lesson in course.lessons)


def package_config(course: Course, version: str, language: str = "en") -> dict:
    module_quizzes = [m.quiz for m in course.modules if m.quiz]
    return {
        "course": course.id,
        "version": version,
        "language": language,
        "mastery": mastery(course),
        "limit": SUSPEND_LIMIT[version],
        "lessons": [lesson.id for lesson in course.lessons],
        "moduleQuizzes": module_quizzes,
        "quizzes": {q.id: [question.id for question in q.questions] for q in course.quizzes},
    }


def config_js(course: Course, version: str, language: str = "en") -> str:
    return js_global("COURSE_LMS", package_config(course, version, language))


def launch_html(title: str, language: str = "en") -> str:
    """The SCO's launch page: it holds the LMS session and shows the course in a frame, so one
    session (Initialize ... Terminate) spans every page the learner opens."""
    from html import escape

    t = escape(title)
    scripts = "\n".join(f'<script src="{escape(src)}"></script>' for src in LAUNCH_SCRIPTS)
    return f"""<!doctype html>
<html lang="{escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t}</title>
<style>
html, body {{ margin: 0; height: 100%; font-family: system-ui, sans-serif; }}
body {{ display: flex; flex-direction: column; }}
#lms-notice {{ margin: 0; padding: .6rem 1rem; background: #fff4e5; color: #4a2c00; border-bottom: 2px solid #b26a00; }}
#lms-notice[hidden] {{ display: none; }}
#lms-frame {{ flex: 1; width: 100%; border: 0; }}
</style>
</head>
<body>
<p id="lms-notice" role="status" aria-live="polite" hidden></p>
<iframe id="lms-frame" title="{t}" data-start="index.html"></iframe>
<noscript><p>{i18n.t("lms.noscript_html")}</p></noscript>
{scripts}
<script src="{CONFIG_JS}"></script>
<script src="{ADAPTER_JS}"></script>
</body>
</html>
"""


# --------------------------------------------------------------------------- imsmanifest.xml

NS_2004 = {
    "": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
    "lom": "http://ltsc.ieee.org/xsd/LOM",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
NS_12 = {
    "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "imsmd": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
SCHEMA_LOCATIONS = {
    "2004": ("http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd "
             "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
             "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
             "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
             "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd "
             "http://ltsc.ieee.org/xsd/LOM lom.xsd"),
    "1.2": ("http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
            "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
            "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"),
}


def _q(ns: dict, tag: str) -> str:
    prefix, _, local = tag.rpartition(":")
    return f"{{{ns[prefix]}}}{local}"


def _sub(parent: ET.Element, ns: dict, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    e = ET.SubElement(parent, _q(ns, tag), {(_q(ns, k.replace("__", ":")) if "__" in k else k): v for k, v in attrs.items()})
    if text is not None:
        e.text = text
    return e


def iso_duration(total_minutes: int) -> str:
    h, m = divmod(int(total_minutes), 60)
    return f"PT{h}H{m}M" if h else f"PT{m}M"


def _description(course: Course) -> str:
    mods = "; ".join(f"Module {m.number}: {m.title}" for m in course.modules)
    lead = course.subtitle or course.title
    return f"{lead}. {mods}."


def _module_item_title(m: Module) -> str:
    return f"Module {m.number}: {m.title}"


def manifest(course: Course, version: str, files: list[str], language: str = "en") -> str:
    """``imsmanifest.xml`` for one SCO launched at :data:`LAUNCH`, listing ``files`` (paths
    relative to the package root, ``/``-separated)."""
    if version not in VERSIONS:
        raise PackageError(f"unknown SCORM version {version!r}")
    ns = NS_2004 if version == "2004" else NS_12
    for prefix, uri in ns.items():
        ET.register_namespace(prefix, uri)
    ident = f"{course.id}-{course.only_path}" if course.only_path else f"{course.id}-course"
    root = ET.Element(_q(ns, ":manifest"), {"identifier": ident, "version": "1",
                                             _q(ns, "xsi:schemaLocation"): SCHEMA_LOCATIONS[version]})
    meta = _sub(root, ns, ":metadata")
    _sub(meta, ns, ":schema", "ADL SCORM")
    _sub(meta, ns, ":schemaversion", "2004 4th Edition" if version == "2004" else "1.2")
    title, desc, dur = package_title(course), _description(course), minutes(course)
    if version == "2004":
        lom = _sub(meta, ns, "lom:lom")
        gen = _sub(lom, ns, "lom:general")
        _sub(_sub(gen, ns, "lom:title"), ns, "lom:string", title, language=language)
        _sub(gen, ns, "lom:language", language)
        _sub(_sub(gen, ns, "lom:description"), ns, "lom:string", desc, language=language)
        for m in course.modules:
            _sub(_sub(gen, ns, "lom:keyword"), ns, "lom:string", _module_item_title(m), language=language)
        edu = _sub(lom, ns, "lom:educational")
        _sub(_sub(edu, ns, "lom:typicalLearningTime"), ns, "lom:duration", iso_duration(dur))
    else:
        lom = _sub(meta, ns, "imsmd:lom")
        gen = _sub(lom, ns, "imsmd:general")
        _sub(_sub(gen, ns, "imsmd:title"), ns, "imsmd:langstring", title, **{"xml:lang": language})
        _sub(gen, ns, "imsmd:language", language)
        _sub(_sub(gen, ns, "imsmd:description"), ns, "imsmd:langstring", desc, **{"xml:lang": language})
        for m in course.modules:
            _sub(_sub(gen, ns, "imsmd:keyword"), ns, "imsmd:langstring", _module_item_title(m), **{"xml:lang": language})
        edu = _sub(lom, ns, "imsmd:educational")
        h, mi = divmod(dur, 60)
        _sub(_sub(edu, ns, "imsmd:typicallearningtime"), ns, "imsmd:datetime", f"{h:02d}:{mi:02d}:00")

    orgs = _sub(root, ns, ":organizations", default="org")
    org = _sub(orgs, ns, ":organization", identifier="org")
    _sub(org, ns, ":title", title)
    item = _sub(org, ns, ":item", identifier="item-course", identifierref="res-course")
    _sub(item, ns, ":title", title)
    threshold = mastery(course)
    if version == "2004":
        # Completed when every lesson of the package is done (progress measure 1.0); passed when
        # the module quizzes' scaled score reaches the course's mastery threshold.
        _sub(item, ns, "adlcp:completionThreshold", completedByMeasure="true", minProgressMeasure="1.0")
        seq = _sub(item, ns, "imsss:sequencing")
        objs = _sub(seq, ns, "imsss:objectives")
        primary = _sub(objs, ns, "imsss:primaryObjective", objectiveID="mastery", satisfiedByMeasure="true")
        _sub(primary, ns, "imsss:minNormalizedMeasure", f"{threshold:.2f}")
        # The LMS records the learner's session; the course keeps its own navigation.
        pres = _sub(item, ns, "adlnav:presentation")
        hide = _sub(pres, ns, "adlnav:navigationInterface")
        for control in ("previous", "continue"):
            _sub(hide, ns, "adlnav:hideLMSUI", control)
    else:
        _sub(item, ns, "adlcp:masteryscore", str(int(round(threshold * 100))))

    res_root = _sub(root, ns, ":resources")
    attrs = {"identifier": "res-course", "type": "webcontent", "href": LAUNCH}
    attrs[_q(ns, "adlcp:scormType" if version == "2004" else "adlcp:scormtype")] = "sco"
    res = ET.SubElement(res_root, _q(ns, ":resource"), attrs)
    for f in [LAUNCH] + sorted(x for x in files if x != LAUNCH):
        _sub(res, ns, ":file", href=f)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def site_files(site: Path) -> list[str]:
    site = Path(site)
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != "imsmanifest.xml")


def make_package(site: Path, zip_path: Path, course: Course, version: str, language: str = "en") -> int:
    """Write ``imsmanifest.xml`` into ``site`` and zip the folder (manifest at the zip's root).
    Returns the number of files packed."""
    site, zip_path = Path(site), Path(zip_path)
    files = site_files(site)
    (site / "imsmanifest.xml").write_text(manifest(course, version, files, language), encoding="utf-8")
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_name(zip_path.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.write(site / "imsmanifest.xml", "imsmanifest.xml")
        for f in files:
            z.write(site / f, f)
    os.replace(tmp, zip_path)
    return len(files) + 1


# --------------------------------------------------------------------------- Moodle XML

def _cdata_text(parent: ET.Element, tag: str, text: str, fmt: str | None = None) -> ET.Element:
    e = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(e, "text").text = text
    return e


def _md(text: str | None) -> str:
    """Course text is Markdown with inline marks; Moodle gets it as HTML made by the course's own
    escaping inline renderer (raw HTML in a source string never reaches the question bank live)."""
    from .html import md_inline

    return md_inline(text or "")


def _fraction(x: float) -> str:
    # Moodle accepts only its own list of fractions for partial credit; 100/n rounds to one.
    allowed = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
               14.28571, 12.5, 11.11111, 10, 5, 0]
    sign = -1 if x < 0 else 1
    best = min(allowed, key=lambda a: abs(a - abs(x)))
    v = sign * best
    return f"{v:g}"


def _question(parent: ET.Element, qtype: str, name: str, prompt: str, general: str | None,
              grade: bool = True) -> ET.Element:
    """A question's common part; ``grade`` False for a Cloze question (Moodle counts its blanks)."""
    q = ET.SubElement(parent, "question", {"type": qtype})
    _cdata_text(q, "name", name)
    _cdata_text(q, "questiontext", prompt, "html")
    _cdata_text(q, "generalfeedback", general or "", "html")
    if grade:
        ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = "0.3333333"
    ET.SubElement(q, "hidden").text = "0"
    return q


def _answer(q: ET.Element, fraction: str, text: str, feedback: str | None, fmt: str = "html") -> ET.Element:
    a = ET.SubElement(q, "answer", {"fraction": fraction, "format": fmt})
    ET.SubElement(a, "text").text = text
    fb = ET.SubElement(a, "feedback", {"format": "html"})
    ET.SubElement(fb, "text").text = _md(feedback) if feedback else ""
    return a


def _choices(parent: ET.Element, question, name: str, prompt: str, general: str) -> str:
    single = question.type == "single"
    q = _question(parent, "multichoice", name, prompt, general)
    ET.SubElement(q, "single").text = "true" if single else "false"
    ET.SubElement(q, "shuffleanswers").text = "true"
    ET.SubElement(q, "answernumbering").text = "abc"
    right = [o for o in question.options if o.correct]
    wrong = [o for o in question.options if not o.correct]
    for o in question.options:
        if single:
            frac = "100" if o.correct else "0"
        else:
            frac = _fraction(100 / len(right)) if o.correct else (_fraction(-100 / len(wrong)) if wrong else "0")
        _answer(q, frac, _md(o.text), o.feedback)
    return "multichoice"


def _true_false(parent: ET.Element, question, name: str, prompt: str, general: str) -> str:
    q = _question(parent, "truefalse", name, prompt, general)
    _answer(q, "100" if question.answer else "0", "true", question.feedback_true, fmt="moodle_auto_format")
    _answer(q, "0" if question.answer else "100", "false", question.feedback_false, fmt="moodle_auto_format")
    return "truefalse"


def _numeric(parent: ET.Element, question, name: str, prompt: str, general: str) -> str:
    q = _question(parent, "numerical", name, prompt, general)
    a = _answer(q, "100", f"{question.answer:g}", None, fmt="moodle_auto_format")
    ET.SubElement(a, "tolerance").text = f"{question.tolerance:g}"
    if question.unit:
        units = ET.SubElement(q, "units")
        unit = ET.SubElement(units, "unit")
        ET.SubElement(unit, "multiplier").text = "1"
        ET.SubElement(unit, "unit_name").text = question.unit
        ET.SubElement(q, "unitgradingtype").text = "0"
        ET.SubElement(q, "showunits").text = "3"  # the unit is shown in the question text, not asked for
    return "numerical"


def _short_text(parent: ET.Element, question, name: str, prompt: str, general: str) -> str:
    q = _question(parent, "shortanswer", name, prompt, general)
    ET.SubElement(q, "usecase").text = "0"
    for accepted in question.accept:
        _answer(q, "100", accepted, None, fmt="moodle_auto_format")
    return "shortanswer"


_CLOZE_SPECIAL = re.compile(r'([}#~/"\\])')  # written with a backslash before them in a Cloze answer


def _fill_blank(parent: ET.Element, question, name: str, prompt: str, general: str) -> str:
    # Moodle's embedded answers (Cloze): each blank becomes {1:SHORTANSWER:=answer~=other answer}
    # in the question text, graded blank by blank as the course does.
    segments = question.segments()
    text = [str(segments[0])]
    for answers, seg in zip(question.blanks, segments[1:]):
        alts = "~".join("=" + html.escape(_CLOZE_SPECIAL.sub(r"\\\1", a), quote=False) for a in answers)
        text += ["{1:SHORTANSWER:" + alts + "}", str(seg)]
    _question(parent, "cloze", name, prompt + "<p>" + "".join(text) + "</p>", general, grade=False)
    return "cloze"


def _ordering(parent: ET.Element, question, name: str, prompt: str, general: str) -> str:
    # Core Moodle has no ordering type everywhere (qtype_ordering is an add-on before 4.4):
    # written as matching "position -> item", which every Moodle grades the same way.
    q = _question(parent, "matching", name, prompt + f"<p>{html.escape(i18n.t('lms.ordering_note'))}</p>", general)
    ET.SubElement(q, "shuffleanswers").text = "true"
    for i, item in enumerate(question.items, start=1):
        sub = ET.SubElement(q, "subquestion", {"format": "html"})
        ET.SubElement(sub, "text").text = f"Position {i}"
        ans = ET.SubElement(sub, "answer")
        ET.SubElement(ans, "text").text = item
    return "matching"


def _matching(parent: ET.Element, question, name: str, prompt: str, general: str) -> str:
    q = _question(parent, "matching", name, prompt, general)
    ET.SubElement(q, "shuffleanswers").text = "true"
    for pair in question.pairs:
        sub = ET.SubElement(q, "subquestion", {"format": "html"})
        ET.SubElement(sub, "text").text = _md(pair.left)
        ans = ET.SubElement(sub, "answer")
        ET.SubElement(ans, "text").text = pair.right
    return "matching"


# Each question type's Moodle form: writer(parent, question, name, prompt, general) -> the Moodle
# type written. tests/test_lms.py checks that every type of coursekit.questions has one.
MOODLE = {
    "single": _choices,
    "multiple": _choices,
    "true-false": _true_false,
    "numeric": _numeric,
    "short-text": _short_text,
    "fill-blank": _fill_blank,
    "ordering": _ordering,
    "matching": _matching,
}


def _write_question(parent: ET.Element, quiz: Quiz, question) -> str:
    """One course question as Moodle XML; returns the Moodle type written."""
    writer = MOODLE.get(question.type)
    if writer is None:
        raise PackageError(f"quizzes/{quiz.id}: question '{question.id}' has type '{question.type}', "
                           "which has no Moodle form (add its writer to coursekit/lms.py MOODLE)")
    return writer(parent, question, f"{quiz.id}/{question.id}", _md(question.prompt), _md(question.explanation))


def _category(parent: ET.Element, path: str) -> None:
    q = ET.SubElement(parent, "question", {"type": "category"})
    cat = ET.SubElement(q, "category")
    ET.SubElement(cat, "text").text = f"$course$/top/{path}"


def _clean(s: str) -> str:
    return s.replace("/", "-")


def moodle_xml(course: Course) -> tuple[str, dict[str, int]]:
    """Every quiz of the course as Moodle XML: one category per module ("Module N: title") with
    its end-of-module quiz, and a sub-category per lesson with that lesson's self-check.
    Returns the XML and a count of questions per Moodle type."""
    root = ET.Element("quiz")
    counts: dict[str, int] = {}
    base = _clean(course.title)

    def emit(category: str, quiz_id: str) -> None:
        quiz = course.quiz(quiz_id)
        _category(root, category)
        for question in quiz.questions:
            kind = _write_question(root, quiz, question)
            counts[kind] = counts.get(kind, 0) + 1

    for m in course.modules:
        mod_cat = f"{base}/{_clean(_module_item_title(m))}"
        if m.quiz:
            emit(mod_cat, m.quiz)
        for lesson in m.lessons:
            for ref in lesson.quiz_refs:
                emit(f"{mod_cat}/{_clean(lesson.title)}", ref.quiz_id)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n", counts

