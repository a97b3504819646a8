"""The article importer: reading, splitting, proposing, the command and its bad input."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from quizapp.bank.library_input import load_library
from quizapp.bank.models import Item
from quizapp.exchange.article_text import (
    LONG_PASSAGE,
    MAX_BYTES,
    MAX_TEXT,
    SHORT_PASSAGE,
    ArticleError,
    read_article,
    split_passages,
)
from quizapp.exchange.candidates import propose
from quizapp.generation.records import Item as GeneratedItem
from quizapp.generation.validators import Validator
from quizapp.library.mentions import contains_folded
from quizapp.library.models import Concept, Fact, Mention, Passage, Source

ARTICLE = """\
The Delta Accord and its critics

Human Rights Watch (HRW) said on Monday that the Delta Accord, signed in 2019 by the \
governments of the two neighbours, has done little for fishermen. “Blue growth” was the \
slogan the signatories chose, and Phạm Minh Chính promised that 40 harbours would be rebuilt.

According to Elena Marsh, a researcher at the University of Lisbon, the accord mostly serves \
shipping companies. Marsh said in Hanoi that “blue growth” had become an excuse for dredging \
rivers that villagers depend on for their living, and that nobody had asked them.

The Mekong Commission, a regional body created to share river data, has asked for a review. \
Its report warns that sediment loss in the delta will keep rising unless dredging stops, and \
that coastal erosion already threatens farmland in several provinces of the lower basin.

In March the ministers met again in Vientiane. Phạm Minh Chính told reporters that the review \
would be published before the next planting season, and that HRW would be invited to comment \
on the findings alongside local fishing cooperatives and provincial officials.
"""


def names(proposal) -> dict[str, object]:
    return {c.name: c for c in proposal.concepts}


def test_blank_lines_make_paragraphs_and_headings_are_left_out():
    passages = read_article(ARTICLE.encode(), "article.txt")
    assert len(passages) == 4
    assert passages[0].startswith("Human Rights Watch (HRW) said")
    assert not any(p.startswith("The Delta Accord and its critics") for p in passages)


def test_lines_are_paragraphs_when_the_text_has_no_blank_lines():
    text = "\n".join(["First paragraph. " * 15, "Second paragraph. " * 15])
    assert len(split_passages(text)) == 2


def test_short_paragraphs_are_merged_into_the_next():
    text = "Too short.\n\n" + "A proper paragraph with enough words in it. " * 6
    passages = split_passages(text)
    assert len(passages) == 1
    assert passages[0].startswith("Too short. A proper paragraph")


def test_long_paragraphs_are_split_at_sentence_ends():
    sentence = "The council met again and argued about the river for a long time. "
    passages = split_passages(sentence * 60)
    assert len(passages) > 1
    assert all(SHORT_PASSAGE <= len(p) <= LONG_PASSAGE for p in passages)
    assert all(p.endswith("time.") for p in passages)


def test_citation_marks_and_the_reference_list_are_dropped():
    body = "The report was published [3] and read widely by officials in the region. " * 4
    passages = split_passages(f"{body}\n\n[1] Some reference.\n\nSubscribe to our newsletter!")
    assert passages == [body.replace(" [3]", "").strip()]


def test_markdown_markup_is_removed():
    text = "# Title\n\n" + "Some *emphasis* and a [link](https://example.org) here. " * 5
    passages = read_article(text.encode(), "notes.md")
    assert passages[0].startswith("Some emphasis and a link here.")


def test_html_main_text_is_extracted():
    paragraph = "The Mekong Commission asked for a review of the dredging plans this year. " * 3
    html = (
        "<html><head><title>x</title></head><body><nav>Home | About | Subscribe</nav>"
        f"<article><h1>Rivers</h1><p>{paragraph}</p><p>{paragraph}</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    passages = read_article(html.encode(), "page.html")
    assert passages and "Mekong Commission" in passages[0]
    assert not any("Subscribe" in p or "Copyright" in p for p in passages)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "a.txt", "empty"),
        (b"   \n\n  ", "a.txt", "empty"),
        (b"caf\xe9 au lait", "a.txt", "UTF-8"),
        (b"x" * (MAX_BYTES + 1), "a.txt", "too large"),
        (b"word " * (MAX_TEXT // 5 + 1), "a.txt", "too long"),
        (b"<html><body><script>var a = 1;</script></body></html>", "a.html", "No article text"),
    ],
)
def test_unreadable_articles_are_refused_with_a_reason(data, filename, message):
    with pytest.raises(ArticleError, match=message):
        read_article(data, filename)


def test_each_kind_of_candidate_is_found():
    found = names(propose(read_article(ARTICLE.encode(), "a.txt")))
    assert found["Human Rights Watch"].kind == "organization"
    assert "HRW" in found["Human Rights Watch"].aliases  # an acronym for its expansion
    assert found["Elena Marsh"].kind == "person"
    assert "Marsh" in found["Elena Marsh"].aliases  # a surname for the full name
    assert found["Phạm Minh Chính"].kind == "person"  # a Vietnamese name with diacritics
    assert found["Delta Accord"].kind == "document"
    assert found["Mekong Commission"].kind == "organization"
    assert found["University of Lisbon"].kind == "organization"
    assert found["Hanoi"].kind == "place"
    assert found["Blue growth"].kind == "term"  # quoted
    # Sentence-initial words, months and stop words are not names.
    for junk in ("According", "Its", "In", "March", "Monday", "The", "Marsh"):
        assert junk not in found


def test_years_and_numbers_become_facts_but_not_those_in_names():
    proposal = propose(read_article(ARTICLE.encode(), "a.txt"))
    answers = {(f.answer, f.kind) for f in proposal.facts}
    assert ("2019", "year") in answers
    assert ("40", "number") in answers
    for fact in proposal.facts:
        assert fact.answer in fact.statement


def test_definitions_never_name_their_concept():
    for candidate in propose(read_article(ARTICLE.encode(), "a.txt")).concepts:
        assert candidate.definition
        for name in candidate.names:
            # Whole words, case and accents ignored: a name of several words counts too.
            assert not contains_folded(candidate.definition, name), (name, candidate.definition)
    found = names(propose(read_article(ARTICLE.encode(), "a.txt")))
    assert found["Elena Marsh"].definition == "A researcher at the University of Lisbon."


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "delta.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(*args) -> str:
    out = io.StringIO()
    call_command("importarticle", *map(str, args), stdout=out)
    return out.getvalue()


def library_counts() -> tuple:
    return tuple(m.objects.count() for m in (Source, Passage, Concept, Mention, Fact, Item))


@pytest.mark.django_db
def test_without_accept_the_command_lists_candidates_and_saves_nothing(article_file):
    output = run(article_file, "--title", "The Delta Accord")
    assert "4 passages." in output
    assert "Human Rights Watch (organization) — also HRW" in output
    assert "Elena Marsh (person) — also Marsh" in output
    assert "re-run with --accept" in output.lower()
    assert library_counts() == (0, 0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_with_accept_the_command_saves_the_article_and_generates_valid_items(article_file):
    url = "https://example.org/delta"
    output = run(article_file, "--title", "The Delta Accord", "--url", url, "--accept")
    source = Source.objects.get(slug="the-delta-accord")
    assert source.kind == Source.Kind.ARTICLE and not source.from_content
    assert source.url == url
    assert source.passages.count() == 4
    assert Concept.objects.filter(name="Human Rights Watch", aliases=["HRW"]).exists()
    hrw = Concept.objects.get(name="Human Rights Watch")
    # The acronym and the full name are both mentions.
    spans = {m.span_text for m in hrw.mentions.all()}
    assert {"Human Rights Watch", "HRW"} <= spans
    assert Fact.objects.filter(passage__source=source, answer="2019").exists()
    items = Item.objects.filter(passage__source=source)
    assert items.count() > 10
    assert set(items.values_list("status", flat=True)) == {Item.Status.GENERATED}
    assert {"definition", "reverse", "cloze", "mcq"} <= set(items.values_list("kind", flat=True))
    assert f"Generated {items.count()} items" in output
    validator = Validator(load_library())
    for item in items:
        generated = GeneratedItem(
            key=item.key,
            kind=item.kind,
            prompt=item.prompt,
            answer=item.answer,
            source=source.slug,
            passage=item.passage.ordinal,
            start=item.start,
            end=item.end,
            explanation=item.explanation,
            accepted=item.accepted,
            options=item.options,
            extra=item.extra,
        )
        assert validator.reasons(generated) == [], item.key


@pytest.mark.django_db
def test_accepting_twice_is_refused_because_the_slug_exists(article_file):
    run(article_file, "--title", "The Delta Accord", "--accept")
    before = library_counts()
    with pytest.raises(CommandError, match="already exists"):
        run(article_file, "--title", "The Delta Accord!", "--accept")
    assert library_counts() == before


@pytest.mark.django_db
def test_concepts_already_in_the_library_are_linked_not_duplicated(
    loaded_fixture_content, tmp_path
):
    existing = Concept.objects.first()
    path = tmp_path / "a.txt"
    body = f"The {existing.name} was discussed at length by the committee in the capital. " * 4
    path.write_text(body, encoding="utf-8")
    before = Concept.objects.filter(name=existing.name).count()
    run(path, "--title", "A discussion", "--accept")
    assert Concept.objects.filter(name=existing.name).count() == before
    assert Mention.objects.filter(concept=existing, passage__source__slug="a-discussion").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        (None, (), "No such file"),
        (b"", (), "empty"),
        (b"\xff\xfe\x00bad", (), "UTF-8"),
        (b"a" * (MAX_BYTES + 10), (), "limit"),
        (b"<html><body><div></div></body></html>", (), "No article text"),
        (ARTICLE.encode(), ("--url", "not a url"), "not a valid"),
    ],
)
def test_bad_input_is_a_command_error_and_changes_nothing(tmp_path, content, extra, message):
    path = tmp_path / ("page.html" if content and content.startswith(b"<html") else "a.txt")
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path, "--title", "Some title", "--accept", *extra)
    assert library_counts() == (0, 0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_a_title_without_letters_is_refused(article_file):
    with pytest.raises(CommandError, match="letters or digits"):
        run(article_file, "--title", "!!!", "--accept")
    assert library_counts() == (0, 0, 0, 0, 0, 0)
