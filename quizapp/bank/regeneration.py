"""Write a generation result into the bank without losing anything learners rely on.

Items are matched by key. A changed item is updated in place (same primary key,
so cards and review history that point at it stay); a teacher's edits and status
are never touched; an item the generator no longer produces is retired, not
deleted, and comes back if it is produced again.

An import scopes a sync to its own source: the items of every other reading, approved by
a teacher, stay exactly as they are, even when the new reading would give them another
distractor or a passage to cite.

An edit in the admin or a loadcontent that changed the library asks for a run with
``request_regeneration``; the task worker does it (``bank/tasks.py``) and records on a
``Regeneration`` what changed, which the bank page shows.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from quizapp.bank.library_input import load_library
from quizapp.bank.models import Item, Regeneration
from quizapp.bank.pinning import items_in_attempted_quizzes, keep_for_quizzes
from quizapp.generation.pipeline import GenerationResult, generate_bank
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

logger = logging.getLogger(__name__)


@dataclass
class BankReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    restored: int = 0
    unapproved: int = 0  # approved items whose wording changed, back to "generated"
    pinned: int = 0  # questions of attempted quizzes moved to a kept copy of the old wording
    by_kind: Counter = field(default_factory=Counter)
    # Which items: {"created": [ids], "updated": [ids], "retired": [ids]}.
    item_ids: dict[str, list[int]] = field(
        default_factory=lambda: {name: [] for name in Regeneration.CHANGES}
    )


def regenerate(seed: int = 0) -> tuple[GenerationResult, BankReport]:
    """Generate every item from the library as it is now and write the bank."""
    result = generate_bank(load_library(), seed=seed)
    return result, sync_bank(result)


@transaction.atomic
def request_regeneration(reason: str, user=None) -> Regeneration:
    """Ask the worker to regenerate the bank, in the caller's transaction: the task is
    saved with the edit that needs it, or not at all. A run still waiting in the queue
    takes the new reason instead of a second run, since every run reads the whole library."""
    from quizapp.bank.tasks import regenerate_bank

    waiting = Regeneration.objects.select_for_update().filter(status=Regeneration.Status.QUEUED)
    run = waiting.order_by("requested_at", "pk").first()
    if run is not None:
        # Asked for again now: it is the run the bank page shows as the last.
        run.reason, run.requested_at = f"{run.reason}\n{reason}", timezone.now()
        run.save(update_fields=["reason", "requested_at"])
        return run
    run = Regeneration.objects.create(reason=reason, requested_by=user)
    run.task_id = str(regenerate_bank.enqueue(run.pk).id)
    run.save(update_fields=["task_id"])
    return run


def run_regeneration(run_id: int) -> dict[str, int]:
    """The worker's side: claim the queued run, regenerate, record the outcome."""
    claimed = Regeneration.objects.filter(pk=run_id, status=Regeneration.Status.QUEUED).update(
        status=Regeneration.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return {}  # done already (a retried task): nothing to repeat
    run = Regeneration.objects.get(pk=run_id)
    _, report = _recorded(run)
    return record_run(run, report)


def regenerate_now(reason: str, seed: int = 0) -> tuple[GenerationResult, BankReport]:
    """Regenerate in this process (``manage.py generate``), recorded like a worker's run."""
    run = Regeneration.objects.create(
        reason=reason, status=Regeneration.Status.RUNNING, started_at=timezone.now()
    )
    result, report = _recorded(run, seed)
    record_run(run, report)
    return result, report


def _recorded(run: Regeneration, seed: int = 0) -> tuple[GenerationResult, BankReport]:
    """Regenerate; a failure is written on the run, with why, before it propagates."""
    try:
        return regenerate(seed)
    except Exception as exc:
        logger.exception("Regeneration %s failed", run.pk)
        run.status, run.error = Regeneration.Status.FAILED, f"{type(exc).__name__}: {exc}"
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        raise


def record_run(run: Regeneration, report: BankReport) -> dict[str, int]:
    """Write a finished run's counts and item ids on its Regeneration."""
    counts = {
        name: getattr(report, name) for name in (*Regeneration.CHANGES, "unapproved", "pinned")
    }
    for name, value in counts.items():
        setattr(run, name, value)
    run.items = {name: ids[: Regeneration.LINKS_KEPT] for name, ids in report.item_ids.items()}
    run.status, run.finished_at = Regeneration.Status.DONE, timezone.now()
    run.save()
    return counts


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
    attempted = items_in_attempted_quizzes()
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
            report.item_ids["created"].append(item.pk)
        else:
            _update(item, values, report, keep=item.pk in attempted)
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
    report.item_ids["retired"] = gone
    return report


def _values(generated: GeneratedItem, passages: dict, facts: dict) -> dict:
    return {
        **{name: getattr(generated, name) for name in GENERATED_FIELDS},
        "passage_id": passages.get((generated.source, generated.passage)),
        "start": generated.start,
        "end": generated.end,
        "fact_id": facts.get(generated.fact),
    }


def _learner_sees_a_change(item: Item, changed: list[str], fields=REVIEWED_FIELDS) -> bool:
    """A teacher's own wording hides the generator's: only changes that show count."""
    overridden = set()
    if item.teacher_prompt:
        overridden.add("prompt")
    if item.teacher_answer:
        overridden |= {"answer", "accepted"}
    if item.teacher_explanation:
        overridden.add("explanation")
    return bool((set(fields) - overridden) & set(changed))


def _update(item: Item, values: dict, report: BankReport, *, keep: bool = False) -> None:
    changed = [name for name, value in values.items() if getattr(item, name) != value]
    if item.retired_at is not None:
        item.retired_at = None
        changed.append("retired_at")
        report.restored += 1
    if not changed:
        report.unchanged += 1
        return
    # An attempted quiz keeps what its students saw and are graded on.
    if keep and _learner_sees_a_change(item, changed, GENERATED_FIELDS):
        report.pinned += keep_for_quizzes(item)
    for name in changed:
        if name != "retired_at":
            setattr(item, name, values[name])
    if item.status == Item.Status.APPROVED and _learner_sees_a_change(item, changed):
        item.status = Item.Status.GENERATED
        changed.append("status")
        report.unapproved += 1
    item.save(update_fields=[*changed, "updated_at"])
    report.updated += 1
    report.item_ids["updated"].append(item.pk)
