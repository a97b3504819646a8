"""Moodle GIFT: parse a file into questions, and write bank items as GIFT.

Supported: multiple choice ``{=right ~wrong}``, true/false ``{T}``/``{FALSE}``, short
answer ``{=a =b}``, matching ``{=a -> b}``, and missing word (text on both sides of
the braces). Names ``::title::``, ``$CATEGORY:`` lines, ``//`` comment lines,
per-answer ``#feedback``, general feedback ``####`` and the escapes ``\\~ \\= \\# \\{
\\} \\: \\\\ \\n``. Numeric, essay and embedded-answer (Cloze) questions are refused
with their line, not silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quizapp.exchange.problems import at_line, raise_problems
from quizapp.generation.citing import BLANK, FILL_IN
from quizapp.generation.kinds import MATCHING

if TYPE_CHECKING:
    from quizapp.bank.models import Item

TRUE_FALSE = {"t": "True", "true": "True", "f": "False", "false": "False"}
MAX_QUESTIONS = 2000
MAX_TEXT = 4000
# A question is read on one page: 1,500 matching pairs made a 107 MB attempt page (every
# pair's select lists every answer). Moodle's own matching questions rarely pass a dozen.
MAX_ANSWERS = 20
MAX_PAIRS = 12

# Escaped characters are swapped for private-use code points before parsing, so the
# parser can split on plain "~", "=", "#" ... and the escapes come back at the end.
_ESCAPES = {"\\\\": "\ue000", "\\~": "\ue001", "\\=": "\ue002", "\\#": "\ue003"}
_ESCAPES |= {"\\{": "\ue004", "\\}": "\ue005", "\\:": "\ue006", "\\n": "\ue007"}
_RESTORE = str.maketrans(
    {code: char[1] for char, code in _ESCAPES.items()} | {"\ue007": "\n", "\ue000": "\\"}
)
_ESCAPE_RE = re.compile(r"\\[\\~=#{}:n]")
_TITLE_RE = re.compile(r"^\s*::(.*?)::", re.DOTALL)
_FORMAT_RE = re.compile(r"^\s*\[(?:plain|moodle|markdown|html)\]", re.IGNORECASE)
_WEIGHT_RE = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_ANSWER_START_RE = re.compile(r"[=~]")


@dataclass
class GiftQuestion:
    """One question as the file states it; ``kind`` is the bank kind it becomes."""

    line: int
    kind: str
    prompt: str
    answer: str
    title: str = ""
    category: str = ""
    accepted: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    distractors: list[str] = field(default_factory=list)
    pairs: list[list[str]] = field(default_factory=list)
    feedback: dict[str, str] = field(default_factory=dict)
    explanation: str = ""


class _Problem(Exception):
    def __init__(self, offset: int, message: str):
        self.offset, self.message = offset, message


def parse_gift(text: str) -> list[GiftQuestion]:
    """Every question of a GIFT file, or ImportProblems listing every bad one."""
    problems: list[str] = []
    questions: list[GiftQuestion] = []
    category = ""
    for block in _blocks(text):
        body = block.text.strip()
        if body.startswith("$CATEGORY:"):
            category = body.removeprefix("$CATEGORY:").strip().translate(_RESTORE)
            continue
        try:
            question = _question(body, block)
        except _Problem as problem:
            problems.append(at_line(block.line_at(problem.offset), problem.message))
            continue
        question.category = category
        questions.append(question)
    raise_problems(problems, questions, limit=MAX_QUESTIONS, noun="questions")
    return questions


@dataclass
class _Block:
    """Lines of one question (comments dropped), joined, with their file line numbers."""

    text: str
    numbers: list[int]

    def line_at(self, offset: int) -> int:
        offset += len(self.text) - len(self.text.lstrip())
        return self.numbers[min(self.text.count("\n", 0, offset), len(self.numbers) - 1)]


def _blocks(text: str) -> list[_Block]:
    """Questions are separated by blank lines; ``//`` lines are comments; a
    ``$CATEGORY:`` line stands alone even when no blank line follows it."""
    blocks: list[_Block] = []
    lines: list[str] = []
    numbers: list[int] = []
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if line.lstrip().startswith("//"):
            continue
        category = line.lstrip().startswith("$CATEGORY:")
        if line.strip() and not category:
            lines.append(_ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], line))
            numbers.append(number)
            continue
        if lines:
            blocks.append(_Block("\n".join(lines), numbers))
            lines, numbers = [], []
        if category:
            blocks.append(_Block(_ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], line), [number]))
    return blocks


def _question(body: str, block: _Block) -> GiftQuestion:
    title = ""
    match = _TITLE_RE.match(body)
    if match:
        title = _clean(match.group(1))
    position = match.end() if match else 0
    format_match = _FORMAT_RE.match(body, position)
    if format_match:
        position = format_match.end()
    opening = body.find("{", position)
    stray = body.find("}", position)
    if stray >= 0 and (opening < 0 or stray < opening):
        raise _Problem(stray, "“}” without an opening “{”; write \\} for a literal brace")
    if opening < 0:
        raise _Problem(position, "no answers in { }; descriptions are not supported")
    closing = body.find("}", opening)
    if closing < 0:
        raise _Problem(opening, "unclosed brace: “{” has no matching “}”")
    nested = body.find("{", opening + 1)
    if 0 <= nested < closing:
        raise _Problem(nested, "“{” inside the answers; write \\{ for a literal brace")
    if body.find("{", closing) >= 0 or body.find("}", closing + 1) >= 0:
        raise _Problem(closing, "more than one set of answers in one question")
    before, inside, after = body[position:opening], body[opening + 1 : closing], body[closing + 1 :]
    if not before.strip() and not after.strip():
        raise _Problem(opening, "no question text before the answers")
    if len(before) + len(after) > MAX_TEXT:
        raise _Problem(position, f"question text is too long (at most {MAX_TEXT} characters)")
    question = _answers(inside, _Text(before, after), opening + 1)
    question.line, question.title = block.line_at(0), title
    return question


@dataclass(frozen=True)
class _Text:
    """The question text on either side of the braces, as written."""

    before: str
    after: str

    @property
    def is_missing_word(self) -> bool:
        return bool(self.after.strip())

    @property
    def prompt(self) -> str:
        """The text alone, or with a blank where the braces stood (spacing kept, so
        "by {=x}." reads "by _____.")."""
        if not self.is_missing_word:
            return _clean(self.before)
        return FILL_IN + _clean(f"{self.before}{BLANK}{self.after}")


def _answers(inside: str, text: _Text, offset: int) -> GiftQuestion:
    inside, _, general = inside.partition("####")
    explanation = _clean(general)
    stripped = inside.strip()
    if stripped.startswith("#"):
        raise _Problem(offset, "numeric questions are not supported")
    if re.match(r"^\d+:[A-Z_]+:", stripped):
        raise _Problem(offset, "embedded answers such as {1:MC:...} are not supported")
    if not stripped:
        raise _Problem(offset, "essay questions (empty braces) are not supported")
    verdict = stripped.split("#", 1)[0].strip().lower()
    if verdict in TRUE_FALSE:
        if text.is_missing_word:
            raise _Problem(offset, "a true/false answer cannot stand inside the sentence")
        return _true_false(text.prompt, TRUE_FALSE[verdict], stripped, explanation)
    if not _ANSWER_START_RE.match(stripped):
        raise _Problem(offset, "answers must start with = (right) or ~ (wrong)")
    answers = _split_answers(inside, offset)
    is_matching = all(a.mark == "=" for a in answers) and any("->" in a.text for a in answers)
    limit, noun = (MAX_PAIRS, "matching pairs") if is_matching else (MAX_ANSWERS, "answers")
    if len(answers) > limit:
        raise _Problem(answers[limit].offset, f"more than {limit} {noun} in one question")
    if is_matching:
        return _matching(text, answers, offset, explanation)
    rights = [a.text for a in answers if a.mark == "="]
    wrongs = [a.text for a in answers if a.mark == "~"]
    feedback = {a.text: a.note for a in answers if a.note}
    if not rights:
        raise _Problem(offset, "no right answer (mark it with =)")
    for answer in answers:
        if not answer.text:
            raise _Problem(answer.offset, f"an empty answer after {answer.mark}")
    prompt = text.prompt
    if wrongs:
        if len(rights) > 1:
            raise _Problem(offset, "more than one right answer among choices is not supported")
        options = [a.text for a in answers]
        if len(set(options)) < len(options):
            raise _Problem(offset, "the same choice appears twice")
        return GiftQuestion(
            line=0,
            kind="mcq",
            prompt=prompt,
            answer=rights[0],
            accepted=[rights[0]],
            options=options,
            distractors=wrongs,
            feedback=feedback,
            explanation=explanation,
        )
    return GiftQuestion(
        line=0,
        kind="cloze" if text.is_missing_word else "short_answer",
        prompt=prompt,
        answer=rights[0],
        accepted=list(dict.fromkeys(rights)),
        feedback=feedback,
        explanation=explanation,
    )


def _true_false(claim: str, answer: str, inside: str, explanation: str) -> GiftQuestion:
    notes = [_clean(note) for note in inside.split("#")[1:]]
    # Moodle's {T#a#b}: "a" is shown to a wrong answer, "b" to a right one.
    wrong = "False" if answer == "True" else "True"
    feedback = {key: note for key, note in zip((wrong, answer), notes, strict=False) if note}
    return GiftQuestion(
        line=0,
        kind="true_false",
        prompt=claim,
        answer=answer,
        accepted=[answer],
        options=["True", "False"],
        feedback=feedback,
        explanation=explanation,
    )


@dataclass(frozen=True)
class _Answer:
    mark: str
    text: str
    note: str
    offset: int


def _split_answers(inside: str, offset: int) -> list[_Answer]:
    """Each ``=`` or ``~`` answer with its feedback and where it starts."""
    answers = []
    starts = [m.start() for m in _ANSWER_START_RE.finditer(inside)]
    for start, end in zip(starts, [*starts[1:], len(inside)], strict=True):
        mark, rest = inside[start], inside[start + 1 : end].strip()
        weight = _WEIGHT_RE.match(rest)
        if weight:
            value = float(weight.group(1))
            if (mark == "=" and value != 100) or (mark == "~" and 0 < value < 100):
                raise _Problem(offset + start, "partial credit (%…%) is not supported")
            mark = "=" if value == 100 else "~"
            rest = rest[weight.end() :]
        text, _, note = rest.partition("#")
        answers.append(_Answer(mark, _clean(text), _clean(note), offset + start))
    return answers


def _matching(text: _Text, answers: list[_Answer], offset: int, explanation: str):
    if text.is_missing_word:
        raise _Problem(offset, "matching answers cannot stand inside the sentence")
    pairs = []
    for answer in answers:
        if "->" not in answer.text:
            raise _Problem(answer.offset, f"matching pair without -> (“{answer.text}”)")
        left, right = (part.strip() for part in answer.text.split("->", 1))
        if not left or not right:
            raise _Problem(answer.offset, f"matching pair with an empty side (“{answer.text}”)")
        pairs.append([left, right])
    if len(pairs) < 2:
        raise _Problem(offset, "a matching question needs at least two pairs")
    return GiftQuestion(
        line=0,
        kind="matching",
        prompt=text.prompt,
        answer="; ".join(f"{left} — {right}" for left, right in pairs),
        pairs=pairs,
        explanation=explanation,
    )


def _clean(text: str) -> str:
    """Whitespace collapsed, escapes turned back into their characters."""
    return " ".join(text.split()).translate(_RESTORE)


# Writing ------------------------------------------------------------------------------

_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\~=#{}:"} | {"\n": "\\n"})


def escape(text: str) -> str:
    """Text safe inside GIFT: every special character escaped."""
    return text.translate(_SPECIAL)


def write_gift(items: Iterable[Item]) -> tuple[str, int]:
    """The items as GIFT questions, and how many had no GIFT form (ItemKind.gift)."""
    blocks: list[str] = []
    skipped = 0
    for item in items:
        question = _gift_question(item)
        if question is None:
            skipped += 1
            continue
        lines = [f"// {_reference(item)}"] if item.passage_id else []
        lines.append(f"::{escape(item.key)}:: {question}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else ""), skipped


def _reference(item: Item) -> str:
    passage = item.passage
    text = f"{passage.source.title}, passage {passage.ordinal}: {item.get_source_url()}"
    return " ".join(text.split())


def _gift_question(item: Item) -> str | None:
    prompt, answer = item.shown_prompt, item.shown_answer
    general = f" ####{escape(item.shown_explanation)}" if item.shown_explanation else ""
    kind = item.kind_info
    if not kind.gift:
        return None
    if kind.answer_form == MATCHING:
        pairs = " ".join(
            f"={escape(left)} -> {escape(right)}" for left, right in item.extra.get("pairs", [])
        )
        return f"{escape(prompt)} {{{pairs}{general}}}"
    if kind.fixed_options:
        return f"{escape(prompt)} {{{'T' if answer == 'True' else 'F'}{general}}}"
    if item.shown_options and answer in item.shown_options:
        answers = " ".join(
            f"{'=' if option == answer else '~'}{escape(option)}" for option in item.shown_options
        )
    else:
        answers = " ".join(f"={escape(text)}" for text in item.accepted_answers)
    if BLANK in prompt and prompt.startswith(FILL_IN):
        # Missing word: the answers stand where the blank was, spacing kept.
        head, _, tail = prompt.removeprefix(FILL_IN).partition(BLANK)
        return f"{escape(head)}{{{answers}{general}}}{escape(tail)}"
    return f"{escape(prompt)} {{{answers}{general}}}"
