"""The learner's progress page (filled in by progress.js from browser storage)."""

from __future__ import annotations

from .html import esc, minutes_label
from .model import Course
from .pages import Links, PageMap
from .site import register

MASTERY_RATIO = 0.8  # a module is mastered when 80% of its quiz questions are answered correctly


@register
def progress_pages(course: Course, links: Links) -> PageMap:
    modules = []
    for m in course.modules:
        lessons = "".join(
            f'<li data-progress-lesson="{esc(lesson.id)}"><a href="{links.rel("progress.md", lesson.src_uri)}">{esc(lesson.title)}</a>'
            f' <span class="progress-min">({lesson.minutes} min)</span> <span data-lesson-status>not done yet</span></li>'
            for lesson in m.lessons
        )
        quizzes = [r.quiz_id for lesson in m.lessons for r in lesson.quiz_refs] + ([m.quiz] if m.quiz else [])
        questions = sum(len(course.quiz(q).questions) for q in quizzes)
        modules.append(
            f'<section class="progress-module" data-module-progress="{esc(m.id)}" data-done="0" data-total="{len(m.lessons)}" '
            f'data-quizzes="{esc(" ".join(quizzes))}" data-questions="{questions}">'
            f'<h3><a href="{links.rel("progress.md", m.index_uri)}">Module {m.number}: {esc(m.title)}</a></h3>'
            f'<p><span data-module-summary>0 of {len(m.lessons)} lessons done.</span> '
            f'<span data-module-quiz>Quiz questions answered correctly: 0 of {questions}.</span> '
            f'<strong data-module-mastery>Not mastered yet.</strong></p>'
            f'<progress max="{len(m.lessons)}" value="0" aria-label="Lessons done in module {m.number}"></progress>'
            f'<ul class="progress-lessons">{lessons}</ul></section>'
        )
    ratio = int(MASTERY_RATIO * 100)
    return {
        "progress.md": (
            "---\ntitle: My progress\n---\n\n# My progress\n\n"
            f'<div class="progress-page" data-progress data-mastery="{MASTERY_RATIO}">'
            '<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
            # without JavaScript the first text shows (the theme sets html.js before first paint)
            '<p data-progress-summary role="status" aria-live="polite"><span class="nojs-only">Your progress needs '
            'JavaScript: it is read from this browser by the page, and JavaScript is off here.</span>'
            '<span class="js-only">Reading your progress…</span></p>'
            '<p data-progress-learner></p><p data-progress-path></p><p data-progress-next></p></section>'
            '<section aria-labelledby="rules-h"><h2 id="rules-h">How progress is counted</h2><ul>'
            '<li>A lesson counts as <strong>done</strong> when you press <em>Mark this lesson as complete</em> at its end.</li>'
            f'<li>A module counts as <strong>mastered</strong> when you have answered at least {ratio}% of the questions of its '
            'self-checks and its end-of-module quiz correctly.</li>'
            '<li>A <strong>certificate</strong> is earned for a learning path (or the whole course) when every lesson of it '
            f'is marked complete and at least {ratio}% of the questions of its own quizzes are answered correctly. '
            'You may retry a question as often as you like: your latest answer counts.</li>'
            '<li>Several people can learn on one computer: each chooses their name under <em>Who is learning</em> at the '
            'top of the page and keeps their own progress, export and certificate.</li>'
            '<li>Time spent is estimated from the study time of the lessons you have done.</li>'
            '<li>Your progress is kept in this browser only. Chromium-based browsers keep one store for every copy of the '
            'offline course on the computer; Firefox may keep a separate store for each folder, so always open the offline '
            'course from the same folder, or move your progress with export and import below.</li></ul></section>'
            f'<section aria-labelledby="modules-h"><h2 id="modules-h">Modules</h2>{"".join(modules)}</section>'
            '<section aria-labelledby="move-h"><h2 id="move-h">Move your progress to another device</h2>'
            '<p>Export saves everything the course keeps for you (progress, quiz answers, learning paths, '
            'view, agenda times, self-assessment, canvas, action plan, certificate name) as one file. Import it on another computer, phone or in the offline copy.</p>'
            '<p><button type="button" class="md-button" data-export>Export my data</button></p>'
            '<fieldset class="import-mode"><legend>When importing</legend>'
            '<p><input type="radio" name="import-mode" id="import-merge" value="merge" checked> '
            '<label for="import-merge">Merge with what this browser already has</label></p>'
            '<p><input type="radio" name="import-mode" id="import-replace" value="replace"> '
            '<label for="import-replace">Replace what this browser has</label></p></fieldset>'
            '<p><label for="import-file">Import a file exported from the course</label> '
            '<input type="file" id="import-file" accept=".json,application/json" data-import></p>'
            '<p class="import-status" role="status" aria-live="polite" data-import-status></p></section>'
            '<section aria-labelledby="cert-h" data-certificate-box><h2 id="cert-h">Certificate of completion</h2>'
            '<div data-certificate-state><p>When you have completed a learning path or the whole course, you can print a '
            'certificate here.</p></div>'
            '<p><label for="cert-name">Your name as it should appear</label> '
            '<input type="text" id="cert-name" autocomplete="name" maxlength="80" data-cert-name></p>'
            '<p><button type="button" class="md-button" data-cert-show>Show my certificate</button></p>'
            '<div class="certificate" data-certificate hidden></div></section>'
            '<section aria-labelledby="forget-h"><h2 id="forget-h">Forget my data</h2>'
            '<p>Remove everything the course has stored for you (the current learner) in this browser; other learners keep their data. This cannot be undone: export first if you want a copy.</p>'
            '<p><button type="button" class="md-button" data-forget>Forget all my data</button> '
            '<span role="status" aria-live="polite" data-forget-status></span></p></section>'
            "</div>\n"
        )
    }
