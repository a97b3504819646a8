"""The question bank: generated items, kept by stable key, with teachers' edits beside them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from quizapp.generation.kinds import (
    FLASHCARD_KINDS,
    ITEM_KINDS,
    KIND,
    KIND_CHOICES,
    ItemKind,
)
from quizapp.library.models import Concept, Fact, Passage


class Regeneration(models.Model):
    """One background run of regeneration: why it was asked for, when, and what it changed.

    A run is queued by an admin's save or a loadcontent that changed something, and done by
    the task worker; the bank page shows the latest, so a teacher sees what moved.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    # The item lists each change links to; kept short, the counts say how many in all.
    CHANGES = ("created", "updated", "retired")
    LINKS_KEPT = 50

    reason = models.TextField(help_text="What was saved; several requests queued at once.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now, help_text="When last asked for.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    task_id = models.CharField(max_length=64, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    retired = models.PositiveIntegerField(default=0)
    unapproved = models.PositiveIntegerField(default=0)
    # Questions of quizzes with attempts moved to a copy before their item changed.
    pinned = models.PositiveIntegerField(default=0)
    # {"created": [item ids], "updated": [...], "retired": [...]}, the first LINKS_KEPT of each.
    items = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        get_latest_by = ["requested_at", "pk"]

    def __str__(self) -> str:
        return f"Regeneration {self.pk} ({self.get_status_display()}): {self.reason[:60]}"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def changes(self) -> list[tuple[str, int, list[Item]]]:
        """(label, how many, the items kept for links) for new, updated and retired items."""
        labels = {"created": "new", "updated": "updated", "retired": "retired"}
        ids = [pk for name in self.CHANGES for pk in self.items.get(name, [])]
        found = Item.objects.in_bulk(ids)
        return [
            (
                labels[name],
                getattr(self, name),
                [found[pk] for pk in self.items.get(name, []) if pk in found],
            )
            for name in self.CHANGES
        ]


class ItemQuerySet(models.QuerySet):
    def usable(self) -> ItemQuerySet:
        """Items learners may see: not hidden by a teacher, not retired by regeneration,
        not a copy kept for the quizzes that used an item's earlier wording."""
        return (
            self.filter(retired_at__isnull=True)
            .exclude(status=Item.Status.HIDDEN)
            .exclude(origin=Item.Origin.KEPT)
        )

    def in_bank(self) -> ItemQuerySet:
        """What teachers browse: everything but the copies kept for quizzes."""
        return self.exclude(origin=Item.Origin.KEPT)

    def approved(self) -> ItemQuerySet:
        """Usable items a teacher (or the demo) has approved for learners."""
        return self.usable().filter(status=Item.Status.APPROVED)

    def for_flashcards(self) -> ItemQuerySet:
        """Approved items of the kinds students study as cards, one card per fact or
        concept (the generator's choice, ``study_card``)."""
        return self.approved().filter(kind__in=FLASHCARD_KINDS, study_card=True)

    def search(self, query: str) -> ItemQuerySet:
        condition = Q()
        for word in query.split()[:8]:
            condition &= (
                Q(prompt__icontains=word)
                | Q(answer__icontains=word)
                | Q(teacher_prompt__icontains=word)
                | Q(teacher_answer__icontains=word)
            )
        return self.filter(condition)


class Item(models.Model):
    """One generated question or card; ``key`` says what it tests and never changes."""

    # Item.Kind.QA and the like, built from the one table of kinds (generation/kinds.py).
    Kind = models.TextChoices("Kind", [(k.value.upper(), (k.value, k.label)) for k in ITEM_KINDS])

    class Status(models.TextChoices):
        GENERATED = "generated", "Generated"
        APPROVED = "approved", "Approved"
        HIDDEN = "hidden", "Hidden"

    class Origin(models.TextChoices):
        GENERATED = "generated", "Generated from the library"
        IMPORTED = "imported", "Imported from a file"
        KEPT = "kept", "Kept for quizzes that used an earlier wording"

    # What a teacher may do to an item's status; each has its opposite as its undo.
    STATUS_ACTIONS = ("approve", "unapprove", "hide", "unhide")

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    prompt = models.TextField()
    answer = models.TextField()
    accepted = models.JSONField(default=list, blank=True)
    options = models.JSONField(default=list, blank=True)
    extra = models.JSONField(default=dict, blank=True)
    explanation = models.TextField(blank=True)
    # The generator's choice of the one flashcard learners study for a fact or a concept;
    # its other forms are for quizzes. Imported items are each their own card.
    study_card = models.BooleanField(default=True)
    passage = models.ForeignKey(Passage, null=True, on_delete=models.SET_NULL, related_name="items")
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)
    fact = models.ForeignKey(Fact, null=True, blank=True, on_delete=models.SET_NULL)
    concepts = models.ManyToManyField(Concept, blank=True, related_name="items")
    status = models.CharField(max_length=10, choices=Status, default=Status.GENERATED)
    # Hiding keeps the review: unhiding an approved item makes it approved again, so a
    # hide and an unhide never silently drop it from decks and the builder.
    status_before_hiding = models.CharField(
        max_length=10,
        choices=[(Status.GENERATED, "Generated"), (Status.APPROVED, "Approved")],
        default=Status.GENERATED,
        db_default=Status.GENERATED,  # rows written in SQL (bench/seed.py) get it too
    )
    # Regeneration owns generated items only; an imported item is never retired by it.
    origin = models.CharField(max_length=10, choices=Origin, default=Origin.GENERATED)
    # Set on a kept copy: the item whose earlier wording it keeps (see bank/pinning.py).
    kept_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="kept_copies"
    )
    retired_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when regeneration no longer produces the item."
    )
    # A teacher's wording wins over the generator's and survives regeneration.
    teacher_prompt = models.TextField(blank=True)
    teacher_answer = models.TextField(blank=True)
    teacher_explanation = models.TextField(blank=True)
    # A teacher's own options for a multiple-choice item, right answer among them.
    teacher_options = models.JSONField(default=list, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["passage__source__order", "passage__ordinal", "kind", "key"]
        indexes = [
            models.Index(fields=["kind", "status"]),
            # The few items a learner may not be shown: the study queue reads them as one
            # small list instead of looking up every counted card's item.
            models.Index(
                fields=["id"],
                condition=Q(retired_at__isnull=False) | Q(status="hidden"),
                name="bank_item_not_shown_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.shown_prompt[:60]}"

    def get_source_url(self) -> str:
        """The cited passage, with the item's span highlighted."""
        if self.passage is None:
            return ""
        return self.passage.span_url(self.start, self.end)

    @property
    def shown_prompt(self) -> str:
        return self.teacher_prompt or self.prompt

    @property
    def shown_answer(self) -> str:
        return self.teacher_answer or self.answer

    @property
    def shown_explanation(self) -> str:
        return self.teacher_explanation or self.explanation

    @property
    def shown_options(self) -> list[str]:
        return list(self.teacher_options or self.options)

    @property
    def accepted_answers(self) -> list[str]:
        """What typed answers are graded against. A teacher's answer replaces the
        generated ones: a teacher who corrects an answer means the old one is wrong."""
        if self.teacher_answer:
            return [self.teacher_answer]
        return list(dict.fromkeys([self.answer, *self.accepted]))

    @property
    def kind_info(self) -> ItemKind:
        """How this item's kind is studied, answered and exported: what templates branch on."""
        return KIND[self.kind]

    @property
    def is_typable(self) -> bool:
        return self.kind_info.typable

    @property
    def is_edited(self) -> bool:
        return bool(
            self.teacher_prompt
            or self.teacher_answer
            or self.teacher_explanation
            or self.teacher_options
        )

    @property
    def is_hidden(self) -> bool:
        return self.status == self.Status.HIDDEN

    @property
    def is_approved(self) -> bool:
        """Approved, whether or not it is hidden for now."""
        return self.review_status == self.Status.APPROVED

    @property
    def review_status(self) -> str:
        return self.status_before_hiding if self.is_hidden else self.status

    @property
    def status_label(self) -> str:
        """A hidden item also says whether it comes back approved."""
        label = self.get_status_display()
        return f"{label}, approved" if self.is_hidden and self.is_approved else label

    def apply_action(self, action: str) -> None:
        """Approve, unapprove, hide or unhide: each lands in one state whatever came
        before, so pressing a button twice does what pressing it once did."""
        if action == "hide" and not self.is_hidden:
            self.status_before_hiding, self.status = self.status, self.Status.HIDDEN
        elif action == "unhide" and self.is_hidden:
            self.status = self.status_before_hiding
        elif action in ("approve", "unapprove"):
            review = self.Status.APPROVED if action == "approve" else self.Status.GENERATED
            if self.is_hidden:
                self.status_before_hiding = review
            else:
                self.status = review

    @property
    def span_text(self) -> str:
        return self.passage.text[self.start : self.end] if self.passage else ""
