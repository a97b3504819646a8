"""One export of a deck in one format: what it holds, its bytes and its file name.

Shared by the ``export`` command and the download views, so both write the same files.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from quizapp.bank.models import Item
from quizapp.exchange.anki import write_apkg
from quizapp.exchange.gift import write_gift
from quizapp.exchange.term_lists import term_key, write_term_list
from quizapp.generation.kinds import ANKI_KINDS
from quizapp.quizzes.withheld import withheld_items
from quizapp.study.decks import Deck

FORMATS = ("anki", "csv", "gift")
DELIMITERS = {"tab": "\t", "comma": ","}
# A term list is a set of flashcards: the quiz kinds (options, statements, pairs, sequences)
# have no single term and definition, so it holds the same kinds as an Anki deck.
TERM_LIST_KINDS = ANKI_KINDS


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    content_type: str
    written: int
    skipped: int
    skipped_kinds: dict[str, int] = field(default_factory=dict)
    repeated: int = 0

    def summary(self) -> str:
        """``Wrote 18 items; skipped 7 (mcq 2, true_false 5: not in this format).``"""
        plural = "" if self.written == 1 else "s"
        text = f"Wrote {self.written} item{plural}; skipped {self.skipped}"
        reasons = []
        if self.skipped_kinds:
            kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.skipped_kinds.items()))
            reasons.append(f"{kinds}: not in this format")
        if self.repeated:
            reasons.append(f"{self.repeated} repeating a term already written")
        return text + (f" ({'; '.join(reasons)})" if reasons else "") + "."


def export_items(deck: Deck, learner=None) -> QuerySet[Item]:
    """The deck's approved, usable items, with what the writers read fetched up front;
    for a ``learner``, none withheld from them (quizzes/withheld.py)."""
    approved = Item.objects.usable().filter(status=Item.Status.APPROVED)
    if learner is not None:
        approved = approved.exclude(pk__in=withheld_items(learner, timezone.now()))
    return deck.items(approved).select_related("passage__source").prefetch_related("concepts")


def anki_deck_name(deck: Deck) -> str:
    # "::" nests every exported deck under one "quizapp" parent deck in Anki.
    return f"quizapp::{deck.label}"


def file_stem(deck: Deck) -> str:
    """``quizapp-all``, ``quizapp-source-<slug>``, ``quizapp-concept-<slug>``."""
    return "quizapp-all" if deck.kind == "all" else f"quizapp-{deck.kind}-{deck.slug}"


def build_export(
    fmt: str, deck: Deck, *, delimiter: str = "tab", base_url: str = "", learner=None
) -> Export:
    """The whole file in memory, so a failure never leaves half a file behind. A download
    names its ``learner``; the command, run by whoever runs the site, names none."""
    items = list(export_items(deck, learner))
    stem = file_stem(deck)
    repeated = 0
    if fmt == "anki":
        kept, left_out = _split(items, ANKI_KINDS)
        out = io.BytesIO()
        written = write_apkg(kept, out, deck_name=anki_deck_name(deck), base_url=base_url)
        content, name, kind = out.getvalue(), f"{stem}.apkg", "application/apkg"
    elif fmt == "csv":
        kept, left_out = _split(items, TERM_LIST_KINDS)
        unique = _first_of_each_term(kept)
        repeated = len(kept) - len(unique)
        comma = DELIMITERS[delimiter] == ","
        text = write_term_list(unique, delimiter=DELIMITERS[delimiter], header=comma)
        written, content = len(unique), text.encode()
        name, kind = (
            (f"{stem}.csv", "text/csv") if comma else (f"{stem}.tsv", "text/tab-separated-values")
        )
    elif fmt == "gift":
        text, skipped = write_gift(items)
        written, content, left_out = len(items) - skipped, text.encode(), {}
        name, kind = f"{stem}.gift.txt", "text/plain"
    else:
        raise ValueError(f"Unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}.")
    if kind.startswith("text/"):
        kind += "; charset=utf-8"
    return Export(content, name, kind, written, len(items) - written, left_out, repeated)


def _split(items: list[Item], kinds: tuple[str, ...]) -> tuple[list[Item], dict[str, int]]:
    """The items of these kinds, and how many of each other kind were left out."""
    kept = [item for item in items if item.kind in kinds]
    return kept, dict(Counter(item.kind for item in items if item.kind not in kinds))


def _first_of_each_term(items: list[Item]) -> list[Item]:
    """One card per term: a fact's question is both a qa and a short_answer item, and
    Quizlet (like our own importer) takes a repeated term for a mistake."""
    seen: set[str] = set()
    unique = []
    for item in items:
        term = term_key(item.shown_prompt)
        if term not in seen:
            seen.add(term)
            unique.append(item)
    return unique
