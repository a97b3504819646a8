"""Save an imported term list or GIFT file as a Source of passages and approved bank items.

Every imported question gets a passage holding its text in readable form, so an
imported item links back to where it came from just as a generated one does. A set
belongs to the teacher who imported it: the teacher and the set title find its Source and
are part of every key, so the same teacher importing again under the same title updates
its items instead of adding copies, and another teacher's set with that title is a Source
of its own that cannot touch the first. Items the new file no longer has are retired, not
deleted, so learners' cards keep their history.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from quizapp.bank.models import Item
from quizapp.bank.pinning import WORDING_FIELDS, items_in_attempted_quizzes, keep_for_quizzes
from quizapp.exchange.gift import GiftQuestion, parse_gift
from quizapp.exchange.problems import ImportProblems, at_line
from quizapp.exchange.term_lists import TermPair, parse_term_list
from quizapp.library.folding import fold
from quizapp.library.models import Passage, Source
from quizapp.text_files import NotUtf8Text, decode_text

MAX_BYTES = 1024 * 1024
# A definition short enough to type is asked as a typed question; a longer one is a
# card the learner reveals and grades, as the generator's definition cards are.
TYPABLE_LENGTH = 60
FORMATS = {
    "quizlet": "Quizlet list (term and definition separated by a tab or comma)",
    "csv": "CSV with a header row (term,definition)",
    "gift": "Moodle GIFT",
}


@dataclass
class Draft:
    """One item to save, with the passage text that shows where it came from."""

    line: int
    identity: str
    kind: str
    prompt: str
    answer: str
    passage_text: str
    span: tuple[int, int]
    accepted: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    explanation: str = ""


@dataclass(frozen=True)
class ImportResult:
    source: Source
    created: int
    updated: int
    retired: int

    @property
    def imported(self) -> int:
        return self.created + self.updated


def read_upload(data: bytes, claimed: str) -> str:
    """The upload as text, refusing what is too big, not UTF-8, or not the claimed format."""
    if len(data) > MAX_BYTES:
        raise ImportProblems([f"the file is larger than 1 MB ({len(data):,} bytes)"])
    try:
        text = decode_text(data)
    except NotUtf8Text as refused:
        raise ImportProblems([str(refused)]) from None
    head = text.lstrip()[:500].lower()
    if head.startswith(("<!doctype", "<html", "<?xml")) or "<body" in head:
        raise ImportProblems(["this is an HTML or XML page, not a term list or GIFT file"])
    if claimed != "gift" and _looks_like_gift(text):
        raise ImportProblems(["this looks like a Moodle GIFT file; choose GIFT as the format"])
    return text


def _looks_like_gift(text: str) -> bool:
    return any(marker in text for marker in ("{=", "{~", "{T}", "{F}", "{TRUE}", "{FALSE}"))


def import_term_list(
    text: str, *, title: str, user: AbstractBaseUser, header: bool, filename: str = ""
) -> ImportResult:
    """A Quizlet list (header False) or CSV with a header (True), all pairs or none."""
    pairs = parse_term_list(text, header=header)
    label = FORMATS["csv" if header else "quizlet"]
    return save_drafts([_term_draft(pair) for pair in pairs], title, user, label, filename)


def import_gift(
    text: str, *, title: str, user: AbstractBaseUser, filename: str = ""
) -> ImportResult:
    """A Moodle GIFT file, all questions or none."""
    drafts = [_gift_draft(question) for question in parse_gift(text)]
    return save_drafts(drafts, title, user, FORMATS["gift"], filename)


def _term_draft(pair: TermPair) -> Draft:
    """Quizlet shows the term and asks for the definition: so does the card."""
    text = f"{pair.term} — {pair.definition}"
    typable = len(pair.definition) <= TYPABLE_LENGTH
    return Draft(
        line=pair.line,
        identity=fold(pair.term),
        kind=Item.Kind.QA if typable else Item.Kind.DEFINITION,
        prompt=pair.term,
        answer=pair.definition,
        accepted=[pair.definition] if typable else [],
        passage_text=text,
        span=(len(text) - len(pair.definition), len(text)),
        extra={"evidence": [pair.definition]},
    )


def _gift_draft(question: GiftQuestion) -> Draft:
    extra: dict = {"evidence": question.accepted or [question.answer]}
    extra |= {"title": question.title} if question.title else {}
    extra |= {"category": question.category} if question.category else {}
    extra |= {"feedback": question.feedback} if question.feedback else {}
    if question.kind == "matching":
        extra["pairs"] = question.pairs
    if question.kind == "mcq":
        extra |= {"distractors": question.distractors, "answer_names": [question.answer]}
    if question.kind == "cloze":
        extra["blank"] = question.answer
    if question.kind == "true_false":
        extra["claim"] = question.prompt
    passage_text, span = _readable(question)
    identity = question.title or question.prompt
    if question.kind == "matching" and not question.title:
        identity += "|" + "|".join(left for left, _ in question.pairs)
    return Draft(
        line=question.line,
        identity=identity,
        kind=question.kind,
        prompt=question.prompt,
        answer=question.answer,
        accepted=question.accepted,
        options=question.options,
        extra=extra,
        explanation=question.explanation,
        passage_text=passage_text,
        span=span,
    )


def _readable(question: GiftQuestion) -> tuple[str, tuple[int, int]]:
    """The question and its answers as a sentence or two, and where the answer stands."""
    head = f"{question.prompt} "
    if question.kind == "matching":
        body = "Pairs: " + "; ".join(f"{left} — {right}" for left, right in question.pairs)
        return f"{head}{body}.", (len(head) + len("Pairs: "), len(head) + len(body))
    if question.kind == "true_false":
        text = f"{head}Answer: {question.answer}."
        return text, (0, len(text) - 1)
    start = len(head) + len("Answer: ")
    text = f"{head}Answer: {question.answer}."
    others = [a for a in question.accepted if a != question.answer]
    if question.distractors:
        text += " Wrong choices: " + "; ".join(question.distractors) + "."
    elif others:
        text += " Also accepted: " + "; ".join(others) + "."
    if question.explanation:
        text += f" {question.explanation}"
    return text, (start, start + len(question.answer))


def save_drafts(
    drafts: list[Draft], title: str, user: AbstractBaseUser, label: str, filename: str = ""
) -> ImportResult:
    """Check everything, then save the Source, its passages and the items in one transaction."""
    title = " ".join(title.split())
    keys = [item_key(user, title, draft.identity) for draft in drafts]
    problems = _duplicates(drafts, keys)
    slug = source_slug(title, user)
    taken = Source.objects.filter(slug=slug, from_content=True).exists()
    if taken:
        problems.append(f"the set title “{title}” belongs to a reading; choose another title")
    if not title:
        problems.append("the set needs a title")
    if problems:
        raise ImportProblems(problems)
    with transaction.atomic():
        source = _source(slug, title, user, label, filename, len(drafts))
        return _save_items(source, drafts, keys)


def item_key(owner: AbstractBaseUser, title: str, identity: str) -> str:
    digest = hashlib.blake2b(f"{title}\n{identity}".encode(), digest_size=12).hexdigest()
    return f"import:{owner.pk}:{digest}"


def source_slug(title: str, owner: AbstractBaseUser) -> str:
    """Readable, and unique to the teacher and the exact title even where slugify drops
    letters."""
    digest = hashlib.blake2b(f"{owner.pk}\n{title}".encode(), digest_size=4).hexdigest()
    return f"import-{slugify(title)[:80] or 'set'}-{digest}"


def _duplicates(drafts: list[Draft], keys: list[str]) -> list[str]:
    first: dict[str, int] = {}
    problems = []
    for draft, key in zip(drafts, keys, strict=True):
        if key in first:
            problems.append(
                at_line(
                    draft.line,
                    f"the same question as line {first[key]}; give each its own ::title::",
                )
            )
        first.setdefault(key, draft.line)
    return problems


def _source(slug, title, user, label, filename, count: int) -> Source:
    now = timezone.now()
    by = user.get_username()
    origin = f" from {filename}" if filename else ""
    fields = {
        "title": title[:300],
        "summary": f"{count} questions imported{origin} by {by} on {now:%d %B %Y} ({label}).",
        "citation": f"a file{origin} imported by {by}",
    }
    # Found by owner and title, not slug: a set imported before sets had owners keeps the
    # slug (and address) it was given then.
    mine = Source.objects.filter(imported_by=user, title=fields["title"], from_content=False)
    source = mine.exclude(kind=Source.Kind.ARTICLE).select_for_update().first()
    if source is None:
        # A new set goes after the readings in the library's list, not among them.
        return Source.objects.create(
            slug=slug, imported_by=user, order=Source.next_order(), **fields
        )
    for name, value in fields.items():
        setattr(source, name, value)
    source.save(update_fields=list(fields))
    return source


def _save_items(source: Source, drafts: list[Draft], keys: list[str]) -> ImportResult:
    retired = (
        Item.objects.filter(passage__source=source, origin=Item.Origin.IMPORTED)
        .exclude(key__in=keys)
        .update(retired_at=timezone.now())
    )
    source.passages.all().delete()
    passages = Passage.objects.bulk_create(_passages(source, drafts))
    existing = {item.key: item for item in Item.objects.filter(key__in=keys)}
    attempted = items_in_attempted_quizzes()
    new, changed = [], []
    for draft, key, passage in zip(drafts, keys, passages, strict=True):
        item = existing.get(key) or Item(key=key, status=Item.Status.APPROVED)
        before = _wording(item)
        _fill(item, draft, passage)
        # A quiz students have attempted keeps the wording they answered.
        if item.pk in attempted and _wording(item) != before:
            keep_for_quizzes(item)
        (changed if item.pk else new).append(item)
    Item.objects.bulk_create(new)
    Item.objects.bulk_update(changed, [*UPDATED_FIELDS, "updated_at"])
    return ImportResult(source, created=len(new), updated=len(changed), retired=retired)


UPDATED_FIELDS = [
    "kind",
    "prompt",
    "answer",
    "accepted",
    "options",
    "extra",
    "explanation",
    "passage",
    "start",
    "end",
    "origin",
    "retired_at",
]


def _passages(source: Source, drafts: Iterable[Draft]) -> list[Passage]:
    passages = []
    for ordinal, draft in enumerate(drafts, start=1):
        passage = Passage(source=source, ordinal=ordinal, text=draft.passage_text)
        passage.refold()
        passages.append(passage)
    return passages


def _wording(item: Item) -> list:
    return [getattr(item, name) for name in sorted(WORDING_FIELDS)]


def _fill(item: Item, draft: Draft, passage: Passage) -> None:
    """The file's version of the item; a teacher's status and rewording are kept."""
    item.kind, item.prompt, item.answer = draft.kind, draft.prompt, draft.answer
    item.accepted, item.options, item.extra = draft.accepted, draft.options, draft.extra
    item.explanation = draft.explanation
    item.passage, (item.start, item.end) = passage, draft.span
    item.origin, item.retired_at = Item.Origin.IMPORTED, None
    item.updated_at = timezone.now()
