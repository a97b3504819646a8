"""loadcontent on files built to break it: each is a file:line message, and nothing loads.

The NUL and length cases passed SQLite and failed on PostgreSQL with a traceback; run
this file on PostgreSQL too.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quizapp.library.models import Concept, Fact, Source
from tests.library.test_loadcontent import edit, run, snapshot

pytestmark = pytest.mark.django_db


def refused(path: Path, *args: str) -> str:
    """stderr of a run that must load nothing and end with the usual CommandError."""
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("loadcontent", str(path), *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_a_latin1_reading_names_its_line(content_dir):
    path = content_dir / "sources" / "alpha.md"
    text = path.read_text(encoding="utf-8").replace("Nguyễn Phú Trọng", "Ngo café")
    path.write_bytes(text.encode("latin-1"))
    assert "sources/alpha.md:11: the file is not UTF-8 text; save it as UTF-8" in refused(
        content_dir
    )
    assert not Source.objects.exists()


def test_a_utf16_concepts_file_says_to_save_it_as_utf8(content_dir):
    path = content_dir / "concepts" / "core.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert "concepts/core.yaml:1: the file is UTF-16 text, not UTF-8; save it as UTF-8" in (
        refused(content_dir)
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("order: 1", "order: -1", "sources/alpha.md:3: 'order' must be a whole number from 0 "),
        ("order: 1", "order: 99999999999999999999", "sources/alpha.md:3: 'order' must be"),
        (
            'title: "Alpha: a test reading"',
            "title: " + "T" * 301,
            "sources/alpha.md:2: 'title' is 301",
        ),
    ],
)
def test_bad_numbers_and_lengths_in_a_reading(content_dir, old, new, message):
    edit(content_dir / "sources" / "alpha.md", old, new)
    assert message in refused(content_dir)
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("number: 18", "number: 9999999999999", "facts/alpha.yaml:15: 'number' must be a whole"),
        ("number: 18", "number: -99999999999", "facts/alpha.yaml:15: 'number' must be a whole"),
        ("slug: alpha-meetings", "slug: a" + "-a" * 80, "facts/alpha.yaml:10: 'slug' is 161"),
        ('quote: "met 18 times"', 'quote: "met 18\\0 times"', "facts/alpha.yaml:18: a NUL"),
    ],
)
def test_bad_numbers_lengths_and_nul_in_a_fact(content_dir, old, new, message):
    edit(content_dir / "facts" / "alpha.yaml", old, new)
    assert message in refused(content_dir)
    assert not Fact.objects.exists()


def test_an_over_long_file_name_slug_and_concept_name(content_dir):
    source = content_dir / "sources" / "alpha.md"
    source.rename(content_dir / "sources" / ("a" * 121 + ".md"))
    edit(content_dir / "concepts" / "core.yaml", "name: Test Committee", "name: " + "N" * 201)
    problems = refused(content_dir)
    assert f"sources/{'a' * 121}.md:1: the file name (the reading's slug) is 121" in problems
    assert "concepts/core.yaml:17: 'name' is 201 characters long; at most 200 fit" in problems


def test_a_nul_escape_in_a_concept_is_refused(content_dir):
    edit(content_dir / "concepts" / "core.yaml", "name: Alpha Declaration", 'name: "Alpha\\0"')
    assert "concepts/core.yaml:10: a NUL character" in refused(content_dir)
    assert not Concept.objects.exists()


def test_a_directory_named_like_a_content_file(content_dir):
    (content_dir / "concepts" / "more.yaml").mkdir()
    assert "concepts/more.yaml:1: not a file" in refused(content_dir)


def test_a_35_mb_reading_is_refused_with_the_limit(content_dir):
    path = content_dir / "sources" / "alpha.md"
    with path.open("a", encoding="utf-8") as file:
        file.write("\nPadding sentence for size. " * 1_250_000)
    limit = "a content file may be at most 1,000,000 bytes; split it"
    assert f"sources/alpha.md:1: the file is 35,000,490 bytes: {limit}" in refused(content_dir)


def test_a_concept_related_to_itself_is_refused(content_dir):
    edit(
        content_dir / "concepts" / "core.yaml",
        "related: [test-committee]",
        "related: [alpha-declaration]",
    )
    assert "concepts/core.yaml:14: concept 'alpha-declaration' is related to itself" in refused(
        content_dir
    )
    assert not Concept.objects.exists()


def test_an_empty_facts_file_deletes_nothing_without_prune(content_dir):
    run(content_dir)
    before = snapshot()
    (content_dir / "facts" / "alpha.yaml").write_text("# facts to come\n", encoding="utf-8")
    problems = refused(content_dir)
    assert (
        "facts/alpha.yaml:1: the file has no facts: loading it would delete the 3 facts of "
        "'alpha'; run with --prune to delete them" in problems
    )
    assert snapshot() == before
    assert "--prune" in refused(content_dir, "--check")
    out, _ = run(content_dir, "--prune")
    assert "Deleted: 3 facts" in out
    assert not Fact.objects.exists()


def test_an_empty_facts_file_for_a_new_reading_is_fine(content_dir):
    (content_dir / "facts" / "alpha.yaml").write_text("[]\n", encoding="utf-8")
    out, _ = run(content_dir)
    assert "Loaded 1 sources" in out
