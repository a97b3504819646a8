"""Anki decks (.apkg) of the flashcard-style items, stable across exports so Anki updates notes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import BinaryIO

import genanki

from quizapp.bank.models import Item
from quizapp.generation.citing import BLANK, FILL_IN
from quizapp.generation.kinds import ANKI_KINDS, KIND

# Anki recognises a note type by its id: these must never change, or every re-import would add a
# second copy of each note type. Change the fields or templates only together with a new id.
BASIC_MODEL_ID = 1_694_417_301
CLOZE_MODEL_ID = 1_694_417_302


_CSS = """.card { font-family: system-ui, sans-serif; font-size: 20px; text-align: left; }
.explanation { font-size: 0.85em; }
.source { font-size: 0.75em; color: #666; }"""

_BACK_NOTES = (
    "{{#Explanation}}<p class=explanation>{{Explanation}}</p>{{/Explanation}}"
    "{{#Source}}<p class=source>{{Source}}</p>{{/Source}}"
)

BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID,
    "quizapp basic",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Explanation"}, {"name": "Source"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": "{{FrontSide}}<hr id=answer>{{Back}}" + _BACK_NOTES,
        }
    ],
    css=_CSS,
)

CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "quizapp cloze",
    fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": "Explanation"}, {"name": "Source"}],
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": "{{cloze:Text}}{{#Back Extra}}<br>{{Back Extra}}{{/Back Extra}}" + _BACK_NOTES,
        }
    ],
    css=_CSS,
    model_type=genanki.Model.CLOZE,
)


def deck_id_for(deck_name: str) -> int:
    """The same deck id for the same name, so a re-import lands in the deck it made before."""
    digest = hashlib.sha256(deck_name.encode()).digest()
    # genanki's documented range for ids, kept clear of Anki's default deck (id 1).
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def write_apkg(
    items: Iterable[Item],
    out: str | Path | BinaryIO,
    *,
    deck_name: str,
    base_url: str = "",
    timestamp: float | None = None,
) -> int:
    """Write the flashcard-style items as an Anki package; return how many notes it holds.

    ``base_url`` (e.g. ``https://quiz.example.org``) makes the source links absolute;
    ``timestamp`` is the notes' modification time (now by default): Anki's importer updates
    an existing note only when the incoming one is newer.
    """
    deck = genanki.Deck(deck_id_for(deck_name), deck_name)
    for item in items:
        note = note_for(item, base_url=base_url)
        if note is not None:
            deck.add_note(note)
    genanki.Package(deck).write_to_file(out, timestamp=timestamp)
    return len(deck.notes)


def note_for(item: Item, *, base_url: str = "") -> genanki.Note | None:
    """The Anki note of one item, or None for kinds that are not flashcards."""
    if item.kind not in ANKI_KINDS:
        return None
    common = {
        "guid": genanki.guid_for(item.key),
        "tags": [item.kind, *(concept.slug for concept in item.concepts.all())],
    }
    explanation = _html(item.shown_explanation)
    source = source_field(item, base_url)
    if KIND[item.kind].anki == "cloze":
        text = cloze_field(item.shown_prompt, item.shown_answer)
        if text is not None:
            also = [a for a in item.accepted_answers if a != item.shown_answer]
            extra = _html("Also accepted: " + ", ".join(also)) if also else ""
            return genanki.Note(
                model=CLOZE_MODEL, fields=[text, extra, explanation, source], **common
            )
        # A teacher's rewording without a blank cannot be an Anki cloze; it is still a card.
    front, back = _html(item.shown_prompt), _html(item.shown_answer)
    return genanki.Note(model=BASIC_MODEL, fields=[front, back, explanation, source], **common)


def cloze_field(prompt: str, answer: str) -> str | None:
    """``Fill in the blank: A _____ B`` and answer X as ``A {{c1::X}} B``; None if impossible."""
    text = prompt.strip()
    if text.startswith(FILL_IN.rstrip()):
        text = text.removeprefix(FILL_IN.rstrip()).lstrip()
    # Anki's own syntax would break on an answer holding its delimiters.
    if text.count(BLANK) != 1 or not answer.strip() or "::" in answer or "}}" in answer:
        return None
    before, after = text.split(BLANK)
    return f"{_html(before)}{{{{c1::{_html(answer.strip())}}}}}{_html(after)}"


def source_field(item: Item, base_url: str = "") -> str:
    """The reading and passage the item cites, linked to the passage."""
    if item.passage is None:
        return ""
    reference = f"{item.passage.source.title}, passage {item.passage.ordinal}"
    url = base_url.rstrip("/") + item.get_source_url()
    return f'<a href="{escape(url)}">{_html(reference)}</a>'


def _html(text: str) -> str:
    """Anki fields are HTML: our plain text, escaped, with its line breaks kept."""
    return escape(text).replace("\n", "<br>")
