"""Quizlet lists and CSV term lists: parsing, every refusal, saving, export and round trip."""

from __future__ import annotations

import pytest

from quizapp.bank.models import Item
from quizapp.exchange.list_import import import_term_list
from quizapp.exchange.problems import ImportProblems
from quizapp.exchange.term_lists import parse_term_list, write_term_list
from quizapp.library.models import Passage, Source


def problems_of(text: str, **options) -> list[str]:
    with pytest.raises(ImportProblems) as refused:
        parse_term_list(text, **options)
    return refused.value.problems


def pairs(text: str, **options) -> list[tuple[str, str]]:
    return [(p.term, p.definition) for p in parse_term_list(text, **options)]


def test_quizlet_tab_list_keeps_commas_in_definitions():
    text = "perro\tdog\nmitosis\tcell division, giving two identical cells\n\n"
    assert pairs(text) == [
        ("perro", "dog"),
        ("mitosis", "cell division, giving two identical cells"),
    ]


def test_quizlet_comma_list_splits_at_the_first_comma():
    assert pairs("perro,dog\ngato,cat, a pet\n") == [("perro", "dog"), ("gato", "cat, a pet")]


def test_csv_with_header_accepts_quoting_and_line_breaks_in_cells():
    text = 'term,definition\n"Paris, France","capital\nof France"\n"say ""hi""",greet\n'
    parsed = parse_term_list(text, header=True)
    assert [(p.term, p.definition, p.line) for p in parsed] == [
        ("Paris, France", "capital of France", 2),
        ('say "hi"', "greet", 4),
    ]


def test_tab_separated_file_with_header_is_read_as_csv():
    assert pairs("Term\tDefinition\nsun\ta star\n", header=True) == [("sun", "a star")]


def test_every_bad_line_is_reported_with_its_number():
    text = "a\tone\nb two\n\tmissing term\nA\tagain\nc\t\nd\tx\ty\n"
    assert problems_of(text) == [
        "line 2: no tab between term and definition",
        "line 3: empty term",
        "line 4: duplicate term “A” (first on line 1)",
        "line 5: empty definition",
        "line 6: more than one tab: expected term<TAB>definition",
    ]


def test_comma_list_line_without_comma_is_reported():
    assert problems_of("a,one\nb one\n") == ["line 2: no comma between term and definition"]


def test_too_long_terms_and_definitions_are_refused():
    text = f"{'t' * 301}\tshort\nok\t{'d' * 2001}\n"
    assert problems_of(text) == [
        "line 1: term is too long (301 characters, at most 300)",
        "line 2: definition is too long (2001 characters, at most 2000)",
    ]


def test_csv_without_its_header_is_refused():
    assert problems_of("sun,a star\n", header=True) == [
        "line 1: a CSV term list must start with the header row term,definition"
    ]


def test_csv_problems_name_their_lines():
    text = 'term,definition\nsun\nmoon,a,satellite\n"open,quote\n'
    assert problems_of(text, header=True) == [
        "line 2: no definition column",
        "line 3: 3 columns; expected term and definition",
        "line 4: not valid CSV: a quote opened here is never closed",
    ]


def test_an_empty_file_has_no_terms():
    assert problems_of("\n\n") == ["line 1: the file has no terms"]


def test_a_file_with_too_many_terms_is_refused_at_the_first_one_over(monkeypatch):
    monkeypatch.setattr("quizapp.exchange.term_lists.MAX_PAIRS", 2)
    text = "a\tone\n\nb\ttwo\nc\tthree\n"
    assert problems_of(text) == ["line 4: more than 2 terms"]


def test_write_uses_the_teachers_wording_as_quizlet_tsv():
    items = [
        Item(prompt="sun", answer="a star, the nearest"),
        Item(prompt="moon", answer="old", teacher_answer="a natural\tsatellite"),
    ]
    assert write_term_list(items) == "sun\ta star, the nearest\nmoon\ta natural satellite\n"


def test_write_csv_with_header_quotes_commas():
    items = [Item(prompt="Paris, France", answer="capital")]
    assert write_term_list(items, delimiter=",", header=True) == (
        'term,definition\n"Paris, France",capital\n'
    )


@pytest.mark.django_db
def test_import_saves_a_source_passages_and_approved_items(teacher):
    long = "the division of one cell nucleus into two, each with the same set of chromosomes"
    text = f"perro\tdog\nmitosis\t{long}\n"
    result = import_term_list(text, title="Spanish 1", user=teacher, header=False)
    assert (result.created, result.updated, result.imported) == (2, 0, 2)
    source = result.source
    assert source.title == "Spanish 1" and not source.from_content
    assert source.order == Source.objects.exclude(pk=source.pk).count() + 1  # after the rest
    assert "imported" in source.summary and "tea" in source.summary
    items = {i.prompt: i for i in Item.objects.filter(passage__source=source)}
    short, long = items["perro"], items["mitosis"]
    assert short.kind == "qa" and short.accepted == ["dog"] and short.is_typable
    assert long.kind == "definition" and long.accepted == []
    for item in items.values():
        assert item.origin == Item.Origin.IMPORTED and item.status == Item.Status.APPROVED
        assert item.key.startswith("import:")
        assert item.span_text == item.answer  # the cited span is the definition
        assert item.passage.text == f"{item.prompt} — {item.answer}"
        assert item.passage.folded == item.passage.text.lower()
    assert list(source.passages.values_list("ordinal", flat=True)) == [1, 2]


@pytest.mark.django_db
def test_reimporting_updates_items_and_retires_dropped_ones(teacher):
    first = import_term_list(
        "sun\tstar\nmoon\tsatellite\n", title="Sky", user=teacher, header=False
    )
    moon = Item.objects.get(prompt="moon")
    moon.status = Item.Status.HIDDEN
    moon.teacher_prompt = "The moon"
    moon.save()
    again = import_term_list(
        "moon\tnatural satellite\ncomet\ticy body\n", title="Sky", user=teacher, header=False
    )
    assert again.source.pk == first.source.pk
    assert again.source.order == first.source.order  # a re-import keeps its place
    assert (again.created, again.updated, again.retired) == (1, 1, 1)
    moon.refresh_from_db()
    assert moon.answer == "natural satellite" and moon.passage.ordinal == 1
    assert moon.status == Item.Status.HIDDEN and moon.teacher_prompt == "The moon"
    assert Item.objects.get(prompt="sun").retired_at is not None
    assert Source.objects.filter(title="Sky").count() == 1
    assert Passage.objects.filter(source=again.source).count() == 2


@pytest.mark.django_db
def test_a_bad_line_saves_nothing(teacher):
    before = (Item.objects.count(), Source.objects.count(), Passage.objects.count())
    with pytest.raises(ImportProblems) as refused:
        import_term_list("sun\tstar\nmoon\n", title="Sky", user=teacher, header=False)
    assert refused.value.problems == ["line 2: no tab between term and definition"]
    assert (Item.objects.count(), Source.objects.count(), Passage.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize(("delimiter", "header"), [("\t", False), (",", True)])
def test_export_then_import_gives_the_same_cards(teacher, delimiter, header):
    text = 'perro\tdog\nParis, France\tthe capital, on the Seine\n"quoted"\tyes\n'
    import_term_list(text, title="Round", user=teacher, header=False)
    originals = list(Item.objects.order_by("passage__ordinal"))
    exported = write_term_list(originals, delimiter=delimiter, header=header)
    import_term_list(exported, title="Round 2", user=teacher, header=header)
    copies = list(
        Item.objects.filter(passage__source__title="Round 2").order_by("passage__ordinal")
    )
    fields = ("kind", "prompt", "answer", "accepted", "options")
    assert [[getattr(i, f) for f in fields] for i in copies] == [
        [getattr(i, f) for f in fields] for i in originals
    ]
