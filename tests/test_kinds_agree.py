"""Every place that knows about kinds agrees with the tables (generation/kinds.py for items,
library/kinds.py for concepts), checked through what each place shows or does.

The items are made from the table itself, one per kind and shaped by its answer form, so a kind
added to the table is checked here without touching this file.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from quizapp.bank.models import Item
from quizapp.exchange.anki import CLOZE_MODEL, note_for
from quizapp.exchange.exporting import build_export
from quizapp.generation.citing import BLANK, FILL_IN
from quizapp.generation.kinds import (
    CHOICE,
    ITEM_KINDS,
    KIND,
    KIND_CHOICES,
    MATCHING,
    ORDERING,
    QUIZ_KINDS,
    ItemKind,
)
from quizapp.library.kinds import (
    ANSWER_KIND_CHOICES,
    ANSWER_KINDS,
    CONCEPT_KIND_CHOICES,
    CONCEPT_KINDS,
)
from quizapp.library.models import Concept, Fact
from quizapp.quizzes.attempts import add_missed_to_flashcards, attempt_start
from quizapp.quizzes.builder import Criteria, candidates, quiz_create
from quizapp.study.decks import EVERYTHING
from quizapp.study.models import Card

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# The field each answer form puts on a quiz page; anything else is answered in a text box.
# Matching and ordering fields are named by tokens of the attempt (quizzes/answer_fields.py),
# so each form is told by what its selects offer: descriptions to choose, or places.
FIELD_OF_FORM = {
    CHOICE: 'name="choice"',
    MATCHING: '<option value="">Choose…</option>',
    ORDERING: 'aria-label="Place of: ',
}


def item_of(kind: ItemKind) -> Item:
    """An approved item of ``kind``, with the data its answer form needs."""
    fields = {"prompt": f"{FILL_IN}The {BLANK} of {kind.value}.", "answer": "right"}
    if kind.answer_form == CHOICE:
        options = ["True", "False"] if kind.fixed_options else ["right", "wrong", "other", "none"]
        fields |= {"options": options, "answer": options[0]}
    elif kind.answer_form == MATCHING:
        fields |= {"answer": "", "extra": {"pairs": [["A", "a"], ["B", "b"], ["C", "c"]]}}
    elif kind.answer_form == ORDERING:
        sequence = ["first", "second", "third"]
        fields |= {"options": sequence, "extra": {"sequence": sequence, "facts": []}}
    return Item.objects.create(
        key=f"test-{kind.value}", kind=kind.value, status=Item.Status.APPROVED, **fields
    )


@pytest.fixture
def one_of_each(db) -> dict[str, Item]:
    return {kind.value: item_of(kind) for kind in ITEM_KINDS}


def kinds_of(items) -> set[str]:
    return {item.kind for item in items}


def quiz_kinds_of(items: dict[str, Item]) -> list[Item]:
    return [items[value] for value in QUIZ_KINDS]


# The bank and studying --------------------------------------------------------------------


def test_the_bank_stores_and_filters_by_exactly_the_tables_kinds(client, teacher):
    assert Item._meta.get_field("kind").choices == KIND_CHOICES
    assert Item.Kind.choices == KIND_CHOICES
    client.force_login(teacher)
    html = client.get(reverse("bank:list")).content.decode()
    select = re.search(r'<select name="kind".*?</select>', html, re.S).group(0)
    offered = re.findall(r'<option value="(\w+)"[^>]*>([^<]+)</option>', select)
    assert offered == KIND_CHOICES


def test_the_generate_command_reports_every_kind_of_the_table(loaded_fixture_content):
    out = io.StringIO()
    call_command("generate", stdout=out)
    reported = re.findall(r"^  (\w+) +\d+$", out.getvalue(), re.M)
    assert reported[: len(ITEM_KINDS)] == [kind.value for kind in ITEM_KINDS]


def test_flashcards_and_typed_answers_follow_the_table(one_of_each):
    assert kinds_of(Item.objects.for_flashcards()) == {k.value for k in ITEM_KINDS if k.flashcard}
    typable = {value for value, item in one_of_each.items() if item.is_typable}
    assert typable == {kind.value for kind in ITEM_KINDS if kind.typable}


def test_a_missed_question_becomes_a_card_when_its_kind_says_so(one_of_each, student):
    add_missed_to_flashcards(student, list(one_of_each.values()), timezone.now())
    carded = set(Card.objects.filter(user=student).values_list("item__kind", flat=True))
    assert carded == {kind.value for kind in ITEM_KINDS if kind.becomes_card}


def test_the_bank_preview_shows_pairs_and_sequences_by_answer_form(client, teacher, one_of_each):
    client.force_login(teacher)
    for value, item in one_of_each.items():
        html = client.get(reverse("bank:item", args=[item.pk])).content.decode()
        assert ("Pairs to match" in html) == (KIND[value].answer_form == MATCHING), value
        assert ('<ol class="options">' in html) == (KIND[value].answer_form == ORDERING), value


# Quizzes ----------------------------------------------------------------------------------


def test_the_builder_offers_exactly_the_quiz_kinds_with_the_tables_labels(client, teacher):
    client.force_login(teacher)
    html = client.get(reverse("quizzes:new")).content.decode()
    offered = dict(re.findall(r'name="kinds" value="(\w+)"[^>]*>\s*([^<]+?)\s*</label>', html))
    assert offered == {value: KIND[value].label for value in QUIZ_KINDS}
    assert "definition" not in offered  # a whole sentence no lenient matching can grade


@pytest.mark.parametrize(
    ("difficulty", "wanted"),
    [("mixed", set(QUIZ_KINDS)), ("easier", {v for v in QUIZ_KINDS if KIND[v].easier})],
)
def test_the_builder_picks_kinds_by_difficulty_from_the_table(one_of_each, difficulty, wanted):
    found = kinds_of(candidates(Criteria(difficulty=difficulty)))
    assert found == wanted
    if difficulty == "easier":
        harder = kinds_of(candidates(Criteria(difficulty="harder")))
        assert harder == set(QUIZ_KINDS) - wanted


def test_each_quiz_question_offers_the_fields_of_its_answer_form(client, teacher, student):
    client.force_login(student)
    for value in QUIZ_KINDS:
        quiz = quiz_create(teacher, value, [item_of(KIND[value])])
        attempt = attempt_start(quiz=quiz, student=student, now=timezone.now())
        html = client.get(attempt.get_absolute_url()).content.decode()
        form = KIND[value].answer_form
        for answer_form, field in FIELD_OF_FORM.items():
            assert (field in html) == (answer_form == form), (value, answer_form)
        assert ('name="text"' in html) == (form not in FIELD_OF_FORM), value


def test_the_printed_quiz_gives_boxes_to_choices_and_lines_to_typed_answers(
    client, teacher, one_of_each
):
    quiz = quiz_create(teacher, "Print", quiz_kinds_of(one_of_each))
    client.force_login(teacher)
    html = client.get(reverse("quizzes:print", args=[quiz.pk])).content.decode()
    choices = [one_of_each[v] for v in QUIZ_KINDS if KIND[v].is_choice]
    assert html.count("☐") == sum(len(item.options) for item in choices)
    forms = [KIND[v].answer_form for v in QUIZ_KINDS]
    assert html.count('class="answer-line"') == sum(f not in FIELD_OF_FORM for f in forms)


@pytest.mark.parametrize("shuffle_options", [False, True])
def test_an_attempt_shuffles_options_as_the_table_says(
    one_of_each, teacher, student, shuffle_options
):
    quiz = quiz_create(
        teacher, "Shuffle", quiz_kinds_of(one_of_each), shuffle_options=shuffle_options
    )
    attempt = attempt_start(quiz=quiz, student=student, now=timezone.now())
    kind_of = {str(q.pk): q.item.kind for q in quiz.questions.select_related("item")}
    shuffled = {kind_of[pk] for pk in attempt.option_orders}
    if shuffle_options:
        assert shuffled == {v for v in QUIZ_KINDS if not KIND[v].fixed_options}
    else:
        assert shuffled == {v for v in QUIZ_KINDS if KIND[v].always_shuffled}


# Export -----------------------------------------------------------------------------------


def test_anki_and_term_lists_hold_exactly_the_anki_kinds(one_of_each):
    anki = {kind.value for kind in ITEM_KINDS if kind.anki}
    left_out = {kind.value: 1 for kind in ITEM_KINDS if not kind.anki}
    for fmt in ("anki", "csv"):
        export = build_export(fmt, EVERYTHING)
        assert export.written == len(anki), fmt
        assert export.skipped_kinds == left_out, fmt
    for value in anki:
        note = note_for(one_of_each[value])
        assert (note.model is CLOZE_MODEL) == (KIND[value].anki == "cloze"), value


def test_gift_writes_every_kind_it_can_express(one_of_each):
    export = build_export("gift", EVERYTHING)
    text = export.content.decode()
    written = {value for value in one_of_each if f"::test-{value}::" in text}
    assert written == {kind.value for kind in ITEM_KINDS if kind.gift}
    assert export.skipped == sum(not kind.gift for kind in ITEM_KINDS)
    true_false = [v for v in written if KIND[v].fixed_options]
    assert all(re.search(rf"::test-{v}::.*\{{T\}}", text) for v in true_false)


# Templates --------------------------------------------------------------------------------


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_no_template_compares_a_kind_with_a_kind_name(template):
    """Templates branch on the table's flags (item.kind_info), so a new kind needs none."""
    names = "|".join(kind.value for kind in ITEM_KINDS)
    assert not re.search(rf"""kind\s*[!=]=\s*["']({names})["']""", template.read_text())


# Concept kinds ----------------------------------------------------------------------------


def test_concept_and_answer_kinds_are_the_library_table():
    assert Concept._meta.get_field("kind").choices == list(CONCEPT_KIND_CHOICES)
    assert Concept.Kind.choices == list(CONCEPT_KIND_CHOICES)
    assert Fact._meta.get_field("answer_kind").choices == list(ANSWER_KIND_CHOICES)
    assert Fact.AnswerKind.choices == list(ANSWER_KIND_CHOICES)
    assert CONCEPT_KINDS < ANSWER_KINDS  # a fact may have any concept as its answer


def test_the_concept_list_filters_by_exactly_the_concept_kinds(client):
    html = client.get(reverse("library:concepts")).content.decode()
    offered = re.findall(r'<a href="\?kind=(\w+)"[^>]*>([^<]+)</a>', html)
    assert offered == list(CONCEPT_KIND_CHOICES)


@pytest.mark.parametrize(
    ("path", "line", "kinds"),
    [
        ("concepts/core.yaml", "  kind: organization", CONCEPT_KINDS),
        ("facts/alpha.yaml", "  answer_kind: number", ANSWER_KINDS),
    ],
)
def test_the_content_reader_names_the_tables_kinds(content_dir, path, line, kinds):
    file = content_dir / path
    file.write_text(file.read_text().replace(line, line.split(":")[0] + ": planet", 1))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("loadcontent", str(content_dir), stdout=io.StringIO(), stderr=err)
    listed = re.search(r"unknown (?:answer_)?kind 'planet': (?:use )?(.*)", err.getvalue())
    assert listed.group(1).split(", ") == sorted(kinds)
