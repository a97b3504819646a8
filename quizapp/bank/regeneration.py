"""Write a generation result into the bank without losing anything learners rely on.

Items are matched by key. A changed item is updated in place (same primary key,
so cards and review history that point at it stay); a teacher's edits and status
are never touched; an item the generator no longer produces is retired, not
deleted, and comes back if it is produced again.

An import scopes a sync to its own source: the items of every other reading, approved by
a teacher, stay exactly as they are, even when the new reading would give them another
distractor or a passage to cite.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from quizapp.bank.models import Item
from quizapp.generation.pipeline import GenerationResult
from quizapp.generation.records import Item as GeneratedItem
from quizapp.library.models import Concept, Fact, Passage

GENERATED_FIELDS = (
    "kind",
    "prompt",
    "answer",
    "accepted",
    "options",
    "extra",
    "explanation",
    "study_card",
)
# A change to what a learner sees or is graded on sends an approved item back for review.
REVIEWED_FIELDS = {"prompt", "answer", "accepted", "options"}


@dataclass
class BankReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    restored: int = 0
    unapproved: int = 0  # approved items whose wording changed, back to "generated"
    by_kind: Counter = field(default_factory=Counter)


@transaction.atomic
def sync_bank(result: GenerationResult, *, sources: set[str] | None = None) -> BankReport:
    """Write ``result`` into the bank; with ``sources``, only items citing those sources
    are created, updated or retired."""
    report = BankReport(by_kind=result.counts)
    passages = {(p.source.slug, p.ordinal): p.pk for p in Passage.objects.select_related("source")}
    scoped = {pk for (slug, _), pk in passages.items() if sources is None or slug in sources}
    concepts = dict(Concept.objects.values_list("slug", "pk"))
    facts = dict(Fact.objects.values_list("slug", "pk"))
    existing = {
        item.key: item
        for item in Item.objects.filter(origin=Item.Origin.GENERATED).prefetch_related("concepts")
    }
    for generated in result.items:
        item = existing.get(generated.key)
        if sources is not None and (
            generated.source not in sources or (item is not None and item.passage_id not in scoped)
        ):
            continue
        values = _values(generated, passages, facts)
        if item is None:
            item = Item.objects.create(key=generated.key, **values)
            report.created += 1
        else:
            _update(item, values, report)
        wanted = {concepts[s] for s in generated.concepts if s in concepts}
        if {c.pk for c in item.concepts.all()} != wanted:
            item.concepts.set(wanted)
    produced = {g.key for g in result.items}
    gone = [
        i.pk
        for key, i in existing.items()
        if key not in produced
        and i.retired_at is None
        and (sources is None or i.passage_id in scoped)
    ]
    report.retired = Item.objects.filter(pk__in=gone).update(retired_at=timezone.now())
    return report


def _values(generated: GeneratedItem, passages: dict, facts: dict) -> dict:
    return {
        **{name: getattr(generated, name) for name in GENERATED_FIELDS},
        "passage_id": passages.get((generated.source, generated.passage)),
        "start": generated.start,
        "end": generated.end,
        "fact_id": facts.get(generated.fact),
    }


def _learner_sees_a_change(item: Item, changed: list[str]) -> bool:
    """A teacher's own wording hides the generator's: only changes that show count."""
    overridden = set()
    if item.teacher_prompt:
        overridden.add("prompt")
    if item.teacher_answer:
        overridden |= {"answer", "accepted"}
    return bool((REVIEWED_FIELDS - overridden) & set(changed))


def _update(item: Item, values: dict, report: BankReport) -> None:
    changed = [name for name, value in values.items() if getattr(item, name) != value]
    if item.retired_at is not None:
        item.retired_at = None
        changed.append("retired_at")
        report.restored += 1
    if not changed:
        report.unchanged += 1
        return
    for name in changed:
        if name != "retired_at":
            setattr(item, name, values[name])
    if item.status == Item.Status.APPROVED and _learner_sees_a_change(item, changed):
        item.status = Item.Status.GENERATED
        changed.append("status")
        report.unapproved += 1
    item.save(update_fields=[*changed, "updated_at"])
    report.updated += 1
