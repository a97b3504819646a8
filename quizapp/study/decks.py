"""What a learner chooses to study: everything, one reading, one concept, or what a
teacher assigned (the material a quiz set for one of the learner's classes tests)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from quizapp.bank.models import Item
from quizapp.library.models import Concept, Source


@dataclass(frozen=True)
class Deck:
    kind: str  # "all" | "source" | "concept" | "assigned"
    slug: str = ""
    label: str = "Everything"

    @property
    def value(self) -> str:
        return "all" if self.kind == "all" else f"{self.kind}:{self.slug}"

    def items(self, items: QuerySet[Item]) -> QuerySet[Item]:
        if self.kind == "source":
            return items.filter(passage__source__slug=self.slug)
        if self.kind == "concept":
            return items.filter(pk__in=Item.objects.filter(concepts__slug=self.slug).values("pk"))
        if self.kind == "assigned":
            return items.filter(pk__in=_assigned_items(int(self.slug)))
        return items

    def cards(self, cards):
        if self.kind == "all":
            return cards
        return cards.filter(item__in=self.items(Item.objects.all()).values("pk"))


EVERYTHING = Deck("all")


def _assigned_items(quiz_pk: int) -> QuerySet[Item]:
    """The quiz's own items, and every card on the facts and concepts they test."""
    in_quiz = Item.objects.filter(quiz_uses__quiz_id=quiz_pk)
    same_fact = Q(fact__in=in_quiz.filter(fact__isnull=False).values("fact"))
    same_concept = Q(
        fact__isnull=True,
        pk__in=Item.objects.filter(concepts__in=in_quiz.values("concepts")).values("pk"),
    )
    return Item.objects.filter(Q(pk__in=in_quiz.values("pk")) | same_fact | same_concept).values(
        "pk"
    )


def _assigned_deck(quiz) -> Deck:
    return Deck("assigned", str(quiz.pk), f"Assigned: {quiz.title}")


def assigned_decks(user, most: int | None = None) -> list[Deck]:
    """One deck per quiz set for a class the learner is in (the ``most`` newest), newest first."""
    from quizapp.quizzes.models import Quiz

    quizzes = Quiz.objects.assigned_to(user).order_by("-pk").only("title")
    return [_assigned_deck(quiz) for quiz in quizzes[:most]]


def parse_deck(value: str | None, user=None) -> Deck | None:
    """``all``, ``source:<slug>``, ``concept:<slug>`` or ``assigned:<quiz id>``;
    None when it names nothing, or a quiz not set for ``user``'s classes."""
    if not value or value == "all":
        return EVERYTHING
    kind, _, slug = value.partition(":")
    if kind == "source":
        source = Source.objects.filter(slug=slug).only("title").first()
        return Deck("source", slug, source.title) if source else None
    if kind == "concept":
        concept = Concept.objects.filter(slug=slug).only("name").first()
        return Deck("concept", slug, concept.name) if concept else None
    if kind == "assigned" and user is not None and slug.isascii() and slug.isdigit():
        # Read on every review of the deck: the one quiz, not all those set for the learner.
        from quizapp.quizzes.models import Quiz

        quiz = Quiz.objects.assigned_to(user).filter(pk=slug).only("title").first()
        return _assigned_deck(quiz) if quiz else None
    return None
