"""What a learner chooses to study: everything, one reading, or one concept."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from quizapp.bank.models import Item
from quizapp.library.models import Concept, Source


@dataclass(frozen=True)
class Deck:
    kind: str  # "all" | "source" | "concept"
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
        return items

    def cards(self, cards):
        if self.kind == "all":
            return cards
        return cards.filter(item__in=self.items(Item.objects.all()).values("pk"))


EVERYTHING = Deck("all")


def parse_deck(value: str | None) -> Deck | None:
    """``all``, ``source:<slug>`` or ``concept:<slug>``; None when it names nothing."""
    if not value or value == "all":
        return EVERYTHING
    kind, _, slug = value.partition(":")
    if kind == "source":
        source = Source.objects.filter(slug=slug).only("title").first()
        return Deck("source", slug, source.title) if source else None
    if kind == "concept":
        concept = Concept.objects.filter(slug=slug).only("name").first()
        return Deck("concept", slug, concept.name) if concept else None
    return None
