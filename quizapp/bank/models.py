"""The question bank: generated items, kept by stable key, with teachers' edits beside them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from quizapp.generation.kinds import (
    FLASHCARD_KINDS,
    ITEM_KINDS,
    KIND,
    KIND_CHOICES,
    ItemKind,
)
from quizapp.library.models import Concept, Fact, Passage


class ItemQuerySet(models.QuerySet):
    def usable(self) -> ItemQuerySet:
        """Items learners may see: not hidden by a teacher, not retired by regeneration."""
        return self.filter(retired_at__isnull=True).exclude(status=Item.Status.HIDDEN)

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
    # Regeneration owns generated items only; an imported item is never retired by it.
    origin = models.CharField(max_length=10, choices=Origin, default=Origin.GENERATED)
    retired_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when regeneration no longer produces the item."
    )
    # A teacher's wording wins over the generator's and survives regeneration.
    teacher_prompt = models.TextField(blank=True)
    teacher_answer = models.TextField(blank=True)
    teacher_explanation = models.TextField(blank=True)
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
        return bool(self.teacher_prompt or self.teacher_answer or self.teacher_explanation)

    @property
    def span_text(self) -> str:
        return self.passage.text[self.start : self.end] if self.passage else ""
