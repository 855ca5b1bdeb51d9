"""Question types. Each type is one class here, and the class is the whole unit:

- its **model**: the keys a quiz file gives for it, validated when the course loads;
- its **controls**: the form controls of the page (``CONTROLS``, an autoescaped Jinja template);
- its **answer key**: what the browser grades against (:meth:`key`), in the shape its ``Key``
  schema declares. quiz.js ``TYPES`` grades it; tests/test_browser_quiz.py checks, for every
  type, that the browser grades the model's right answer right and a wrong one wrong;
- its **answer** as a learner reads it: :meth:`correct_answer` in the shape quiz.js reads
  from the controls and stores, and :meth:`answer_html` (the page's "Show the answer"
  and the trainer's answer key);
- its **print form** (``PAPER``): what a handout prints, with nothing to run.

``TYPES`` lists the classes; :data:`QUESTION_TYPES` and the :data:`Question` union are made
from it. A new type is a class here, its entry in quiz.js ``TYPES`` (read, grade, apply), and
its Moodle form in lms.py ``MOODLE``; the tests find a type that lacks one of them.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from functools import lru_cache
from typing import Annotated, Any, ClassVar, Literal, Union

import jinja2
from markupsafe import Markup
from pydantic import Field, field_validator, model_validator

from .fields import Id, Int, Strict, Text
from .html import md_inline
from .i18n import t
from .render import environment

# --------------------------------------------------------------------------- helpers


def shuffled(seq, seed: str) -> list:
    """A stable shuffle (same order on every build) that is not the authored order."""
    items = list(seq)
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:12], 16))
    for _ in range(5):
        rng.shuffle(items)
        if items != list(seq) or len(items) < 2:
            break
    return items


def shown_order(options, seed: str) -> list[int]:
    """The order choices are shown in: a stable shuffle, so that the right answer is not found by
    its position, with the options marked ``last`` after it in authored order. Inputs keep their
    authored index as their value, so stored answers and the answer key do not depend on it."""
    rest = [i for i, o in enumerate(options) if not o.last]
    return shuffled(rest, seed) + [i for i, o in enumerate(options) if o.last]


def articles() -> frozenset[str]:
    """The words a typed answer is compared without (a, an, the): the catalogue's
    ``js.quiz.articles``, so quiz.js leaves out the same ones in the build's language."""
    return frozenset(t("js.quiz.articles").split())


def norm_answer(text: str) -> str:
    """A typed answer as compared: lower case, punctuation as spaces, no articles (a, an, the).

    quiz.js ``norm`` does the same to what the learner types: keep the two in step.
    """
    kept = "".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in text.lower())
    skip = articles()
    return " ".join(w for w in kept.split() if w not in skip)


def answer_forms(text: str) -> set[str]:
    """An answer, and its text inside and outside parentheses: "Chief Information Officer (CIO)"."""
    forms = {text}
    m = re.fullmatch(r"(.*)\(([^()]*)\)(.*)", text)
    if m:
        forms |= {m.group(2), m.group(1) + " " + m.group(3)}
    return {f for f in map(norm_answer, forms) if f}


def accepted(answers) -> tuple[str, ...]:
    """Every compared form of a list of accepted answers, sorted (an answer key's ``accept``)."""
    return tuple(sorted(set().union(*map(answer_forms, answers))))


def distinct_answers(answers) -> list[str]:
    """Accepted answers as shown: one of each compared form ("the canvas" adds nothing to "canvas")."""
    seen: set[str] = set()
    out = []
    for a in answers:
        if norm_answer(a) not in seen:
            seen.add(norm_answer(a))
            out.append(a)
    return out


# An option's own feedback opens with a verdict ("Yes.", "Correct.", "Not so.") that repeats the
# one quiz.js gives ("Correct. Correct."): the verdict is dropped here, the reason kept.
# The verdict words are the catalogue's quiz.verdict_words, in the build's language.
def _verdict() -> re.Pattern:
    words = "|".join(re.escape(w.strip()) for w in t("quiz.verdict_words").split("|") if w.strip())
    return re.compile(rf"^\s*(?:{words})\s*[.:!،؛]\s*", re.I)


def reason(feedback: str | None) -> str | None:
    if not feedback:
        return None
    rest = _verdict().sub("", feedback, count=1)
    return (rest[:1].upper() + rest[1:]) or None


@lru_cache(maxsize=None)
def _template(source: str) -> jinja2.Template:
    return environment().from_string(source)


# --------------------------------------------------------------------------- the base


class QuestionBase(Strict):
    id: Id
    prompt: Text
    explanation: str | None = None
    hint: str | None = None

    Key: ClassVar[type[Strict]]  # the answer key's schema
    CONTROLS: ClassVar[str]  # Jinja: the controls on the page; gets q, base, and context()
    PAPER: ClassVar[str]  # Jinja: the print form; gets q, base, and context()

    def context(self, base: str) -> dict[str, Any]:
        """Values the templates need beyond the question: shown orders, rendered parts."""
        return {}

    def controls(self, base: str) -> Markup:
        """The form controls; ``base`` is the question's id stem on the page and seeds shuffles."""
        return Markup(_template(self.CONTROLS).render(q=self, base=base, **self.context(base)))

    def paper(self, base: str) -> Markup:
        return Markup(_template(self.PAPER).render(q=self, base=base, **self.context(base)))

    def key(self) -> dict:
        """The answer key, as the page's ``data-key`` holds it (JSON)."""
        raise NotImplementedError

    def correct_answer(self) -> Any:
        """A right answer in the form quiz.js reads it from the controls and stores it."""
        raise NotImplementedError

    def answer_html(self) -> Markup:
        """The right answer as HTML."""
        raise NotImplementedError


def _key(model: type[Strict], **values) -> dict:
    """An answer key checked against its schema, as JSON-ready data."""
    return model(**values).model_dump(mode="json")


_CHOICES = (
    '{% for i in order %}{% set o = q.options[i] %}<label class="quiz-opt"><input type="{{ kind }}" '
    'name="{{ base }}" value="{{ i }}"{% if reasons[i] %} data-feedback-text="{{ reasons[i]|md|forceescape }}"'
    '{% endif %}><span>{{ o.text|md }}</span></label>{% endfor %}'
)
_BOXES = ('<ul class="quiz-boxes quiz-boxes--{{ box }}">{% for i in order %}<li>{{ q.options[i].text|md }}</li>'
          '{% endfor %}</ul>')
_WRITE = '<p class="quiz-write">{{ t("handout.quiz_answer") }}{{ unit }}: <span class="quiz-line"></span></p>'


# --------------------------------------------------------------------------- choices


class Option(Strict):
    text: Text
    correct: bool = False
    feedback: str | None = None
    # Kept after the shuffled options, in authored order ("None of these", "All of the above").
    last: bool = False


class ChoiceKey(Strict):
    correct: tuple[Int, ...]  # the authored indexes of the right options


class _Choices(QuestionBase):
    options: Annotated[tuple[Option, ...], Field(min_length=2)]
    Key: ClassVar = ChoiceKey
    PAPER: ClassVar = _BOXES

    def context(self, base):
        return {"order": shown_order(self.options, base), "reasons": [reason(o.feedback) for o in self.options]}

    def key(self):
        return _key(ChoiceKey, correct=tuple(i for i, o in enumerate(self.options) if o.correct))

    def answer_html(self):
        return Markup("; ").join(Markup(md_inline(o.text)) for o in self.options if o.correct)


class SingleQ(_Choices):
    type: Literal["single"]
    CONTROLS: ClassVar = '{% set kind = "radio" %}' + _CHOICES
    PAPER: ClassVar = '{% set box = "one" %}' + _BOXES

    @model_validator(mode="after")
    def one_correct(self):
        n = sum(o.correct for o in self.options)
        if n != 1:
            raise ValueError(f"a single-choice question needs exactly one option with correct: true, found {n}")
        return self

    def correct_answer(self):
        return str(self.key()["correct"][0])


class MultipleQ(_Choices):
    type: Literal["multiple"]
    CONTROLS: ClassVar = ('<p class="quiz-note">{{ t("quiz.select_all") }}</p>{% set kind = "checkbox" %}'
                          + _CHOICES)
    PAPER: ClassVar = '<p class="quiz-note">{{ t("handout.quiz_all") }}</p>{% set box = "many" %}' + _BOXES

    @model_validator(mode="after")
    def some_correct(self):
        if not any(o.correct for o in self.options):
            raise ValueError("a multiple-choice question needs at least one option with correct: true")
        return self

    def correct_answer(self):
        return [str(i) for i in self.key()["correct"]]


class TrueFalseKey(Strict):
    correct: Literal["true", "false"]


class TrueFalseQ(QuestionBase):
    type: Literal["true-false"]
    answer: bool
    feedback_true: str | None = None
    feedback_false: str | None = None
    Key: ClassVar = TrueFalseKey
    CONTROLS: ClassVar = (
        '{% for v in ("true", "false") %}<label class="quiz-opt"><input type="radio" name="{{ base }}" '
        'value="{{ v }}"{% if reasons[v] %} data-feedback-text="{{ reasons[v]|md|forceescape }}"{% endif %}>'
        '<span>{{ t("quiz." ~ v) }}</span></label>{% endfor %}'
    )
    PAPER: ClassVar = ('<ul class="quiz-boxes quiz-boxes--one"><li>{{ t("handout.quiz_true") }}</li>'
                       '<li>{{ t("handout.quiz_false") }}</li></ul>')

    def context(self, base):
        return {"reasons": {"true": reason(self.feedback_true), "false": reason(self.feedback_false)}}

    def key(self):
        return _key(TrueFalseKey, correct=self.correct_answer())

    def correct_answer(self):
        return "true" if self.answer else "false"

    def answer_html(self):
        return Markup.escape(t("quiz." + self.correct_answer()))


# --------------------------------------------------------------------------- typed answers

_FIELD = ('<div class="quiz-field"><label for="{{ base }}-in">{{ t("quiz.your_answer") }}{{ unit }}</label> '
          '<input type="text"{{ mode }} autocomplete="off" id="{{ base }}-in" name="{{ base }}"></div>')


class NumericKey(Strict):
    answer: float
    tolerance: Annotated[float, Field(ge=0)]


class NumericQ(QuestionBase):
    type: Literal["numeric"]
    answer: float
    tolerance: Annotated[float, Field(ge=0)] = 0.0
    unit: str | None = None
    Key: ClassVar = NumericKey
    CONTROLS: ClassVar = '{% set mode = " inputmode=\\"decimal\\""|safe %}' + _FIELD
    PAPER: ClassVar = _WRITE

    def context(self, base):
        return {"unit": f" ({self.unit})" if self.unit else ""}

    def key(self):
        return _key(NumericKey, answer=self.answer, tolerance=self.tolerance)

    def correct_answer(self):
        return f"{self.answer:g}"

    def answer_html(self):
        unit = f" {self.unit}" if self.unit else ""
        within = " " + t("quiz.within", tolerance=f"{self.tolerance:g}") if self.tolerance else ""
        return Markup.escape(f"{self.answer:g}{unit}{within}")


class TextKey(Strict):
    accept: Annotated[tuple[str, ...], Field(min_length=1)]  # compared forms (norm_answer)


class ShortTextQ(QuestionBase):
    type: Literal["short-text"]
    accept: Annotated[tuple[Text, ...], Field(min_length=1)]
    Key: ClassVar = TextKey
    CONTROLS: ClassVar = '{% set mode = "" %}' + _FIELD
    PAPER: ClassVar = _WRITE

    def context(self, base):
        return {"unit": ""}

    @field_validator("accept")
    @classmethod
    def comparable(cls, v):
        for a in v:
            if not answer_forms(a):
                raise ValueError(f"the accepted answer '{a}' has no letters or digits to compare")
        return v

    def key(self):
        return _key(TextKey, accept=accepted(self.accept))

    def correct_answer(self):
        return self.accept[0]

    def answer_html(self):
        return Markup(" / ").join(distinct_answers(self.accept))


# A blank in a fill-in-the-blank text: [[answer]] or [[answer|another accepted answer]].
BLANK = re.compile(r"\[\[([^\[\]]*)\]\]")
_HOLE = "\ue000"  # stands for a blank while the text is rendered (a private-use character)


class BlanksKey(Strict):
    blanks: Annotated[tuple[Annotated[tuple[str, ...], Field(min_length=1)], ...], Field(min_length=1)]


class FillBlankQ(QuestionBase):
    type: Literal["fill-blank"]
    text: Annotated[Text, Field(description="Markdown; each blank written [[answer]] or [[answer|other answer]]")]
    Key: ClassVar = BlanksKey
    CONTROLS: ClassVar = (
        '<p class="quiz-blanks">{% for seg in segments %}{{ seg }}{% if not loop.last %}'
        '<label class="quiz-blank"><span class="md-visually-hidden">{{ t("quiz.blank_n", n=loop.index) }}</span>'
        '<input type="text" autocomplete="off" name="{{ base }}-b{{ loop.index0 }}" size="{{ sizes[loop.index0] }}" data-blank>'
        '</label>{% endif %}{% endfor %}</p>'
    )
    PAPER: ClassVar = ('<p class="quiz-blanks">{% for seg in segments %}{{ seg }}{% if not loop.last %}'
                       '<span class="quiz-line quiz-line--blank"></span>{% endif %}{% endfor %}</p>')

    @field_validator("text")
    @classmethod
    def has_blanks(cls, v):
        blanks = BLANK.findall(v)
        if not blanks:
            raise ValueError("a fill-in-the-blank text needs at least one blank, written [[answer]]")
        if len(blanks) > 10:
            raise ValueError(f"at most 10 blanks in one question, found {len(blanks)}")
        rest = BLANK.sub("", v)
        if "[[" in rest or "]]" in rest:
            raise ValueError("a blank is not closed: write each one as [[answer]] or [[answer|other answer]]")
        for b in blanks:
            for a in b.split("|"):
                if not answer_forms(a.strip()):
                    raise ValueError(f"the blank [[{b}]] has an empty answer; give the words a learner should write")
        return v

    @property
    def blanks(self) -> list[list[str]]:
        """Each blank's accepted answers, as written."""
        return [[a.strip() for a in b.split("|")] for b in BLANK.findall(self.text)]

    def segments(self) -> list[Markup]:
        """The text as HTML around the blanks (one more segment than blanks)."""
        html = md_inline(BLANK.sub(_HOLE, self.text))
        return [Markup(s) for s in html.split(_HOLE)]

    def context(self, base):
        sizes = [min(max(max(len(a) for a in b) + 2, 8), 30) for b in self.blanks]
        return {"segments": self.segments(), "sizes": sizes}

    def key(self):
        return _key(BlanksKey, blanks=tuple(accepted(b) for b in self.blanks))

    def correct_answer(self):
        return [b[0] for b in self.blanks]

    def answer_html(self):
        segs = self.segments()
        out = [segs[0]]
        for b, seg in zip(self.blanks, segs[1:]):
            out += [Markup("<strong>%s</strong>") % " / ".join(distinct_answers(b)), seg]
        return Markup("").join(out)


# --------------------------------------------------------------------------- arranging


class OrderKey(Strict):
    order: tuple[Int, ...]  # the authored indexes, in the right order


class OrderingQ(QuestionBase):
    type: Literal["ordering"]
    items: Annotated[tuple[Text, ...], Field(min_length=2, description="in the correct order")]
    Key: ClassVar = OrderKey
    CONTROLS: ClassVar = (
        '<p class="quiz-note">{{ t("quiz.order_note") }}</p><ol class="quiz-order" data-order>{% for i in order %}'
        '<li class="quiz-order-item" data-item="{{ i }}"><span class="quiz-order-text">{{ q.items[i]|md }}</span>'
        '<span class="quiz-order-btns">'
        '<button type="button" class="quiz-up" data-move="-1" aria-label="{{ t("quiz.move_up", item=q.items[i]) }}">↑</button>'
        '<button type="button" class="quiz-down" data-move="1" aria-label="{{ t("quiz.move_down", item=q.items[i]) }}">↓</button>'
        '</span></li>{% endfor %}</ol>'
    )
    PAPER: ClassVar = ('<p class="quiz-note">{{ t("handout.quiz_order") }}</p><ul class="quiz-boxes quiz-boxes--write">'
                       '{% for i in order %}<li>{{ q.items[i]|md }}</li>{% endfor %}</ul>')

    @field_validator("items")
    @classmethod
    def distinct(cls, v):
        if len(set(v)) != len(v):
            raise ValueError("ordering items must all be different")
        return v

    def context(self, base):
        return {"order": shuffled(range(len(self.items)), base)}

    def key(self):
        return _key(OrderKey, order=tuple(range(len(self.items))))

    def correct_answer(self):
        return [str(i) for i in range(len(self.items))]

    def answer_html(self):
        return Markup(" → ").join(Markup(md_inline(x)) for x in self.items)


class Pair(Strict):
    left: Text
    right: Text


class PairsKey(Strict):
    pairs: tuple[Int, ...]  # for each left side in authored order, the index of its right side


class MatchingQ(QuestionBase):
    type: Literal["matching"]
    pairs: Annotated[tuple[Pair, ...], Field(min_length=2)]
    Key: ClassVar = PairsKey
    CONTROLS: ClassVar = (
        '<p class="quiz-note">{{ t("quiz.match_note") }}</p>{% for p in q.pairs %}<div class="quiz-match">'
        '<label for="{{ base }}-m{{ loop.index0 }}">{{ p.left|md }}</label>'
        '<select id="{{ base }}-m{{ loop.index0 }}" data-left="{{ loop.index0 }}"><option value="">{{ t("quiz.choose") }}</option>'
        '{% for j in rights %}<option value="{{ j }}">{{ q.pairs[j].right }}</option>{% endfor %}</select></div>{% endfor %}'
    )
    PAPER: ClassVar = ('<p class="quiz-note">{{ t("handout.quiz_match") }}</p><ul class="quiz-boxes quiz-boxes--write">'
                       '{% for p in q.pairs %}<li>{{ p.left|md }}</li>{% endfor %}</ul>'
                       '<ol class="quiz-match-choices" type="A">{% for j in rights %}<li>{{ q.pairs[j].right }}</li>'
                       '{% endfor %}</ol>')

    @field_validator("pairs")
    @classmethod
    def distinct(cls, v):
        if len({p.left for p in v}) != len(v) or len({p.right for p in v}) != len(v):
            raise ValueError("matching pairs must have distinct left and right sides")
        return v

    def context(self, base):
        return {"rights": shuffled(range(len(self.pairs)), base + "r")}

    def key(self):
        return _key(PairsKey, pairs=tuple(range(len(self.pairs))))

    def correct_answer(self):
        return [str(i) for i in range(len(self.pairs))]

    def answer_html(self):
        return Markup("; ").join(Markup("%s → %s") % (Markup(md_inline(p.left)), p.right) for p in self.pairs)


# --------------------------------------------------------------------------- the list

TYPES: tuple[type[QuestionBase], ...] = (SingleQ, MultipleQ, TrueFalseQ, NumericQ, ShortTextQ, FillBlankQ,
                                        OrderingQ, MatchingQ)
BY_TYPE: dict[str, type[QuestionBase]] = {cls.model_fields["type"].annotation.__args__[0]: cls for cls in TYPES}
QUESTION_TYPES: tuple[str, ...] = tuple(BY_TYPE)

Question = Annotated[Union[TYPES], Field(discriminator="type")]  # type: ignore[valid-type]
