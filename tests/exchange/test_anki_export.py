"""The .apkg export, checked by importing it into a real Anki collection (Anki's own backend)."""

from __future__ import annotations

import io
import re
import time

import genanki
import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER as IF_NEWER

from quizapp.bank.models import Item
from quizapp.exchange.anki import ANKI_KINDS, cloze_field, deck_id_for, write_apkg
from quizapp.exchange.exporting import export_items
from quizapp.study.decks import EVERYTHING

pytestmark = pytest.mark.django_db

DECK = "quizapp::Everything"
SITE = "https://quiz.example.org"


@pytest.fixture
def collection(tmp_path):
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


def import_into(col: Collection, path) -> object:
    """Import as Anki's desktop app does by default: update notes only when newer."""
    options = ImportAnkiPackageOptions(
        update_notes=IF_NEWER, update_notetypes=IF_NEWER, merge_notetypes=False
    )
    request = ImportAnkiPackageRequest(package_path=str(path), options=options)
    return col.import_anki_package(request).log


def notes_by_guid(col: Collection) -> dict:
    return {note.guid: note for note in map(col.get_note, col.find_notes(""))}


def visible(html: str) -> str:
    """What a learner reads on a rendered card: no styles, no tags or their attributes."""
    return re.sub(r"<[^>]+>", "", re.sub(r"<style>.*?</style>", "", html, flags=re.S))


def flashcard_items():
    return list(export_items(EVERYTHING).filter(kind__in=ANKI_KINDS))


def test_the_package_imports_one_note_and_one_card_per_flashcard_item(bank, collection, tmp_path):
    written = write_apkg(export_items(EVERYTHING), tmp_path / "deck.apkg", deck_name=DECK)

    log = import_into(collection, tmp_path / "deck.apkg")
    expected = flashcard_items()
    assert written == len(expected) == len(log.new) == collection.note_count()
    assert collection.card_count() == len(expected)
    assert Item.objects.filter(kind__in=["mcq", "true_false"]).exists()  # skipped, not lost
    assert set(notes_by_guid(collection)) == {genanki.guid_for(i.key) for i in expected}
    assert DECK in [d.name for d in collection.decks.all_names_and_ids()]


def test_basic_notes_carry_front_back_explanation_and_a_linked_source(bank, collection, tmp_path):
    write_apkg(
        export_items(EVERYTHING), tmp_path / "deck.apkg", deck_name=DECK, base_url=SITE + "/"
    )
    import_into(collection, tmp_path / "deck.apkg")

    item = Item.objects.get(key="qa:alpha-visit-year")
    note = notes_by_guid(collection)[genanki.guid_for(item.key)]
    assert note.note_type()["name"] == "quizapp basic"
    assert note["Front"] == "In which year did the Party chief travel to Beijing?"
    assert note["Back"] == "2022"
    assert note["Explanation"] == item.explanation
    url = SITE + item.get_source_url()
    assert note["Source"] == f'<a href="{url}">Alpha: a test reading, passage 1</a>'
    assert set(note.tags) == {"qa", "nguyen-phu-trong"}
    card = note.cards()[0]
    assert "2022" not in visible(card.question())
    assert "2022" in visible(card.answer()) and url in card.answer()


def test_cloze_items_become_anki_clozes_with_one_card_each(bank, collection, tmp_path):
    write_apkg(export_items(EVERYTHING), tmp_path / "deck.apkg", deck_name=DECK)
    import_into(collection, tmp_path / "deck.apkg")

    clozes = Item.objects.filter(kind="cloze")
    by_guid = notes_by_guid(collection)
    assert clozes.count() == 6
    for item in clozes:
        note = by_guid[genanki.guid_for(item.key)]
        assert note.note_type()["name"] == "quizapp cloze"
        assert "{{c1::" + item.answer + "}}" in note["Text"]
        assert not note["Text"].startswith("Fill in the blank")
        assert "_____" not in note["Text"]
        [card] = note.cards()
        assert card.ord == 0
        assert "[...]" in visible(card.question())
        assert item.answer not in visible(card.question())
        assert item.answer in visible(card.answer())


def test_reimporting_a_newer_export_updates_notes_and_duplicates_nothing(
    bank, collection, tmp_path
):
    first = time.time() - 3600
    write_apkg(export_items(EVERYTHING), tmp_path / "one.apkg", deck_name=DECK, timestamp=first)
    import_into(collection, tmp_path / "one.apkg")
    notes, cards = collection.note_count(), collection.card_count()

    cloze = Item.objects.get(key="cloze:fact:alpha-visit-year")
    cloze.teacher_answer = "the year 2022"
    cloze.save()
    qa = Item.objects.get(key="qa:alpha-meetings")
    qa.teacher_answer = "Eighteen <times>"
    qa.save()
    write_apkg(export_items(EVERYTHING), tmp_path / "two.apkg", deck_name=DECK)
    log = import_into(collection, tmp_path / "two.apkg")

    assert (collection.note_count(), collection.card_count()) == (notes, cards)
    assert len(log.new) == 0 and len(log.updated) == notes
    by_guid = notes_by_guid(collection)
    assert "{{c1::the year 2022}}" in by_guid[genanki.guid_for(cloze.key)]["Text"]
    assert by_guid[genanki.guid_for(qa.key)]["Back"] == "Eighteen &lt;times&gt;"


def test_reimporting_the_same_file_changes_nothing(bank, collection, tmp_path):
    write_apkg(export_items(EVERYTHING), tmp_path / "deck.apkg", deck_name=DECK)
    import_into(collection, tmp_path / "deck.apkg")
    notes = collection.note_count()
    log = import_into(collection, tmp_path / "deck.apkg")
    assert collection.note_count() == notes
    assert (len(log.new), len(log.updated)) == (0, 0)


def test_field_text_is_escaped_and_a_blankless_cloze_falls_back_to_a_basic_note(
    bank, collection, tmp_path
):
    item = Item.objects.get(key="cloze:fact:alpha-visit-year")
    item.teacher_prompt = "When did <b>Trọng</b> go to Beijing & why?"
    item.save()
    write_apkg(export_items(EVERYTHING), tmp_path / "deck.apkg", deck_name=DECK)
    import_into(collection, tmp_path / "deck.apkg")

    note = notes_by_guid(collection)[genanki.guid_for(item.key)]
    assert note.note_type()["name"] == "quizapp basic"
    assert note["Front"] == "When did &lt;b&gt;Trọng&lt;/b&gt; go to Beijing &amp; why?"
    assert note["Back"] == "2022"


def test_cloze_field_converts_our_blank_and_refuses_what_anki_cannot_parse():
    prompt = "Fill in the blank: The <Test> Committee met _____ times."
    assert cloze_field(prompt, "18") == "The &lt;Test&gt; Committee met {{c1::18}} times."
    assert cloze_field("No blank here.", "18") is None
    assert cloze_field("Two _____ and _____.", "x") is None
    assert cloze_field("Odd _____ answer.", "a}}b") is None


def test_deck_ids_are_stable_per_name_and_the_package_is_written_to_a_stream(bank):
    assert deck_id_for(DECK) == deck_id_for(DECK) != deck_id_for("quizapp::Other")
    buffer = io.BytesIO()
    assert write_apkg(export_items(EVERYTHING), buffer, deck_name=DECK) == 18
    assert buffer.getvalue()[:2] == b"PK"  # a zip archive
