"""Workshop tools: capability self-assessment, group view, implementation canvas, roadmap."""

from __future__ import annotations

import json

from .html import esc, md_inline
from .model import Course
from .pages import Links, PageMap, page_head
from .site import register


def _json_script(id_: str, data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{id_}">{text}</script>'


def _lesson_links(course: Course, from_uri: str, lesson_ids, links: Links) -> str:
    have = {lesson.id: lesson for lesson in course.lessons}
    return "".join(
        f'<li><a href="{links.rel(from_uri, have[lid].src_uri)}">{esc(have[lid].title)}</a></li>'
        for lid in lesson_ids if lid in have
    )


def assessment_definition(course: Course) -> dict:
    a = course.assessment
    assert a is not None
    return {
        "course": course.id,
        "scale": [{"value": p.value, "label": p.label} for p in a.scale],
        "dimensions": [{"id": d.id, "title": d.title, "statements": [s.id for s in d.statements]} for d in a.dimensions],
        "statements": {s.id: s.text for d in a.dimensions for s in d.statements},
    }


def _assessment_page(course: Course, links: Links) -> str:
    a = course.assessment
    assert a is not None
    uri = "tools/assessment.md"
    dims = []
    for d in a.dimensions:
        sts = []
        for st in d.statements:
            radios = "".join(
                f'<span class="scale-point"><input type="radio" name="st-{st.id}" id="st-{st.id}-{p.value}" value="{p.value}">'
                f'<label for="st-{st.id}-{p.value}">{p.value} <span class="scale-label">{esc(p.label)}</span></label></span>'
                for p in a.scale
            )
            sts.append(f'<fieldset class="assess-st" data-statement="{esc(st.id)}"><legend>{md_inline(st.text)}</legend>'
                       f'<div class="scale">{radios}</div></fieldset>')
        dims.append(
            f'<section class="assess-dim" data-dimension="{esc(d.id)}" aria-labelledby="dim-{d.id}">'
            f'<h2 id="dim-{d.id}">{esc(d.title)}</h2>{"".join(sts)}</section>'
        )
    lesson_lists = "".join(
        f'<div data-dim-lessons="{esc(d.id)}" hidden><p>Lessons that help with <strong>{esc(d.title)}</strong>:</p>'
        f'<ul>{_lesson_links(course, uri, d.lessons, links)}</ul></div>'
        for d in a.dimensions
    )
    scale = ", ".join(f"{p.value} = {esc(p.label)}" for p in a.scale)
    return (
        f"{page_head(a.title)}"
        f'<div class="assessment" data-assessment>'
        f"<p>{md_inline(a.intro)}</p>"
        f'<p class="assess-note">The scale: {scale}. The six dimensions were written for this course in the spirit of '
        "UN DESA's Digital Government Capability Assessment; they are not its official wording. Your answers stay in this browser.</p>"
        '<p><label for="assess-name">Your name or a code for the group view (optional)</label> '
        '<input type="text" id="assess-name" maxlength="60" autocomplete="off" data-assess-name></p>'
        f'<form class="assess-form" onsubmit="return false">{"".join(dims)}</form>'
        '<p role="status" aria-live="polite" data-assess-progress></p>'
        '<section class="assess-result" data-assessment-result aria-labelledby="assess-result-h">'
        '<h2 id="assess-result-h">Your results</h2>'
        '<p data-assess-summary>Rate the statements above to see your results here.</p>'
        '<div class="assess-chart" data-assess-chart></div>'
        f'<div data-assess-lessons>{lesson_lists}</div>'
        '<p class="no-print"><button type="button" class="md-button" data-assess-export>Export my answers (JSON)</button> '
        '<button type="button" class="md-button" data-print>Print my report</button> '
        '<button type="button" class="md-button" data-assess-clear>Clear my answers</button></p>'
        '<p role="status" aria-live="polite" data-assess-status></p></section>'
        f'{_json_script("assessment-def", assessment_definition(course))}'
        "</div>\n"
    )


def _group_page(course: Course, links: Links) -> str:
    return (
        f"{page_head('Group view of assessments', 'Group view of capability self-assessments')}"
        '<div class="assess-group" data-assessment-group>'
        "<p>The second step of the capability assessment is collaborative. Each participant exports their answers "
        'from the <a href="' + links.rel("tools/group.md", "tools/assessment.md") + '">self-assessment</a> and gives the file '
        "to the trainer (USB stick, email or shared folder). Load all the files here to see the group's picture: "
        "the mean and spread for each dimension, and the statements where participants disagree most. "
        "Nothing leaves this computer.</p>"
        '<p><label for="group-files">Participants\' export files (choose several)</label> '
        '<input type="file" id="group-files" multiple accept=".json,application/json" data-group-files></p>'
        '<div class="drop-zone" data-drop-zone>Or drop the files here.</div>'
        '<p><strong>Participants read: <span data-participants>0</span></strong> '
        '<button type="button" class="md-button" data-group-clear>Start again</button></p>'
        '<div role="status" aria-live="polite" data-group-status class="group-status"></div>'
        '<section data-group-result aria-labelledby="group-h"><h2 id="group-h">The group\'s picture</h2>'
        '<p data-group-summary>Load at least one file to see the group\'s picture.</p>'
        '<div class="assess-chart" data-group-chart></div>'
        '<div data-group-table></div>'
        '<h3 id="disagree-h">Where the group disagrees most (discussion starters)</h3><ol data-group-disagree></ol>'
        '<p class="no-print"><button type="button" class="md-button" data-group-export>Export the combined result (JSON)</button> '
        '<button type="button" class="md-button" data-group-csv>Export as CSV</button> '
        '<button type="button" class="md-button" data-print>Print</button></p></section>'
        f'{_json_script("assessment-def", assessment_definition(course))}'
        "</div>\n"
    )


def _canvas_page(course: Course, links: Links) -> str:
    c = course.canvas
    assert c is not None
    blocks = []
    for b in c.blocks:
        qs = "".join(f"<li>{md_inline(q)}</li>" for q in b.questions)
        blocks.append(
            f'<div class="canvas-block" data-block="{esc(b.id)}"><label for="canvas-{b.id}">{esc(b.title)}</label>'
            f'<ul class="canvas-q" id="canvas-{b.id}-q">{qs}</ul>'
            f'<textarea id="canvas-{b.id}" name="{esc(b.id)}" rows="4" maxlength="4000" aria-describedby="canvas-{b.id}-q"></textarea></div>'
        )
    return (
        f"{page_head(c.title)}"
        f'<div class="canvas-tool" data-canvas-tool><p class="no-print">{md_inline(c.intro)} What you type is saved in this browser as you type.</p>'
        '<p><label for="canvas-title">Name of the initiative</label> '
        '<input type="text" id="canvas-title" maxlength="120" data-canvas-title></p>'
        f'<form class="canvas" data-canvas onsubmit="return false">{"".join(blocks)}</form>'
        '<p class="no-print"><button type="button" class="md-button" data-canvas-md>Export as Markdown</button> '
        '<button type="button" class="md-button" data-canvas-json>Export as JSON</button> '
        '<button type="button" class="md-button" data-print>Print on one page</button> '
        '<button type="button" class="md-button" data-canvas-clear>Clear the canvas</button></p>'
        '<p class="no-print"><label for="canvas-import">Import a canvas (JSON exported from this page)</label> '
        '<input type="file" id="canvas-import" accept=".json,application/json" data-canvas-import></p>'
        '<p role="status" aria-live="polite" data-canvas-status></p>'
        f'<p class="no-print">Next: turn the canvas into a <a href="{links.rel("tools/canvas.md", "tools/roadmap.md")}">roadmap and action plan</a>.</p>'
        f'{_json_script("canvas-def", {"course": course.id, "blocks": [{"id": b.id, "title": b.title} for b in c.blocks]})}'
        "</div>\n"
    )


def _roadmap_page(course: Course, links: Links) -> str:
    return (
        f"{page_head('Roadmap and action plan')}"
        '<div class="roadmap-tool" data-roadmap>'
        "<p class=\"no-print\">Turn your canvas into an action plan: one row for each activity, with who owns it, when it "
        "happens, what it needs and how you will know it is done. Rows are saved in this browser as you type.</p>"
        '<table class="roadmap"><caption>Action plan</caption><thead><tr><th scope="col">Activity</th><th scope="col">Owner</th>'
        '<th scope="col">Timeline</th><th scope="col">Resources</th><th scope="col">Indicator</th>'
        '<th scope="col"><span class="md-visually-hidden">Remove</span></th></tr></thead><tbody data-roadmap-rows></tbody></table>'
        '<noscript><p>This tool needs JavaScript. You can print this page and fill the table by hand.</p></noscript>'
        '<p class="no-print"><button type="button" class="md-button" data-roadmap-add>Add a row</button> '
        '<button type="button" class="md-button" data-roadmap-from-canvas>Add rows from the canvas</button> '
        '<button type="button" class="md-button" data-roadmap-csv>Export as CSV</button> '
        '<button type="button" class="md-button" data-print>Print</button></p>'
        '<p role="status" aria-live="polite" data-roadmap-status></p>'
        f'<p class="no-print">The rows from the canvas come from its blocks <em>Status and next steps</em> and '
        f'<em>Risks and mitigation</em>, one row per line. <a href="{links.rel("tools/roadmap.md", "tools/canvas.md")}">Open the canvas</a>.</p>'
        "</div>\n"
    )


@register
def tool_pages(course: Course, links: Links) -> PageMap:
    pages: PageMap = {}
    if course.assessment:
        pages["tools/assessment.md"] = _assessment_page(course, links)
        pages["tools/group.md"] = _group_page(course, links)
    if course.canvas:
        pages["tools/canvas.md"] = _canvas_page(course, links)
        pages["tools/roadmap.md"] = _roadmap_page(course, links)
    return pages
