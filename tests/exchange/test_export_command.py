"""manage.py export: the files it writes, what it says, and refusing what it cannot do."""

from __future__ import annotations

import io
import sqlite3
import zipfile

import pytest
from django.core.management import CommandError, call_command

from quizapp.bank.models import Item
from quizapp.exchange.gift import parse_gift
from quizapp.exchange.term_lists import parse_term_list

pytestmark = pytest.mark.django_db

FLASHCARD_STYLE = ["definition", "reverse", "cloze", "qa", "who_said", "short_answer"]


def export(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("export", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def approved(**filters):
    return Item.objects.usable().filter(status=Item.Status.APPROVED, **filters)


def test_anki_export_writes_a_package_and_reports_what_it_skipped(bank, tmp_path):
    target = tmp_path / "deck.apkg"
    out, _ = export("anki", "--out", str(target))

    flashcards = approved(kind__in=FLASHCARD_STYLE).count()
    skipped = approved().count() - flashcards
    assert out.strip() == (
        f"Wrote {flashcards} items; skipped {skipped} "
        "(mcq 2, true_false 3: not in this format) to " + str(target) + "."
    )
    assert "collection.anki2" in zipfile.ZipFile(target).namelist()


def test_only_approved_usable_items_are_exported(bank, tmp_path):
    hidden = Item.objects.get(key="definition:alpha-declaration")
    unreviewed = Item.objects.get(key="definition:test-committee")
    Item.objects.filter(pk=hidden.pk).update(status=Item.Status.HIDDEN)
    Item.objects.filter(pk=unreviewed.pk).update(status=Item.Status.GENERATED)
    out, _ = export("gift", "--out", "-")
    assert out.count("::definition\\:") == approved(kind="definition").count() == 1
    assert hidden.prompt not in out and unreviewed.prompt not in out


def test_csv_is_quizlets_tab_separated_term_list_by_default(bank, tmp_path):
    target = tmp_path / "terms.tsv"
    out, _ = export("csv", "--out", str(target), "--source", "alpha")

    text = target.read_text()
    qa = Item.objects.get(key="qa:alpha-visit-year")
    assert f"{qa.prompt}\t{qa.answer}\n" in text
    pairs = parse_term_list(text, header=False)  # no duplicate terms, nothing malformed
    terms = {pair.term for pair in pairs}
    assert terms == {item.prompt for item in approved(kind__in=FLASHCARD_STYLE)}
    assert out.startswith(f"Wrote {len(pairs)} items; skipped {approved().count() - len(pairs)} (")
    assert "repeating a term already written" in out


def test_csv_with_comma_has_a_header_and_goes_to_stdout(bank):
    out, err = export("csv", "--out", "-", "--delimiter", "comma")
    assert out.startswith("term,definition\n")
    terms = {pair.term for pair in parse_term_list(out, header=True)}
    assert terms == {item.prompt for item in approved(kind__in=FLASHCARD_STYLE)}
    assert err.startswith("Wrote ")  # counts on stderr keep the piped file clean


def test_gift_export_can_be_read_back(bank, tmp_path):
    target = tmp_path / "quiz.gift.txt"
    out, _ = export("gift", "--out", str(target), "--concept", "test-committee")

    questions = parse_gift(target.read_text())
    expected = approved(concepts__slug="test-committee").count()
    assert len(questions) == expected > 0
    assert out.startswith(f"Wrote {expected} items; skipped 0")


def test_a_concept_deck_exports_only_that_concepts_items(bank, tmp_path):
    out, _ = export("gift", "--out", "-", "--concept", "test-committee")
    assert (
        out.count("\n::") + out.startswith("::")
        == approved(concepts__slug="test-committee").count()
    )
    assert "alpha-visit-year" not in out  # a fact about another concept


@pytest.mark.parametrize("option", ["--source", "--concept"])
def test_an_unknown_slug_is_an_error_and_writes_nothing(bank, tmp_path, option):
    target = tmp_path / "deck.apkg"
    with pytest.raises(CommandError, match=r"No (source|concept) with the slug 'nope'"):
        export("anki", "--out", str(target), option, "nope")
    assert not target.exists()


def test_an_anki_package_cannot_go_to_stdout(bank):
    with pytest.raises(CommandError, match="binary"):
        export("anki", "--out", "-")


def test_an_unwritable_path_is_a_clear_error(bank, tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        export("gift", "--out", str(tmp_path / "missing-folder" / "quiz.gift.txt"))


def test_base_url_makes_the_anki_source_links_absolute(bank, tmp_path):
    target = tmp_path / "deck.apkg"
    export("anki", "--out", str(target), "--base-url", "https://quiz.example.org/")
    collection = tmp_path / "collection.anki2"
    collection.write_bytes(zipfile.ZipFile(target).read("collection.anki2"))
    with sqlite3.connect(collection) as db:
        fields = [row[0] for row in db.execute("SELECT flds FROM notes")]
    assert fields and all('href="https://quiz.example.org/sources/alpha/' in f for f in fields)
