"""loadcontent validates every file with file:line errors, loads atomically, and is idempotent."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quizapp.library.models import Concept, Fact, Mention, Passage, Source

pytestmark = pytest.mark.django_db


def run(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("loadcontent", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path: Path) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("loadcontent", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def snapshot() -> dict:
    """Everything loadcontent writes, with primary keys, to compare before and after."""
    return {
        "sources": list(Source.objects.order_by("pk").values()),
        "passages": list(Passage.objects.order_by("pk").values()),
        "concepts": list(Concept.objects.order_by("pk").values()),
        "related": sorted(
            Concept.related.through.objects.values_list("from_concept", "to_concept")
        ),
        "mentions": list(Mention.objects.order_by("pk").values()),
        "facts": list(Fact.objects.order_by("pk").values()),
        "fact_concepts": sorted(Fact.concepts.through.objects.values_list("fact", "concept")),
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_valid_content_loads_sources_passages_concepts_mentions_and_facts(content_dir):
    out, _ = run(content_dir)
    assert "Loaded 1 sources, 3 passages, 3 concepts, 3 facts" in out
    source = Source.objects.get(slug="alpha")
    assert source.outlet == "The Test Gazette"
    assert source.published_display == "November 2022"
    assert [p.ordinal for p in source.passages.all()] == [1, 2, 3]
    fact = Fact.objects.get(slug="alpha-drafter")
    assert fact.span_text == "drafted by the Test Committee"
    assert fact.answer_kind == "organization"  # taken from the answer concept
    assert set(fact.concepts.values_list("slug", flat=True)) == {
        "alpha-declaration",
        "test-committee",
    }
    trong = Concept.objects.get(slug="nguyen-phu-trong")
    assert [m.span_text for m in trong.mentions.all()] == ["Nguyễn Phú Trọng"]
    assert set(trong.related.values_list("slug", flat=True)) == {"alpha-declaration"}
    # symmetrical: the other side sees the relation too
    assert Concept.objects.get(slug="alpha-declaration").related.filter(pk=trong.pk).exists()


def test_check_flag_validates_without_writing(content_dir):
    out, _ = run(content_dir, "--check")
    assert "Content is valid" in out
    assert Source.objects.count() == 0


def test_second_run_changes_nothing_and_says_so(content_dir):
    run(content_dir)
    before = snapshot()
    out, _ = run(content_dir)
    assert out.startswith("No changes:")
    assert snapshot() == before


def test_edited_fact_is_updated_in_place_not_duplicated(content_dir):
    run(content_dir)
    fact_pk = Fact.objects.get(slug="alpha-drafter").pk
    edit(
        content_dir / "facts" / "alpha.yaml",
        "The Alpha Declaration was drafted by the Test Committee.",
        "The Test Committee drafted the Alpha Declaration.",
    )
    out, _ = run(content_dir)
    assert "Updated: 1 facts" in out
    fact = Fact.objects.get(slug="alpha-drafter")
    assert fact.pk == fact_pk
    assert fact.statement == "The Test Committee drafted the Alpha Declaration."
    assert Fact.objects.count() == 3


def test_edited_passage_moves_mentions_and_keeps_passage_ids(content_dir):
    run(content_dir)
    ids = list(Passage.objects.order_by("ordinal").values_list("pk", flat=True))
    edit(content_dir / "sources" / "alpha.md", "In 2022 Nguyễn", "In 2022 the leader Nguyễn")
    edit(content_dir / "facts" / "alpha.yaml", '"In 2022 Nguyễn', '"the leader Nguyễn')
    edit(content_dir / "facts" / "alpha.yaml", 'answer: "2022"', 'answer: "Beijing"')
    edit(content_dir / "facts" / "alpha.yaml", "answer_kind: year", "answer_kind: place")
    edit(
        content_dir / "facts" / "alpha.yaml",
        "In which year did the Party chief travel to Beijing?",
        "Which city did the Party chief visit?",
    )
    run(content_dir)
    assert list(Passage.objects.order_by("ordinal").values_list("pk", flat=True)) == ids
    mention = Mention.objects.get(concept__slug="nguyen-phu-trong")
    assert mention.span_text == "Nguyễn Phú Trọng"
    assert mention.start == len("In 2022 the leader ")


def test_removed_reading_and_its_facts_are_deleted(content_dir):
    run(content_dir)
    (content_dir / "facts" / "alpha.yaml").write_text("[]\n", encoding="utf-8")
    run(content_dir, "--prune")  # without it, an emptied facts file is refused
    assert Fact.objects.count() == 0
    assert Source.objects.count() == 1


@pytest.mark.parametrize(
    ("file", "old", "new", "where", "message"),
    [
        (
            "facts/alpha.yaml",
            "concepts: [test-committee]",
            "concepts: [no-such-concept]",
            "facts/alpha.yaml:16",
            "unknown concept 'no-such-concept'",
        ),
        (
            "facts/alpha.yaml",
            'quote: "met 18 times"',
            'quote: "met 19 times"',
            "facts/alpha.yaml:18",
            "span not found",
        ),
        (
            "facts/alpha.yaml",
            "slug: alpha-meetings",
            "slug: alpha-drafter",
            "facts/alpha.yaml:10",
            "duplicate fact slug 'alpha-drafter' (first at content/facts/alpha.yaml:1)",
        ),
        (
            "facts/alpha.yaml",
            "  answer: Test Committee\n",
            "",
            "facts/alpha.yaml:1",
            "missing field 'answer' in fact",
        ),
        (
            "facts/alpha.yaml",
            "date: 2022",
            "date: 2022-13",
            "facts/alpha.yaml:25",
            "bad date '2022-13'",
        ),
        (
            "sources/alpha.md",
            "published: 2022-11",
            "published: last year",
            "sources/alpha.md:8",
            "bad date 'last year'",
        ),
        (
            "concepts/core.yaml",
            "  kind: organization",
            "  kind: committee",
            "concepts/core.yaml:18",
            "unknown kind 'committee'",
        ),
        (
            "concepts/core.yaml",
            "definition: The body that drafted the joint text.",
            "definition: The Test Committee drafted the joint text.",
            "concepts/core.yaml:19",
            "gives away its name 'Test Committee'",
        ),
        (
            "facts/alpha.yaml",
            '  passage: 2\n  quote: "met',
            '  passage: 7\n  quote: "met',
            "facts/alpha.yaml:17",
            "passage 7 not found",
        ),
        (
            "facts/alpha.yaml",
            'quote: "drafted by the Test Committee"',
            'quote: "Alpha Declaration was drafted"',
            "facts/alpha.yaml:8",
            "does not state the answer 'Test Committee'",
        ),
        (
            "facts/alpha.yaml",
            "question: Which body drafted the Alpha Declaration?",
            "question: Did the Test Committee draft it?",
            "facts/alpha.yaml:3",
            "gives away the answer",
        ),
        (
            "concepts/core.yaml",
            "  related: [test-committee]",
            "  related: [test-committee]\n  colour: blue",
            "concepts/core.yaml:15",
            "unknown field 'colour'",
        ),
        (
            "concepts/core.yaml",
            "- slug: test-committee",
            "- slug: test-committee\n  nmae: x",
            "concepts/core.yaml:17",
            "unknown field 'nmae'",
        ),
        (
            "facts/alpha.yaml",
            "  answer: Test Committee",
            "  answer: [Test Committee",
            "facts/alpha.yaml:",
            "YAML syntax error",
        ),
        (
            "concepts/core.yaml",
            "  name: Alpha Declaration",
            "  name: Omega Declaration",
            "concepts/core.yaml:9",
            "'alpha-declaration' is not mentioned in any passage",
        ),
    ],
    ids=[
        "unknown-concept",
        "span-not-found",
        "duplicate-slug",
        "missing-field",
        "bad-fact-date",
        "bad-source-date",
        "bad-kind",
        "definition-gives-name",
        "passage-out-of-range",
        "quote-lacks-answer",
        "question-gives-answer",
        "unknown-field",
        "misspelt-field",
        "yaml-syntax",
        "never-mentioned",
    ],
)
def test_each_kind_of_error_is_reported_with_file_and_line(
    content_dir, file, old, new, where, message
):
    edit(content_dir / file, old, new)
    err = run_failing(content_dir)
    matching = [line for line in err.splitlines() if message in line]
    assert matching, err
    assert matching[0].startswith(f"content/{where}"), err


def test_every_problem_is_reported_not_only_the_first(content_dir):
    edit(content_dir / "facts" / "alpha.yaml", "concepts: [test-committee]", "concepts: [nope]")
    edit(content_dir / "facts" / "alpha.yaml", "date: 2022", "date: 22")
    edit(content_dir / "sources" / "alpha.md", "published: 2022-11", "published: soon")
    err = run_failing(content_dir)
    assert "unknown concept 'nope'" in err
    assert "bad date '22'" in err
    assert "bad date 'soon'" in err


def test_a_broken_file_leaves_the_database_exactly_as_it_was(content_dir):
    run(content_dir)
    before = snapshot()
    edit(content_dir / "facts" / "alpha.yaml", "Test Committee met 18 times", "Committee met 20")
    edit(content_dir / "sources" / "alpha.md", "met 18 times", "met 20 times")
    edit(content_dir / "facts" / "alpha.yaml", 'quote: "drafted by', 'quote: "written by')
    run_failing(content_dir)
    assert snapshot() == before


def test_a_failure_while_writing_rolls_back_everything(content_dir, monkeypatch):
    run(content_dir)
    before = snapshot()
    edit(content_dir / "sources" / "alpha.md", "Alpha: a test reading", "Alpha, retitled")
    edit(content_dir / "concepts" / "core.yaml", "A person used by the tests.", "Edited.")

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    # Sources and concepts are written before facts; the failure comes after them.
    monkeypatch.setattr("quizapp.library.content.sync._sync_facts", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        run(content_dir)
    assert snapshot() == before


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("loadcontent", str(tmp_path / "nowhere"), stderr=io.StringIO())


def test_a_number_fact_needs_a_positive_number_and_a_year_four_digits(content_dir):
    edit(content_dir / "facts" / "alpha.yaml", "  number: 18\n", "  number: 0\n")
    edit(content_dir / "facts" / "alpha.yaml", 'answer: "2022"', 'answer: "22"')
    edit(content_dir / "facts" / "alpha.yaml", "in 2022.", "in 22.")
    edit(content_dir / "sources" / "alpha.md", "In 2022 Nguyễn", "In 22 Nguyễn")
    edit(content_dir / "facts" / "alpha.yaml", '"In 2022 Nguyễn', '"In 22 Nguyễn')
    err = run_failing(content_dir)
    assert "needs a whole 'number' above 0" in err
    assert "a year answer must be four digits, not '22'" in err


LIST_FACT = """
- slug: alpha-parties
  statement: The Alpha Declaration was signed by the two parties in Beijing on cooperation.
  question: Which of these does the reading say the declaration was about?
  members: [two parties, cooperation]
  distractors: [trade tariffs, border patrols, river dams]
  answer_kind: phrase
  concepts: [alpha-declaration]
  passage: 1
  quote: "the two parties signed the Alpha Declaration on cooperation"
  ordered: true
"""


def test_a_list_fact_and_authored_options_load_with_the_concepts_role(content_dir):
    with (content_dir / "facts" / "alpha.yaml").open("a", encoding="utf-8") as facts:
        facts.write(LIST_FACT)
    edit(
        content_dir / "concepts" / "core.yaml",
        "  kind: organization\n",
        "  kind: organization\n  role: party-body\n",
    )
    run(content_dir)
    fact = Fact.objects.get(slug="alpha-parties")
    assert fact.members == ["two parties", "cooperation"]
    assert fact.distractors == ["trade tariffs", "border patrols", "river dams"]
    assert fact.ordered is True
    assert fact.answer == "two parties; cooperation"
    assert Concept.objects.get(slug="test-committee").role == "party-body"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("river dams]", "cooperation]", "distractor 'cooperation' is a right answer"),
        ("border patrols, river dams]", "trade tariffs]", "distractor 'trade tariffs' is repeated"),
        (
            "[two parties, cooperation]",
            "[two parties, tariffs]",
            "does not state the member 'tariffs'",
        ),
        ("[two parties, cooperation]", "[two parties]", "a list fact needs at least two members"),
        ("  members: [two parties, cooperation]\n", "", "missing field 'answer' in fact"),
    ],
    ids=[
        "distractor-is-right",
        "distractor-repeated",
        "member-not-quoted",
        "one-member",
        "no-answer",
    ],
)
def test_a_bad_list_fact_or_distractor_is_reported_with_its_line(content_dir, old, new, message):
    with (content_dir / "facts" / "alpha.yaml").open("a", encoding="utf-8") as facts:
        facts.write(LIST_FACT.replace(old, new))
    err = run_failing(content_dir)
    assert any(
        message in line and line.startswith("content/facts/alpha.yaml:")
        for line in err.splitlines()
    ), err


def test_a_distractor_naming_the_answer_concept_by_an_alias_is_refused(content_dir):
    edit(
        content_dir / "facts" / "alpha.yaml",
        "  answer_concept: test-committee\n",
        "  answer_concept: test-committee\n  distractors: [test committee, Politburo, Senate]\n",
    )
    err = run_failing(content_dir)
    assert "distractor 'test committee' is a right answer" in err
