"""Write validated content records to the database, changing only what differs.

Records are matched by slug (sources, concepts, facts) or by position (passages),
so an edited fact is updated in place and keeps its primary key: the question
bank and learners' cards that point at it survive a reload. Anything that came
from content/ but is no longer there is deleted; imported articles are left alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from quizapp.library.content.records import ContentBundle, PartialDate, Problem
from quizapp.library.folding import fold, fold_names
from quizapp.library.models import Concept, Fact, Mention, Passage, Source


@dataclass
class SyncReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    totals: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated or +self.deleted)

    def summary(self) -> str:
        """What changed, in a line: "created: 1 facts; updated: 2 concepts"."""
        parts = []
        for label, counter in (
            ("created", self.created),
            ("updated", self.updated),
            ("deleted", self.deleted),
        ):
            if +counter:
                what = ", ".join(f"{n} {name}" for name, n in sorted(counter.items()) if n)
                parts.append(f"{label}: {what}")
        return "; ".join(parts)


def _date_fields(value: PartialDate | None, date_name: str, precision_name: str) -> dict:
    if value is None:
        return {date_name: None, precision_name: "day"}
    return {date_name: value.value, precision_name: value.precision}


def _upsert(model, report: SyncReport, label: str, lookup: dict, values: dict):
    """Create or update one row; count it only when something really changed."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        report.created[label] += 1
        obj = model.objects.create(**lookup, **values)
        obj.just_created = True
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        report.updated[label] += 1
    return obj


def _set_m2m(obj, attr: str, wanted: set[int], report: SyncReport, label: str) -> bool:
    manager = getattr(obj, attr)
    current = set(manager.values_list("pk", flat=True))
    if current == wanted:
        return False
    manager.set(wanted)
    if not getattr(obj, "just_created", False):
        report.updated[label] += 1
    return True


def unpruned_deletions(bundle: ContentBundle) -> list[Problem]:
    """A facts file emptied by mistake would delete its reading's facts, and the items and
    cards made from them; deleting them that way needs --prune."""
    problems = []
    for file, slug in bundle.empty_fact_files.items():
        facts = Fact.objects.filter(from_content=True, passage__source__slug=slug).count()
        if facts:
            problems.append(
                Problem(
                    file,
                    1,
                    f"the file has no facts: loading it would delete the {facts} facts of "
                    f"'{slug}'; run with --prune to delete them",
                )
            )
    return problems


@transaction.atomic
def sync_content(bundle: ContentBundle) -> SyncReport:
    """Make the database match ``bundle``, in one transaction."""
    report = SyncReport()
    passages = _sync_sources(bundle, report)
    concepts = _sync_concepts(bundle, report)
    _sync_mentions(bundle, passages, concepts, report)
    _sync_facts(bundle, passages, concepts, report)
    report.totals.update(
        sources=len(bundle.sources),
        passages=len(passages),
        concepts=len(concepts),
        mentions=len(bundle.mentions),
        facts=len(bundle.facts),
    )
    return report


def _sync_sources(bundle: ContentBundle, report: SyncReport) -> dict[tuple[str, int], Passage]:
    passages: dict[tuple[str, int], Passage] = {}
    for record in bundle.sources:
        source = _upsert(
            Source,
            report,
            "sources",
            {"slug": record.slug},
            {
                "title": record.title,
                "kind": Source.Kind.READING,
                "order": record.order,
                "summary": record.summary,
                "author": "quizapp editors",
                "original_title": record.original_title,
                "outlet": record.outlet,
                "citation": record.citation,
                "url": record.url,
                "from_content": True,
                **_date_fields(record.published, "published", "published_precision"),
            },
        )
        for p in record.passages:
            passages[record.slug, p.ordinal] = _upsert(
                Passage,
                report,
                "passages",
                {"source": source, "ordinal": p.ordinal},
                {"text": p.text, "folded": fold(p.text)},
            )
        extra = source.passages.filter(ordinal__gt=len(record.passages))
        report.deleted["passages"] += extra.delete()[1].get("library.Passage", 0)
    stale = Source.objects.filter(from_content=True).exclude(
        slug__in=[s.slug for s in bundle.sources]
    )
    report.deleted["sources"] += stale.delete()[1].get("library.Source", 0)
    return passages


def _sync_concepts(bundle: ContentBundle, report: SyncReport) -> dict[str, Concept]:
    concepts: dict[str, Concept] = {}
    for record in bundle.concepts:
        concepts[record.slug] = _upsert(
            Concept,
            report,
            "concepts",
            {"slug": record.slug},
            {
                "name": record.name,
                "kind": record.kind,
                "role": record.role,
                "aliases": record.aliases,
                "definition": record.definition,
                "explanation": record.explanation,
                "folded": fold_names(record.names),
                "from_content": True,
            },
        )
    _sync_related(bundle, concepts, report)
    stale = Concept.objects.filter(from_content=True).exclude(slug__in=concepts)
    report.deleted["concepts"] += stale.delete()[1].get("library.Concept", 0)
    return concepts


def _sync_related(bundle: ContentBundle, concepts: dict[str, Concept], report: SyncReport):
    """Relations are symmetrical: the through table holds each pair both ways."""
    through = Concept.related.through
    stated = {(concepts[r.slug].pk, concepts[s].pk) for r in bundle.concepts for s in r.related}
    stated |= {(b, a) for a, b in stated}
    rows = through.objects.filter(from_concept_id__in=[c.pk for c in concepts.values()])
    existing = set(rows.values_list("from_concept_id", "to_concept_id"))
    if existing == stated:
        return
    rows.delete()
    through.objects.bulk_create(
        [through(from_concept_id=a, to_concept_id=b) for a, b in sorted(stated)]
    )
    counter = report.updated if existing else report.created
    counter["relations"] += len(stated ^ existing) // 2


def _sync_mentions(bundle, passages, concepts, report: SyncReport) -> None:
    wanted = {
        (concepts[m.concept].pk, passages[m.source_slug, m.passage].pk, m.start, m.end)
        for m in bundle.mentions
    }
    passage_ids = [p.pk for p in passages.values()]
    existing = {
        (m.concept_id, m.passage_id, m.start, m.end): m.pk
        for m in Mention.objects.filter(passage_id__in=passage_ids)
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    if stale:
        report.deleted["mentions"] += Mention.objects.filter(pk__in=stale).delete()[0]
    new = [
        Mention(concept_id=c, passage_id=p, start=s, end=e)
        for (c, p, s, e) in wanted
        if (c, p, s, e) not in existing
    ]
    Mention.objects.bulk_create(new)
    report.created["mentions"] += len(new)


def _sync_facts(bundle, passages, concepts, report: SyncReport) -> None:
    for record in bundle.facts:
        fact = _upsert(
            Fact,
            report,
            "facts",
            {"slug": record.slug},
            {
                "statement": record.statement,
                "question": record.question,
                "answer": record.answer,
                "answer_kind": record.answer_kind,
                "answer_concept": concepts.get(record.answer_concept),
                "said_by": concepts.get(record.said_by),
                "passage": passages[record.source_slug, record.passage],
                "start": record.start,
                "end": record.end,
                "number": record.number,
                "distractors": record.distractors,
                "members": record.members,
                "ordered": record.ordered,
                "from_content": True,
                **_date_fields(record.date, "date", "date_precision"),
            },
        )
        _set_m2m(fact, "concepts", {concepts[s].pk for s in record.concepts}, report, "facts")
    stale = Fact.objects.filter(from_content=True).exclude(slug__in=[f.slug for f in bundle.facts])
    report.deleted["facts"] += stale.delete()[1].get("library.Fact", 0)
