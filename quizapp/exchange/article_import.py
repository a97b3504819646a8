"""Save a confirmed article: its source, passages, concepts, mentions and facts, then
generate the new source's items so they wait in the bank for the teacher's review.

An import adds and never rewrites: the items of every other reading stay as the teacher
approved them (the bank is synced for the new source only), and the confirmed new concepts
are linked in older readings only where no mention is there already.

Everything is checked before anything is written, and the whole import is one
transaction: a failure halfway leaves the library and the bank as they were.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify

from quizapp.bank.library_input import load_library
from quizapp.bank.models import Item
from quizapp.bank.regeneration import sync_bank
from quizapp.exchange.article_text import ArticleError
from quizapp.exchange.candidates import Candidate, FactCandidate
from quizapp.generation.pipeline import generate_bank
from quizapp.library.folding import fold
from quizapp.library.mentions import MentionFinder, contains_folded
from quizapp.library.models import Concept, DatePrecision, Fact, Mention, Passage, Source

SLUG_LENGTH = 120


@dataclass
class ImportReport:
    source: Source
    concepts: list[Concept] = field(default_factory=list)
    reused: list[Concept] = field(default_factory=list)  # already in the library by name
    facts: int = 0
    items: int = 0  # bank items citing the new source
    rejected: int = 0  # generated items the validators dropped, library-wide


def slug_for(text: str) -> str:
    """A slug that keeps Vietnamese letters readable: "Nguyễn Đình Lộc" → nguyen-dinh-loc
    (slugify alone drops "Đ", which has no ASCII decomposition)."""
    return slugify(fold(text))


def source_slug(title: str) -> str:
    """The slug a title gives; raises ArticleError if it gives none or it is taken."""
    slug = slug_for(title)[:SLUG_LENGTH].strip("-")
    if not slug:
        raise ArticleError("The title must contain letters or digits.")
    if Source.objects.filter(slug=slug).exists():
        raise ArticleError(f"A source with the slug “{slug}” already exists; choose another title.")
    return slug


def check_concept(candidate: Candidate) -> list[str]:
    """What is wrong with a confirmed concept, as messages for the teacher."""
    problems = []
    if not candidate.name.strip():
        problems.append("A concept needs a name.")
    if len(candidate.name) > 200:
        problems.append(f"The name “{candidate.name[:40]}…” is longer than 200 characters.")
    if candidate.kind not in Concept.Kind.values:
        problems.append(f"“{candidate.name}”: unknown kind “{candidate.kind}”.")
    if not candidate.definition.strip():
        problems.append(f"“{candidate.name}” needs a definition.")
    named = [n for n in candidate.names if n.strip() and contains_folded(candidate.definition, n)]
    if named:
        problems.append(
            f"The definition of “{candidate.name}” must not name it (it says “{named[0]}”)."
        )
    return problems


@transaction.atomic
def import_article(
    *,
    title: str,
    url: str,
    passages: list[str],
    concepts: list[Candidate],
    facts: list[FactCandidate],
) -> ImportReport:
    """Create the source and what the teacher confirmed; regenerate the bank."""
    title = title.strip()
    if not title:
        raise ArticleError("The article needs a title.")
    if len(title) > 300:
        raise ArticleError("The title is longer than 300 characters.")
    slug = source_slug(title)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ArticleError(f"“{url}” is not a valid http(s) address.") from None
    if not passages:
        raise ArticleError("The article has no text to import.")
    problems = [p for c in concepts for p in check_concept(c)]
    if problems:
        raise ArticleError(" ".join(problems))
    for fact in facts:
        if not 0 <= fact.passage < len(passages) or not 0 <= fact.start < fact.end:
            raise ArticleError("A proposed fact refers to a passage that is not there.")

    source = Source.objects.create(
        slug=slug, title=title, kind=Source.Kind.ARTICLE, url=url, order=Source.next_order()
    )
    saved = Passage.objects.bulk_create(
        _passage(source, ordinal, text) for ordinal, text in enumerate(passages, start=1)
    )
    report = ImportReport(source=source)
    _create_concepts(concepts, report)
    finder = Concept.objects.mention_finder()
    slugs = dict(Concept.objects.values_list("slug", "pk"))
    for passage in saved:
        passage.rebuild_mentions(finder, slugs)
    _link_in_older_readings(report.concepts, source)
    report.facts = _create_facts(source, saved, facts)

    result = generate_bank(load_library())
    sync_bank(result, sources={source.slug})
    report.rejected = sum(result.rejected.values())
    report.items = Item.objects.filter(passage__source=source, retired_at__isnull=True).count()
    return report


def _passage(source: Source, ordinal: int, text: str) -> Passage:
    passage = Passage(source=source, ordinal=ordinal, text=text)
    passage.refold()
    return passage


def _create_concepts(candidates: list[Candidate], report: ImportReport) -> None:
    """New concepts, except those the library already has under one of their names: the
    mention finder would give those mentions to the existing concept anyway."""
    existing = {}
    taken = set()
    for concept in Concept.objects.all():
        taken.add(concept.slug)
        for name in concept.names:
            existing.setdefault(fold(name), concept)
    for candidate in candidates:
        known = existing.get(fold(candidate.name))
        if known is not None:
            if known not in report.reused and known not in report.concepts:
                report.reused.append(known)
            continue
        aliases = [a for a in candidate.aliases if fold(a) not in existing]
        concept = Concept(
            slug=_free_slug(candidate.name, taken),
            name=candidate.name.strip(),
            kind=candidate.kind,
            aliases=aliases,
            definition=candidate.definition.strip(),
        )
        concept.refold()
        concept.save()
        for name in concept.names:
            existing.setdefault(fold(name), concept)
        report.concepts.append(concept)


def _link_in_older_readings(concepts: list[Concept], source: Source) -> None:
    """Mentions of the confirmed new concepts in the passages of other sources, where they
    overlap no mention already there: rebuilding those passages could hand a longer new
    name a span an existing concept holds ("Vietnam" inside a new "Communist Party of
    Vietnam"), and their items cite those mentions."""
    if not concepts:
        return
    finder = MentionFinder({c.slug: c.names for c in concepts})
    pk_of = {c.slug: c.pk for c in concepts}
    held = defaultdict(list)
    for passage_id, start, end in Mention.objects.exclude(passage__source=source).values_list(
        "passage_id", "start", "end"
    ):
        held[passage_id].append((start, end))
    new = []
    for passage in Passage.objects.exclude(source=source).only("pk", "text"):
        for slug, start, end in finder.find(passage.text):
            if not any(s < end and start < e for s, e in held[passage.pk]):
                new.append(Mention(concept_id=pk_of[slug], passage=passage, start=start, end=end))
    Mention.objects.bulk_create(new)


def _free_slug(name: str, taken: set[str]) -> str:
    base = slug_for(name)[: SLUG_LENGTH - 4].strip("-") or "concept"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _create_facts(source: Source, passages: list[Passage], facts: list[FactCandidate]) -> int:
    taken = set(Fact.objects.filter(slug__startswith=source.slug).values_list("slug", flat=True))
    mentions = defaultdict(list)  # the passages' mentions, read once rather than per fact
    for mention in Mention.objects.filter(passage__in=passages).select_related("concept"):
        mentions[mention.passage_id].append(mention)
    for fact in facts:
        passage = passages[fact.passage]
        slug = _free_slug(f"{source.slug}-{fact.kind}-{fact.answer}"[:80], taken)
        named = [m for m in mentions[passage.pk] if fact.start <= m.start < fact.end]
        speaker = _speaker(fact, named)
        saved = Fact.objects.create(
            slug=slug,
            statement=fact.statement,
            answer=fact.answer,
            answer_kind=fact.kind,
            passage=passage,
            start=fact.start,
            end=fact.end,
            number=fact.value if fact.kind == "number" else None,
            date=dt.date(fact.value, 1, 1) if fact.kind == "year" else None,
            date_precision=DatePrecision.YEAR,
            said_by=speaker,
            answer_concept=speaker,
        )
        saved.concepts.set({m.concept_id for m in named})
    return len(facts)


def _speaker(fact: FactCandidate, named: list[Mention]) -> Concept | None:
    """The concept a reported claim's speaker is, if the teacher kept one by that name."""
    if not fact.said_by:
        return None
    for mention in named:
        if any(fold(n) == fold(fact.said_by) for n in mention.concept.names):
            return mention.concept
    return None
